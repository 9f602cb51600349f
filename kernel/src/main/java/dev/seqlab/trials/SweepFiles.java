package dev.seqlab.trials;

import dev.seqlab.runtime.AtomicFiles;
import dev.seqlab.sweep.Config;
import dev.seqlab.sweep.Estimate;
import dev.seqlab.sweep.SweepResult;
import dev.seqlab.sweep.TrialResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sweep's tables as CSV files, each written atomically (so Ctrl-C or a crash leaves the last
 * complete version): {@code results.csv} one row per finished trial (trial id, every grid
 * parameter, the seed, {@code status}, {@code seconds}, then one column per recorded name);
 * {@code summary.csv} one row per configuration (the grid parameters, then {@code NAME_n},
 * {@code NAME_mean}, {@code NAME_std}, {@code NAME_ci95_low}, {@code NAME_ci95_high} per recorded
 * number); {@code failures.csv} each failed trial's one-sentence error. Numbers are written as
 * Java prints them, which reads back to the same double.
 */
final class SweepFiles {

    private SweepFiles() {}

    static void write(Path dir, String seedParam, SweepResult result) {
        List<String> params = result.parameters();
        Set<String> reserved = new LinkedHashSet<>(params);
        reserved.addAll(List.of("trial", seedParam, "status", "seconds"));
        List<String> recorded = result.recordedNames().stream().filter(n -> !reserved.contains(n)).toList();

        StringBuilder r = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("trial"));
        head.addAll(params);
        head.addAll(List.of(seedParam, "status", "seconds"));
        head.addAll(recorded);
        line(r, head);
        for (TrialResult t : result.trials()) {
            List<String> row = new ArrayList<>(List.of(t.trial().id()));
            params.forEach(p -> row.add(cell(t.trial().config().values().get(p))));
            row.add(Long.toString(t.trial().seed()));
            row.add(t.status().label());
            row.add(String.format(Locale.ROOT, "%.3f", t.seconds()));
            recorded.forEach(n -> row.add(cell(t.values().get(n))));
            line(r, row);
        }
        AtomicFiles.writeString(dir.resolve("results.csv"), r.toString());

        StringBuilder s = new StringBuilder();
        List<String> metrics = result.metrics().stream().filter(n -> !reserved.contains(n)).toList();
        List<String> sh = new ArrayList<>(params);
        for (String m : metrics) {
            sh.addAll(List.of(m + "_n", m + "_mean", m + "_std", m + "_ci95_low", m + "_ci95_high"));
        }
        line(s, sh);
        for (Config c : result.configs()) {
            List<String> row = new ArrayList<>();
            params.forEach(p -> row.add(cell(c.values().get(p))));
            for (String m : metrics) {
                Estimate e = Estimate.of(result.values(m, c).values().stream().mapToDouble(Double::doubleValue).toArray());
                row.addAll(List.of(Integer.toString(e.n()), cell(e.mean()), cell(e.std()), cell(e.low()), cell(e.high())));
            }
            line(s, row);
        }
        AtomicFiles.writeString(dir.resolve("summary.csv"), s.toString());

        StringBuilder f = new StringBuilder();
        line(f, List.of("trial", "status", "error"));
        for (TrialResult t : result.failed()) {
            line(f, List.of(t.trial().id(), t.status().label(), t.error() == null ? "" : t.error()));
        }
        AtomicFiles.writeString(dir.resolve("failures.csv"), f.toString());
    }

    /** A value as CSV text: empty for missing or NaN. */
    static String cell(Object v) {
        if (v == null || v instanceof Double d && d.isNaN()) {
            return "";
        }
        return String.valueOf(v);
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                c = "\"" + c.replace("\"", "\"\"") + "\"";
            }
            b.append(c);
        }
        b.append('\n');
    }
}
