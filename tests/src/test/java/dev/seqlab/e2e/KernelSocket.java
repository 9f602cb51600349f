package dev.seqlab.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The browser's connection to a kernel: the notebook server's websocket
 * {@code /api/kernels/<id>/channels}, on which every Jupyter message travels as one JSON text
 * frame with a {@code channel} field (shell, iopub, stdin, control). Messages are queued as
 * they arrive; {@link #until} collects those answering one request until its status turns idle.
 */
final class KernelSocket implements AutoCloseable {

    private final WebSocket socket;
    private final String session = UUID.randomUUID().toString();
    private final BlockingQueue<JsonObject> received;

    private KernelSocket(WebSocket socket, BlockingQueue<JsonObject> received) {
        this.socket = socket;
        this.received = received;
    }

    /** Connects as the notebook page does, with a fresh session id. */
    static KernelSocket connect(NotebookServer server, String kernelId) {
        BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    queue.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
        String sessionId = UUID.randomUUID().toString();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "token " + server.token)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port + "/api/kernels/" + kernelId + "/channels?session_id=" + sessionId),
                        listener)
                .orTimeout(60, TimeUnit.SECONDS).join();
        return new KernelSocket(ws, queue);
    }

    /**
     * Sends a request on the shell channel.
     *
     * @return the request's msg_id
     */
    String send(String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("msg_type", type);
        header.addProperty("session", session);
        header.addProperty("username", "e2e");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("version", "5.3");
        JsonObject msg = new JsonObject();
        msg.add("header", header);
        msg.add("parent_header", new JsonObject());
        msg.add("metadata", new JsonObject());
        msg.add("content", content);
        msg.add("buffers", new com.google.gson.JsonArray());
        msg.addProperty("channel", "shell");
        socket.sendText(msg.toString(), true).orTimeout(30, TimeUnit.SECONDS).join();
        return id;
    }

    /** The messages answering one request, in arrival order. */
    record Reply(JsonObject shellReply, List<JsonObject> iopub) {
        boolean ok() {
            return shellReply != null && "ok".equals(shellReply.getAsJsonObject("content").get("status").getAsString());
        }
    }

    /**
     * Collects the messages whose parent is {@code msgId} until both its shell reply and its iopub
     * status idle have arrived.
     *
     * @throws IllegalStateException if they do not arrive in time
     */
    Reply until(String msgId, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        JsonObject reply = null;
        boolean idle = false;
        List<JsonObject> iopub = new ArrayList<>();
        while (reply == null || !idle) {
            long left = deadline - System.nanoTime();
            JsonObject m = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new IllegalStateException("no " + (reply == null ? "shell reply" : "idle status") + " for " + msgId + " within "
                        + timeoutSeconds + " s; iopub so far: " + iopub.stream().map(KernelSocket::type).toList());
            }
            JsonObject parent = m.getAsJsonObject("parent_header");
            if (parent == null || !parent.has("msg_id") || !msgId.equals(parent.get("msg_id").getAsString())) {
                continue;
            }
            String channel = m.get("channel").getAsString();
            if ("shell".equals(channel)) {
                reply = m;
            } else if ("iopub".equals(channel)) {
                iopub.add(m);
                if ("status".equals(type(m)) && "idle".equals(m.getAsJsonObject("content").get("execution_state").getAsString())) {
                    idle = true;
                }
            }
        }
        return new Reply(reply, iopub);
    }

    static String type(JsonObject m) {
        return m.getAsJsonObject("header").get("msg_type").getAsString();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(10, TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            socket.abort();
        }
    }
}
