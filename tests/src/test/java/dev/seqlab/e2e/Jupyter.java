package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Jupyter as the end-to-end tests use it: whether it is here (in CI it must be), the
 * nbformat validator, and running a command with a time limit. Debian's Jupyter lives in
 * /usr/bin/python3, not in the pyenv python3 that comes first on PATH.
 */
final class Jupyter {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path JUPYTER = Path.of("/usr/bin/jupyter");

    /** A finished command: exit code (124 after a time-out) and its combined output. */
    record Exec(int code, String output) {}

    private Jupyter() {}

    /**
     * Returns whether Debian's Jupyter (nbformat, nbclient, nbconvert) is installed; with
     * {@code CI=true} its absence fails the test instead of skipping it.
     */
    static boolean jupyterPresent() throws IOException, InterruptedException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean present = Files.isExecutable(JUPYTER) && Files.isExecutable(PYTHON)
                && exec(List.of(PYTHON.toString(), "-c", "import nbformat, nbclient, nbconvert"), Map.of(), 60).code() == 0;
        if (ci && !present) {
            fail("CI=true but Debian's Jupyter is missing: install jupyter-nbconvert, python3-nbclient and python3-nbformat (.ci/run does).");
        }
        return present;
    }

    /** Validates a notebook with Debian's nbformat (when Jupyter is present). */
    static void validate(Path nb) throws IOException, InterruptedException {
        if (!jupyterPresent()) {
            return;
        }
        Exec v = exec(List.of(PYTHON.toString(), "-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))",
                nb.toString()), Map.of(), 60);
        assertEquals(0, v.code(), "nbformat rejects " + nb + ": " + v.output());
    }

    /** Runs a command with extra environment variables and a time limit. */
    static Exec exec(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("seqlab-exec", ".txt");
        try {
            Process p = pb.redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Exec(124, "timed out after " + timeoutSeconds + " s: " + command + "\n" + Files.readString(log));
            }
            return new Exec(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
