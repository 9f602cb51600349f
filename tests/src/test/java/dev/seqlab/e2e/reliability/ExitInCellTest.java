package dev.seqlab.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code System.exit}, {@code Runtime.halt}, {@code Runtime.exit} (also in a method, and as a
 * method reference) in cells of the real kernel ({@code reliability.py exit}): each is refused with
 * an error reply, the kernel process lives on and keeps the session's variables. Before, the first
 * one ended the kernel with no reply.
 */
class ExitInCellTest {

    @TempDir
    Path dir;

    @Test
    void exitCallsAreRefusedAndTheKernelLivesOn() throws Exception {
        Assumptions.assumeTrue(Probe.present(), "Debian's python3-zmq is not installed");
        try (KernelProcess kernel = KernelProcess.start(dir)) {
            Probe.Result r = Probe.run(kernel, 300, "exit");
            System.out.println(r.output());
            assertEquals(0, r.code(), r.output() + "\nkernel log:\n" + kernel.log());
            assertTrue(r.output().contains("\n0 failed"), r.output());
            assertTrue(kernel.process.isAlive(), kernel.log());
        }
    }
}
