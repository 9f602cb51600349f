package dev.seqlab.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment that libtorch should start in. OpenMP, the C library and oneDNN read these
 * variables once, when the process starts or first computes, so a running JVM cannot set them
 * for itself: the {@code seqlab} launcher, the kernelspec, the headless runner's child JVM and
 * the benchmark put them in the environment of the JVMs they start, and {@code seqlab doctor}
 * names any that is missing.
 * A value the user set already always wins.
 */
public final class NativeEnv {

    /**
     * The variables and their values, in the order the launcher exports them.
     *
     * <ul>
     *   <li>{@code OMP_WAIT_POLICY=passive}: libtorch's OpenMP threads otherwise spin between
     *       parallel regions for about 3 ms, and training ran 3 to 40 times slower while another
     *       process held a core (DJL-NOTES, Threads).
     *   <li>{@code GOMP_SPINCOUNT=1000}: but a thread that sleeps at once is woken for each of
     *       the hundreds of small kernels of a training step, and a second thread then cost more
     *       than it brought: on the quiet 2-core development machine, the hand-written DJL loop of
     *       the benchmark took 47 ms a step of configuration (a) (LSTM) with two sleeping threads
     *       against 42 with one, 67 against 45 on the GRU (d), 37 against 15 on the tanh RNN (e).
     *       libgomp (libtorch's OpenMP) first spins this many times (libgomp's estimate: about
     *       10 us) before it sleeps: two threads then took 23, 35 and 11 ms. A longer spin gained
     *       little on the quiet machine (GRU 34 ms at 10,000) and lost more when another process
     *       held one of the two cores (GRU 87 ms at 1,000, 239 at 10,000, 57 with no spin, 48 on
     *       one thread: see {@code bench/ANALYSIS.md}, "Threads wake up"). It overrides the
     *       passive policy's zero spin for libgomp only.
     *   <li>{@code MALLOC_ARENA_MAX=1}, {@code MALLOC_MMAP_MAX_=0},
     *       {@code MALLOC_TRIM_THRESHOLD_=536870912}: glibc otherwise gives the large buffers of
     *       a training step (oneDNN's LSTM workspace, tens of MB) back to the operating system
     *       when they are freed and faults them in again, page by page, at the next step. With
     *       glibc's defaults a step of the benchmark's configuration (a) took about 10,000 page
     *       faults and 120 ms on the 2-core development machine; with these, about 36 ms
     *       (bench/ANALYSIS.md, "Page faults"). Freed memory is kept for reuse up to 512 MiB.
     *   <li>{@code ONEDNN_MAX_CPU_ISA=AVX2}: on the AVX-512 development machine (AMD EPYC with
     *       avx512_bf16), libtorch 2.7.1's fused oneDNN LSTM returned wrong outputs, off by 0.2 to
     *       1.1, for hidden sizes that are not a multiple of 32 (4, 8, 16, 33, 100; 32 and 128
     *       were right), at every batch size; limited to AVX2 it matched the LSTM equations to
     *       1e-7 for all of them. It costs speed (configuration (a): 45 against 57 ms per step),
     *       but wrong numbers cost more. The DSL checks the fused LSTM once per hidden size
     *       ({@code dev.seqlab.model.FusedLstmCheck}) and stops with this fix when it is wrong.
     * </ul>
     */
    public static final Map<String, String> RECOMMENDED;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("OMP_WAIT_POLICY", "passive");
        m.put("GOMP_SPINCOUNT", "1000");
        m.put("MALLOC_ARENA_MAX", "1");
        m.put("MALLOC_MMAP_MAX_", "0");
        m.put("MALLOC_TRIM_THRESHOLD_", "536870912");
        m.put("ONEDNN_MAX_CPU_ISA", "AVX2");
        RECOMMENDED = java.util.Collections.unmodifiableMap(m);
    }

    private NativeEnv() {}

    /**
     * Returns the recommended variables that {@code env} does not set at all (a variable the
     * user set to another value is the user's choice, not a gap).
     *
     * @param env an environment, such as {@link System#getenv()}
     * @return the missing variables with their recommended values, in export order
     */
    public static Map<String, String> missing(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        RECOMMENDED.forEach((k, v) -> {
            if (!env.containsKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Adds the recommended variables that {@code env} lacks, keeping any value already set:
     * for the environment of a JVM about to be started.
     *
     * @param env a mutable environment, such as {@link ProcessBuilder#environment()}
     */
    public static void fillIn(Map<String, String> env) {
        RECOMMENDED.forEach(env::putIfAbsent);
    }
}
