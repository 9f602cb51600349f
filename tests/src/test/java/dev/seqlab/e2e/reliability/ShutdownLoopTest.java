package dev.seqlab.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts and shuts down the kernel ten times (a cell runs each time, then {@code shutdown_request}
 * on the control socket; every third time while a cell that swallows Throwable runs): every time
 * the reply comes and the process ends within a few seconds.
 * Before the fix, ZeroMQ's terminate in {@code KernelConnection.close} hung 3 of 12 times.
 */
class ShutdownLoopTest {

    private static final int TRIES = 10;
    private static final long EXIT_MS = 8000;

    @TempDir
    Path dir;

    @Test
    void everyShutdownEndsTheProcessPromptly() throws Exception {
        Assumptions.assumeTrue(Probe.present(), "Debian's python3-zmq is not installed");
        List<String> hung = new ArrayList<>();
        long slowest = 0;
        for (int i = 0; i < TRIES; i++) {
            try (KernelProcess kernel = KernelProcess.start(dir)) {
                // Every third try shuts down while a cell that cannot be stopped is running.
                Probe.Result r = i % 3 == 2 ? Probe.run(kernel, 240, "shutdown", "busy") : Probe.run(kernel, 240, "shutdown");
                assertEquals(0, r.code(), "try " + i + ": " + r.output() + "\nkernel log:\n" + kernel.log());
                long t = System.nanoTime();
                if (!kernel.waitForExit(EXIT_MS)) {
                    hung.add("try " + i + ": still running " + EXIT_MS + " ms after the shutdown reply\n" + kernel.log());
                    continue;
                }
                slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
                assertEquals(0, kernel.process.exitValue(), "try " + i + ": " + kernel.log());
            }
        }
        System.out.println("shutdown: " + (TRIES - hung.size()) + "/" + TRIES + " ended; slowest exit after the reply " + slowest + " ms");
        assertTrue(hung.isEmpty(), hung.size() + " of " + TRIES + " shutdowns hung:\n" + String.join("\n", hung));
    }
}
