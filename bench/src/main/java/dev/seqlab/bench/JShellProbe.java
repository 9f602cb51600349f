package dev.seqlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * How long JShell itself takes to evaluate {@code 1+1} in this JVM, without any kernel: with no
 * imports, and with the SeqLab kernel's default imports (on-demand imports of the DSL, Tablesaw
 * and XChart packages), on the same class path. Separates the kernel's own cost per cell from
 * the compiler's.
 */
final class JShellProbe {

    /** The kernel's default imports (kernel/.../SeqLabEngine.DEFAULT_IMPORTS at the time of writing). */
    static final List<String> KERNEL_IMPORTS = List.of(
            "java.util.*", "java.util.stream.*", "java.nio.file.*",
            "dev.seqlab.*", "dev.seqlab.data.*", "dev.seqlab.model.*", "dev.seqlab.train.*", "dev.seqlab.plot.*",
            "tech.tablesaw.api.*", "org.knowm.xchart.*", "static dev.seqlab.dsl.SeqLab.*");

    private JShellProbe() {}

    /**
     * Evaluates {@code 1+1} repeatedly in a local-execution JShell.
     *
     * @param reps timed evaluations (after 20 untimed)
     * @return median and p95 milliseconds, without and with the kernel's imports
     */
    static Map<String, Object> run(int reps) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (boolean imports : new boolean[] {false, true}) {
            try (JShell js = JShell.builder().executionEngine("local").build()) {
                js.addToClasspath(System.getProperty("java.class.path"));
                if (imports) {
                    for (String i : KERNEL_IMPORTS) {
                        check(js.eval("import " + i + ";"));
                    }
                }
                for (int i = 0; i < 20; i++) {
                    check(js.eval("1+1"));
                }
                double[] ms = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    check(js.eval("1+1"));
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                String key = imports ? "kernelImports" : "noImports";
                out.put(key + "MedianMs", ms[reps / 2]);
                out.put(key + "P95Ms", ms[(int) Math.round(0.95 * (reps - 1))]);
            }
        }
        return out;
    }

    private static void check(List<SnippetEvent> events) {
        List<String> bad = new ArrayList<>();
        for (SnippetEvent e : events) {
            if (e.exception() != null || e.status() == jdk.jshell.Snippet.Status.REJECTED) {
                bad.add(e.snippet().source());
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalStateException("JShell rejected " + bad);
        }
    }
}
