package dev.seqlab.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty interrupts through the control socket ({@code reliability.py interrupt 20}): the first
 * while the engine of a fresh kernel is still starting (that interrupt used to be lost, and the
 * cell ran forever), then tight, sleeping and method-call loops, cells still compiling, and loops
 * that swallow {@code Throwable} (these used to hang the kernel for good), at delays from 0 to 1 s
 * after the cell went busy. Every cell must end with an error reply within 12 s, the swallowing
 * ones saying they could not be stopped, and the next cell must run with the session's variables.
 */
class InterruptStressTest {

    @TempDir
    Path dir;

    @Test
    void twentyInterruptsEachEndTheirCellAndTheSessionGoesOn() throws Exception {
        Assumptions.assumeTrue(Probe.present(), "Debian's python3-zmq is not installed");
        try (KernelProcess kernel = KernelProcess.start(dir)) {
            Probe.Result r = Probe.run(kernel, 400, "interrupt", "20");
            System.out.println(r.output());
            assertEquals(0, r.code(), r.output() + "\nkernel log:\n" + kernel.log());
            assertTrue(r.output().contains("\n0 failed"), r.output());
            assertEquals(20, r.output().lines().filter(l -> l.matches("ok   interrupt \\d+ \\(.*ends the cell.*")).count(), r.output());
        }
    }
}
