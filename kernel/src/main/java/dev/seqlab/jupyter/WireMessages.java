package dev.seqlab.jupyter;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.github.spencerpark.jupyter.kernel.ExpressionValue;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.ReplyType;
import io.github.spencerpark.jupyter.messages.adapters.ExpressionValueAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HeaderAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryEntryAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryRequestAdapter;
import io.github.spencerpark.jupyter.messages.adapters.KernelTimestampAdapter;
import io.github.spencerpark.jupyter.messages.adapters.MessageTypeAdapter;
import io.github.spencerpark.jupyter.messages.adapters.PublishStatusAdapter;
import io.github.spencerpark.jupyter.messages.adapters.ReplyTypeAdapter;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parses one whole multipart Jupyter message, already read off the socket to its last frame.
 * basekernel 2.3.0 reads frame by frame and trusts the layout: a message without the
 * {@code <IDS|MSG>} delimiter, or with fewer than five frames after it, makes it block and read on
 * into the next client's message, so that message is lost or its reply goes to the wrong peer.
 * Reading the whole message first and checking its layout here drops a malformed message as one
 * unit. The JSON parsing is basekernel's (same adapters), so well-formed messages parse exactly
 * as before.
 */
final class WireMessages {

    /** A message that is not a Jupyter message: dropped whole, with this sentence logged. */
    static final class MalformedMessageException extends RuntimeException {
        MalformedMessageException(String message) {
            super(message);
        }
    }

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private static final Gson REPLY_GSON = new GsonBuilder()
            .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
            .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
            .create();
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(PublishStatus.class, PublishStatusAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .registerTypeHierarchyAdapter(ReplyType.class, new ReplyTypeAdapter(REPLY_GSON))
            .create();
    private static final Type JSON_OBJ_AS_MAP = new TypeToken<Map<String, Object>>() {}.getType();

    private WireMessages() {}

    /**
     * Parses the frames of one message: routing identities, the delimiter, the signature, header,
     * parent header, metadata, content and any buffers.
     *
     * @param frames every frame of the multipart message
     * @param hmac the connection's signer (its null signature means "unsigned connection")
     * @return the message
     * @throws SecurityException when the signature is missing or wrong
     * @throws MalformedMessageException when the layout or the JSON is wrong
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> parse(List<byte[]> frames, HMACGenerator hmac) {
        int d = 0;
        while (d < frames.size() && !Arrays.equals(DELIMITER, frames.get(d))) {
            d++;
        }
        if (d == frames.size()) {
            throw new MalformedMessageException("a message of " + frames.size() + " frames has no <IDS|MSG> delimiter");
        }
        if (frames.size() - d - 1 < 5) {
            throw new MalformedMessageException("a message has " + (frames.size() - d - 1)
                    + " frames after its delimiter; a Jupyter message has at least 5 (signature, header, parent, metadata, content)");
        }
        List<byte[]> identities = new ArrayList<>(frames.subList(0, d));
        String receivedSig = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        byte[] headerRaw = frames.get(d + 2);
        byte[] parentRaw = frames.get(d + 3);
        byte[] metadataRaw = frames.get(d + 4);
        byte[] contentRaw = frames.get(d + 5);
        List<byte[]> blobs = new ArrayList<>(frames.subList(d + 6, frames.size()));
        String expected = hmac.calculateSignature(headerRaw, parentRaw, metadataRaw, contentRaw);
        if (expected != null && !expected.equals(receivedSig)) {
            throw new SecurityException("Message received had invalid signature");
        }
        try {
            Header<?> header = GSON.fromJson(new String(headerRaw, StandardCharsets.UTF_8), Header.class);
            if (header == null || header.getType() == null) {
                throw new MalformedMessageException("a message has no header or no msg_type");
            }
            Header<?> parent = null;
            JsonElement parentJson = JsonParser.parseString(new String(parentRaw, StandardCharsets.UTF_8));
            if (parentJson.isJsonObject() && parentJson.getAsJsonObject().size() > 0) {
                parent = GSON.fromJson(parentJson, Header.class);
            }
            Map<String, Object> metadata = GSON.fromJson(new String(metadataRaw, StandardCharsets.UTF_8), JSON_OBJ_AS_MAP);
            Object content = GSON.fromJson(new String(contentRaw, StandardCharsets.UTF_8), header.getType().getContentType());
            if (content instanceof ErrorReply) {
                header = new Header<>(header.getId(), header.getUsername(), header.getSessionId(), header.getTimestamp(),
                        header.getType().error(), header.getVersion());
            }
            return new Message(identities, header, parent, metadata, content, blobs);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedMessageException("a signed message's JSON could not be read: " + e.getMessage());
        }
    }
}
