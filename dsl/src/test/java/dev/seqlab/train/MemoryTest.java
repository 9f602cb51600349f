package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.Scaling;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat: thousands of steps and many repeated runs in one JVM. Resident set
 * size is read from /proc/self/status (what the operating system charges the process, native
 * memory included), after a warm-up run so that one-time allocations are not counted.
 */
class MemoryTest {

    static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void twoThousandStepsDoNotGrowResidentMemory() throws Exception {
        Series sun = Series.csv("datasets/sunspots_monthly.csv", "sunspot_number").windows(16).scale(Scaling.STANDARD).split(0.7, 0.15);
        Experiment e = Experiment.of(Stack.lstm(16), sun).batch(8).seed(1);
        e.epochs(1).train().close();
        System.gc();
        long before = rssMb();
        int stepsPerEpoch = (sun.train().size() + 7) / 8;
        int epochs = (int) Math.ceil(2000.0 / stepsPerEpoch);
        try (Run run = e.epochs(epochs).train()) {
            System.gc();
            long after = rssMb();
            System.out.printf("MemoryTest: %d steps, RSS %d MB -> %d MB (%+d MB)%n", epochs * stepsPerEpoch, before, after, after - before);
            assertTrue(epochs * stepsPerEpoch >= 2000);
            assertTrue(after - before < 100, "RSS grew " + (after - before) + " MB over " + epochs * stepsPerEpoch + " steps");
        }
    }

    @Test
    void twentyRepeatedRunsDoNotGrowResidentMemory() throws Exception {
        Experiment e = Experiment.of(Stack.lstm(16).layers(2), Fixtures.air()).epochs(3).batch(16).seed(1);
        e.train();               // warm-up, dropped without close(), as a notebook re-run does
        System.gc();
        long before = rssMb();
        for (int i = 0; i < 20; i++) {
            e.train();           // not closed: the run's cleaner must free it once unreachable
        }
        System.gc();
        Thread.sleep(200);
        long after = rssMb();
        System.out.printf("MemoryTest: 20 repeated runs, RSS %d MB -> %d MB (%+d MB)%n", before, after, after - before);
        assertTrue(after - before < 100, "RSS grew " + (after - before) + " MB over 20 runs");
    }
}
