package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusedLstmCheckTest {

    @Test
    void fusedLstmMatchesTheEquationsInTheRecommendedEnvironment() {
        // Hidden sizes that were wrong under oneDNN's AVX-512 path, and two that were right.
        for (int h : new int[] {4, 16, 33, 32, 128}) {
            float e = FusedLstmCheck.largestError(h);
            assertTrue(e < FusedLstmCheck.TOLERANCE, "hidden " + h + ": " + e);
            FusedLstmCheck.verify(h);
        }
    }

    /**
     * Without ONEDNN_MAX_CPU_ISA an LSTM either computes right or refuses to start with the fix;
     * it never trains on wrong numbers. (Which of the two happens depends on the CPU.)
     */
    @Test
    void withoutTheIsaLimitAnLstmIsRightOrStopsWithTheFix() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", Probe.class.getName());
        pb.environment().remove("ONEDNN_MAX_CPU_ISA");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> lines = out.lines().filter(l -> l.startsWith("PROBE ")).toList();
        assertEquals(1, lines.size(), out);
        String line = lines.get(0);
        if (line.startsWith("PROBE refused ")) {
            assertTrue(line.contains("set ONEDNN_MAX_CPU_ISA=AVX2"), line);
            assertTrue(Float.parseFloat(line.split(" ")[2]) > FusedLstmCheck.TOLERANCE, line);
        } else {
            assertTrue(line.startsWith("PROBE right "), line);
            assertTrue(Float.parseFloat(line.split(" ")[2]) < FusedLstmCheck.TOLERANCE, line);
        }
    }

    /** Runs in the child JVM: the check for hidden size 16, then its verdict. */
    static final class Probe {
        public static void main(String[] args) {
            float e = FusedLstmCheck.largestError(16);
            try {
                FusedLstmCheck.verify(16);
                System.out.println("PROBE right " + e);
            } catch (dev.seqlab.SeqLabException ex) {
                System.out.println("PROBE refused " + e + " " + ex.getMessage());
            }
        }
    }
}
