package dev.seqlab.e2e.reliability;

import dev.seqlab.jupyter.KernelSpec;
import dev.seqlab.runtime.NativeEnv;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged SeqLab kernel as Jupyter starts it (kernel.json's argv and environment) on a
 * connection file of its own: five free ports on 127.0.0.1 and a fresh HMAC key. Its output goes
 * to a log file that failures quote.
 */
final class KernelProcess implements AutoCloseable {

    final int shellPort;
    final int controlPort;
    final int iopubPort;
    final int stdinPort;
    final int hbPort;
    final String key;
    final Path dir;
    final Path connectionFile;
    final Path log;
    final Process process;

    private KernelProcess(Path dir) throws IOException {
        this.dir = dir;
        int[] ports = freePorts(5);
        shellPort = ports[0];
        controlPort = ports[1];
        iopubPort = ports[2];
        stdinPort = ports[3];
        hbPort = ports[4];
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        key = HexFormat.of().formatHex(k);
        Path conn = dir.resolve("kernel-" + shellPort + ".json");
        connectionFile = conn;
        Files.writeString(conn, """
                {"shell_port": %d, "control_port": %d, "iopub_port": %d, "stdin_port": %d, "hb_port": %d,
                 "ip": "127.0.0.1", "transport": "tcp", "signature_scheme": "hmac-sha256", "key": "%s",
                 "kernel_name": "seqlab"}
                """.formatted(shellPort, controlPort, iopubPort, stdinPort, hbPort, key));
        Path root = root();
        String cp = root.resolve("kernel/target/seqlab-kernel-0.1.0-SNAPSHOT.jar") + ":" + root.resolve("kernel/target/lib") + "/*";
        List<String> argv = new ArrayList<>();
        for (String a : KernelSpec.argv(cp, root)) {
            argv.add(a.equals("{connection_file}") ? conn.toString() : a);
        }
        log = dir.resolve("kernel-" + shellPort + ".log");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        NativeEnv.fillIn(pb.environment());
        process = pb.start();
    }

    /** Starts a kernel whose connection file and log live in {@code dir}. */
    static KernelProcess start(Path dir) throws IOException {
        return new KernelProcess(dir);
    }

    static Path root() {
        Path root = Path.of(System.getProperty("seqlab.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("kernel/target/seqlab-kernel-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the kernel jar is built first (mvn verify packages kernel before tests): " + jar);
        }
        return root;
    }

    /** @return the kernel's output so far (for failure messages) */
    String log() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits for the process to end; returns whether it did within the time. */
    boolean waitForExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
