package dev.seqlab.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Debian's classic {@code jupyter-notebook} server (6.4) on 127.0.0.1 with a random token, its
 * notebook directory, Jupyter data, config and runtime all in a temporary folder, so nothing of
 * the user's Jupyter set-up is read or written. {@link #close()} asks the server to shut down
 * (which stops its kernels) and then ends what is left of its process tree.
 */
final class NotebookServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/jupyter-notebook");

    private final Process process;
    private final Path log;
    final int port;
    final String token;
    final Path notebookDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private NotebookServer(Process process, Path log, int port, String token, Path notebookDir) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.token = token;
        this.notebookDir = notebookDir;
    }

    /**
     * Starts the server and waits until {@code /api/status} answers.
     *
     * @param home a temporary folder for the server's notebooks, data, config and runtime files
     * @param jupyterPath the {@code share/jupyter} folder that holds the kernelspec to use
     * @param timeoutSeconds how long to wait for the server to answer
     * @return the running server
     */
    static NotebookServer start(Path home, Path jupyterPath, long timeoutSeconds) throws IOException, InterruptedException {
        Path notebooks = Files.createDirectories(home.resolve("notebooks"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        Path log = home.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(BINARY.toString(), "--no-browser", "--allow-root",
                "--ip=127.0.0.1", "--port=" + port, "--port-retries=0", "--NotebookApp.token=" + token,
                "--NotebookApp.password=", "--notebook-dir=" + notebooks))
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_PATH", jupyterPath.toString());
        env.put("JUPYTER_DATA_DIR", home.resolve("data").toString());
        env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        NotebookServer server = new NotebookServer(pb.start(), log, port, token, notebooks);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!server.process.isAlive()) {
                throw new IllegalStateException("jupyter-notebook exited with " + server.process.exitValue() + ":\n" + server.log());
            }
            try {
                if (server.get("/api/status").statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        server.close();
        throw new IllegalStateException("jupyter-notebook did not answer within " + timeoutSeconds + " s:\n" + server.log());
    }

    /** @return the base URL, {@code http://127.0.0.1:PORT} */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** @return a URL of the server with the token as a query parameter, as Jupyter prints it */
    String url(String path) {
        return base() + path + (path.contains("?") ? "&" : "?") + "token=" + token;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends JSON with the given method and returns the parsed answer, failing on a non-2xx status. */
    JsonElement send(String method, String path, JsonElement body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? new JsonObject() : JsonParser.parseString(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "token " + token);
    }

    /** @return the server's log so far */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Shuts the server down through {@code POST /api/shutdown} (it stops its kernels first), then
     * sends SIGTERM and finally kills whatever of its process tree is still alive.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            send("POST", "/api/shutdown", new JsonObject());
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            // already gone or not answering: fall through to the signals
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.addAll(process.descendants().toList());
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** @return the server's process and its descendants (kernels) now */
    List<ProcessHandle> processTree() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        all.addAll(process.descendants().toList());
        return all;
    }
}
