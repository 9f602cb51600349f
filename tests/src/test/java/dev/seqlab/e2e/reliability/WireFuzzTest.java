package dev.seqlab.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw-ZeroMQ fuzzing of the kernel's shell and control sockets ({@code reliability.py fuzz}):
 * 23 kinds of malformed, badly signed or huge multipart messages on each socket, each followed by
 * another peer's ordinary request that must get its own reply while the sender gets nothing;
 * at the end the kernel still evaluates and nothing the intruder sent ran. One kernel serves all
 * cases, so a case that desynchronises a socket also fails the cases after it.
 */
class WireFuzzTest {

    @TempDir
    Path dir;

    @Test
    void malformedMessagesAreDroppedWholeAndEveryNextRequestGetsItsOwnReply() throws Exception {
        Assumptions.assumeTrue(Probe.present(), "Debian's python3-zmq is not installed");
        try (KernelProcess kernel = KernelProcess.start(dir)) {
            Probe.Result r = Probe.run(kernel, 400, "fuzz");
            System.out.println(r.output());
            assertEquals(0, r.code(), r.output() + "\nkernel log:\n" + kernel.log());
            assertTrue(r.output().contains("\n0 failed"), r.output());
            assertTrue(r.output().lines().filter(l -> l.startsWith("ok ")).count() >= 2 * 23 * 2 + 3, r.output());
            assertTrue(kernel.process.isAlive(), kernel.log());
        }
    }
}
