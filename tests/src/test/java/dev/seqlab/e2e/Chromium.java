package dev.seqlab.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless: a page's DOM after its scripts ran, and a screenshot of it. Each
 * call is one browser process with its own profile folder, bounded in time; the browser and its
 * helper processes are ended when the call returns.
 */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");

    /** Window size of the screenshots: wide enough for the notebook's 1140 px column, tall for several cells. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 2400;

    /** Virtual time the page gets to load its scripts, connect to the kernel and render outputs (ms). */
    private static final int BUDGET_MS = 20_000;

    private final Path profile;

    Chromium(Path profile) {
        this.profile = profile;
    }

    /** @return the DOM of the page after rendering, as Chromium serialises it */
    String dom(String url, long timeoutSeconds) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url), timeoutSeconds);
    }

    /** Writes a {@link #WIDTH} by {@link #HEIGHT} PNG screenshot of the page. */
    void screenshot(String url, Path png, long timeoutSeconds) throws IOException, InterruptedException {
        String out = run(List.of("--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, url), timeoutSeconds);
        if (!Files.isRegularFile(png)) {
            throw new IllegalStateException("chromium wrote no screenshot " + png + ":\n" + out);
        }
    }

    private String run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + BUDGET_MS));
        cmd.addAll(args);
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chromium did not finish within " + timeoutSeconds + " s: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + cmd + "\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            List<ProcessHandle> tree = p.descendants().toList();
            p.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
