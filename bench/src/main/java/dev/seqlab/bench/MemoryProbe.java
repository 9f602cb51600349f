package dev.seqlab.bench;

import dev.seqlab.model.Stack;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resident memory across repeated training runs in one engine, as a notebook user re-running a
 * training cell: each run replaces the previous one in a variable and is never closed by hand
 * (SeqLab frees an unreachable run's weights through a cleaner).
 */
final class MemoryProbe {

    private MemoryProbe() {}

    /**
     * Reads this process's resident set size.
     *
     * @return VmRSS in MiB
     */
    static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * Trains the same small experiment {@code runs} times.
     *
     * @param runs how many runs (20)
     * @param threads intra-op threads
     * @param close whether to close each run before the next (as careful code would) instead of
     *     leaving it to the garbage collector (as a re-run notebook cell does)
     * @return RSS in MiB after run 1, every 5th run and the last (keys "1", "5", ...), the baseline "0",
     *     and the Java heap at the end (used, committed, used after a full GC) with the RSS after that GC
     */
    static Map<String, Double> run(int runs, int threads, boolean close) {
        Shape3 c = new Shape3("lstm", 32, 50, 1, 64, 2);
        SyntheticData data = new SyntheticData(32 * 20, c.time(), c.features(), 7);
        Experiment exp = Experiment.of(DslBench.stack(c), data).adam(1e-3).epochs(2).batch(c.batch()).seed(7).threads(threads);
        Map<String, Double> out = new LinkedHashMap<>();
        dev.seqlab.runtime.Torch.engine();
        out.put("0", rssMiB());
        Run run = null;
        for (int i = 1; i <= runs; i++) {
            if (close && run != null) {
                run.close();
            }
            run = exp.train();
            if (i == 1 || i % 5 == 0 || i == runs) {
                out.put(Integer.toString(i), rssMiB());
            }
        }
        Runtime rt = Runtime.getRuntime();
        out.put("heapUsedMiB", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        out.put("heapCommittedMiB", rt.totalMemory() / 1048576.0);
        System.gc();
        out.put("heapUsedAfterGcMiB", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        out.put("rssAfterGcMiB", rssMiB());
        return out;
    }
}
