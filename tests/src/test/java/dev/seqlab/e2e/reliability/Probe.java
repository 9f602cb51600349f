package dev.seqlab.e2e.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code tests/src/test/python/reliability.py} (raw pyzmq, the libzmq that Jupyter's own
 * clients use) against a kernel. Debian's python3-zmq comes with Jupyter; with {@code CI=true}
 * its absence fails the test, elsewhere the caller skips.
 */
final class Probe {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    /** A finished probe: exit code (124 after a time-out) and its output. */
    record Result(int code, String output) {}

    private Probe() {}

    /** @return whether Debian's python3 with pyzmq is here (in CI it must be) */
    static boolean present() throws IOException, InterruptedException {
        boolean ok = Files.isExecutable(PYTHON) && exec(List.of(PYTHON.toString(), "-c", "import zmq"), 60).code() == 0;
        if (!ok && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but Debian's python3-zmq is missing (.ci/run installs it).");
        }
        return ok;
    }

    /** Runs one mode of the probe against this kernel. */
    static Result run(KernelProcess kernel, long timeoutSeconds, String mode, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(),
                KernelProcess.root().resolve("tests/src/test/python/reliability.py").toString(), mode, kernel.connectionFile.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, timeoutSeconds);
    }

    static Result exec(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("seqlab-probe", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(124, "timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
