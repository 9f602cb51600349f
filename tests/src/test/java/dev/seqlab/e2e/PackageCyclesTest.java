package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The house rule of the redesign: no package of a SeqLab module imports, directly or through
 * others, a package that imports it back. The edges come from the JDK's own {@code jdeps} over
 * the compiled classes (what the code really uses, not what the sources import), and a depth-first
 * search names the first circle it finds.
 */
class PackageCyclesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dsl", "kernel", "spark"})
    void noPackageCircle(String module) {
        Path classes = Launcher.root().resolve(module).resolve("target/classes");
        assertTrue(Files.isDirectory(classes.resolve("dev/seqlab")), "build " + module + " first: " + classes);
        Map<String, Set<String>> edges = edges(classes);
        assertTrue(!edges.isEmpty(), "jdeps found no SeqLab packages in " + classes);
        assertEquals(List.of(), circle(edges), "a package circle in " + module);
    }

    /** The package graph: each SeqLab package to the other SeqLab packages its classes use. */
    private static Map<String, Set<String>> edges(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, rc, out.toString());
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("dev.seqlab") && f[2].startsWith("dev.seqlab")) {
                edges.computeIfAbsent(f[0], k -> new TreeSet<>());
                if (!f[0].equals(f[2])) {
                    edges.get(f[0]).add(f[2]);
                }
            }
        }
        return edges;
    }

    /** A circle as the list of packages on it, or an empty list when the graph has none. */
    private static List<String> circle(Map<String, Set<String>> edges) {
        Map<String, Integer> state = new TreeMap<>(); // 1 on the current path, 2 finished
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String p, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(p);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
            loop.add(p);
            return loop;
        }
        state.put(p, 1);
        path.add(p);
        for (String q : edges.getOrDefault(p, Set.of())) {
            List<String> found = visit(q, edges, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
        return List.of();
    }
}
