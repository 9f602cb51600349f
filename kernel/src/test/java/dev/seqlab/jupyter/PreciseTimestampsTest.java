package dev.seqlab.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PreciseTimestampsTest {

    @Test
    void datesKeepTheirInstantToTheMillisecond() {
        Message<?> m = new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.BUSY);
        String before = m.getHeader().getTimestamp().getDateString();
        assertTrue(before.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d[+-]\\d{4}"), "basekernel writes minutes: " + before);
        Message<?> p = PreciseTimestamps.restamp(m);
        String date = p.getHeader().getTimestamp().getDateString();
        assertTrue(date.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z"), date);
        assertEquals(m.getHeader().getTimestamp().getDate().toInstant(), Instant.parse(date));
        assertEquals(m.getHeader().getId(), p.getHeader().getId());
        assertEquals(m.getHeader().getType(), p.getHeader().getType());
        assertEquals(m.getHeader().getSessionId(), p.getHeader().getSessionId());
        assertSame(m.getContent(), p.getContent());
    }
}
