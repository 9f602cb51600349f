package dev.seqlab.jupyter;

import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.Message;
import java.time.format.DateTimeFormatter;

/**
 * Writes message dates to the millisecond. basekernel 2.3.0 formats every header date as
 * {@code yyyy-MM-dd'T'HH:mmZ}, to the minute, so clients that time cells from the dates of the
 * kernel's messages (JupyterLab's cell timing, the busy and idle statuses) saw whole minutes.
 * The message keeps the instant basekernel took when it built it; only its text changes.
 */
final class PreciseTimestamps {

    private PreciseTimestamps() {}

    /**
     * Returns the message with its own header's date written as ISO 8601 in UTC with
     * milliseconds ({@code 2026-11-30T11:39:26.123Z}); the parent header is the client's and
     * stays as it came.
     *
     * @param m a message about to be sent
     * @return an equal message with a precise date
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> restamp(Message<?> m) {
        Header h = m.getHeader();
        if (h == null || h.getTimestamp() == null) {
            return m;
        }
        String date = DateTimeFormatter.ISO_INSTANT.format(h.getTimestamp().getDate().toInstant());
        Header precise = new Header(h.getId(), h.getUsername(), h.getSessionId(), new KernelTimestamp(date), h.getType(), h.getVersion());
        return new Message(m.getIdentities(), precise, m.getParentHeader(), m.getMetadata(), m.getContent(), m.getBlobs());
    }
}
