package dev.seqlab.sweep;

import dev.seqlab.SeqLabException;
import dev.seqlab.plot.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The trials a sweep finished: a table with one row per trial, per-configuration estimates
 * (n, mean, standard deviation, 95% t interval), paired differences and charts. Statistics use
 * the trials that ended ok; failed ones stay in the table with their one-sentence error.
 */
public final class SweepResult {

    private static volatile SweepResult last;

    private final String name;
    private final List<String> parameters;
    private final List<Config> configs;
    private final long[] seeds;
    private final List<TrialResult> results;
    private final boolean complete;
    private final double seconds;

    /**
     * A result.
     *
     * @param name the sweep's name
     * @param parameters the grid's parameter names
     * @param configs the configurations, in order
     * @param seeds the seeds
     * @param results the finished trials
     * @param complete whether every trial ran
     * @param seconds wall time of the sweep
     */
    public SweepResult(String name, List<String> parameters, List<Config> configs, long[] seeds, List<TrialResult> results,
            boolean complete, double seconds) {
        this.name = name;
        this.parameters = List.copyOf(parameters);
        this.configs = List.copyOf(configs);
        this.seeds = seeds.clone();
        this.results = List.copyOf(results);
        this.complete = complete;
        this.seconds = seconds;
    }

    /** @return the last sweep run in this JVM (also an interrupted one, with the trials it finished), or null */
    public static SweepResult last() {
        return last;
    }

    static void remember(SweepResult r) {
        last = r;
    }

    /** @return the finished trials, in the order they were planned */
    public List<TrialResult> trials() {
        return results;
    }

    /** @return the trials that did not end ok */
    public List<TrialResult> failed() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /** @return whether every planned trial ran */
    public boolean complete() {
        return complete;
    }

    /** @return the grid's parameter names */
    public List<String> parameters() {
        return parameters;
    }

    /** @return the configurations */
    public List<Config> configs() {
        return configs;
    }

    /** @return the names recorded by ok trials, in first-seen order */
    public List<String> recordedNames() {
        Set<String> names = new LinkedHashSet<>();
        for (TrialResult r : results) {
            names.addAll(r.values().keySet());
        }
        return List.copyOf(names);
    }

    /** @return the recorded names whose values are numbers in every ok trial that has them */
    public List<String> metrics() {
        List<String> out = new ArrayList<>();
        for (String n : recordedNames()) {
            boolean numeric = results.stream().filter(TrialResult::ok).map(r -> r.values().get(n))
                    .allMatch(v -> v == null || v instanceof Number && !(v instanceof Boolean));
            if (numeric) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The values of one metric in one configuration, seed by seed (ok trials only).
     *
     * @param metric a recorded name
     * @param config the configuration (its seed is ignored)
     * @return seed to value, in seed order
     */
    public Map<Long, Double> values(String metric, Config config) {
        Map<Long, Double> out = new LinkedHashMap<>();
        for (long s : seeds) {
            for (TrialResult r : results) {
                if (r.ok() && r.trial().seed() == s && r.trial().config().values().equals(config.values()) && !Double.isNaN(r.number(metric))) {
                    out.put(s, r.number(metric));
                }
            }
        }
        return out;
    }

    /**
     * The estimate of a metric for one configuration.
     *
     * @param metric a recorded name
     * @param config some parameter values that pick one configuration
     * @return n, mean, standard deviation and 95% interval over its seeds
     */
    public Estimate estimate(String metric, Map<String, ?> config) {
        checkMetric(metric);
        return Estimate.of(values(metric, pick(config)).values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The median of a metric over a configuration's seeds (for times, which have outliers).
     *
     * @param metric a recorded name
     * @param config some parameter values that pick one configuration
     * @return the median, NaN when no trial recorded it
     */
    public double median(String metric, Map<String, ?> config) {
        checkMetric(metric);
        double[] v = values(metric, pick(config)).values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The paired difference a - b of a metric over the seeds both configurations finished.
     *
     * @param metric a recorded name
     * @param a parameter values that pick the first configuration
     * @param b parameter values that pick the second
     * @return the mean difference with its 95% interval
     */
    public Difference paired(String metric, Map<String, ?> a, Map<String, ?> b) {
        checkMetric(metric);
        Config ca = pick(a);
        Config cb = pick(b);
        Map<Long, Double> va = values(metric, ca);
        Map<Long, Double> vb = values(metric, cb);
        List<Double> diffs = new ArrayList<>();
        for (Map.Entry<Long, Double> e : va.entrySet()) {
            Double other = vb.get(e.getKey());
            if (other != null) {
                diffs.add(e.getValue() - other);
            }
        }
        return new Difference(metric, ca.label(), cb.label(), Estimate.of(diffs.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /**
     * The one configuration that matches some parameter values.
     *
     * @param partial some parameter values
     * @return the configuration
     * @throws SeqLabException when none or several match
     */
    public Config pick(Map<String, ?> partial) {
        List<Config> hits = configs.stream().filter(c -> c.matches(partial)).toList();
        if (hits.size() != 1) {
            throw new SeqLabException((hits.isEmpty() ? "No configuration" : hits.size() + " configurations") + " of the sweep match " + partial
                    + "; give values of " + parameters + " that pick exactly one.");
        }
        return hits.get(0);
    }

    private void checkMetric(String metric) {
        if (!metrics().contains(metric)) {
            throw new SeqLabException("The sweep recorded no number called '" + metric + "'; it recorded " + metrics() + ".");
        }
    }

    /**
     * One row per finished trial: trial id, the parameters, seed, status, seconds, every recorded
     * value, and the error sentence of a failed trial.
     *
     * @return a Tablesaw table
     */
    public Table table() {
        Table t = Table.create(name + " trials");
        t.addColumns(StringColumn.create("trial", results.stream().map(r -> r.trial().id())));
        for (String p : parameters) {
            t.addColumns(column(p, results.stream().map(r -> r.trial().config().values().get(p)).toList()));
        }
        t.addColumns(LongColumn.create("seed", results.stream().mapToLong(r -> r.trial().seed()).toArray()));
        t.addColumns(StringColumn.create("status", results.stream().map(r -> r.status().label())));
        t.addColumns(DoubleColumn.create("seconds", results.stream().mapToDouble(TrialResult::seconds).toArray()));
        for (String n : recordedNames()) {
            if (!t.columnNames().contains(n)) {
                t.addColumns(column(n, results.stream().map(r -> r.values().get(n)).toList()));
            }
        }
        t.addColumns(StringColumn.create("error", results.stream().map(r -> r.error() == null ? "" : r.error())));
        return t;
    }

    /**
     * One row per configuration: the parameters, then for every recorded number {@code NAME_n},
     * {@code NAME_mean}, {@code NAME_std}, {@code NAME_ci95_low}, {@code NAME_ci95_high}.
     *
     * @return a Tablesaw table
     */
    public Table summary() {
        Table t = Table.create(name + " summary");
        for (String p : parameters) {
            t.addColumns(column(p, configs.stream().map(c -> c.values().get(p)).toList()));
        }
        for (String m : metrics()) {
            List<Estimate> es = configs.stream().map(c -> Estimate.of(values(m, c).values().stream().mapToDouble(Double::doubleValue).toArray())).toList();
            t.addColumns(IntColumn.create(m + "_n", es.stream().mapToInt(Estimate::n).toArray()),
                    DoubleColumn.create(m + "_mean", es.stream().mapToDouble(Estimate::mean).toArray()),
                    DoubleColumn.create(m + "_std", es.stream().mapToDouble(Estimate::std).toArray()),
                    DoubleColumn.create(m + "_ci95_low", es.stream().mapToDouble(Estimate::low).toArray()),
                    DoubleColumn.create(m + "_ci95_high", es.stream().mapToDouble(Estimate::high).toArray()));
        }
        return t;
    }

    /** A column of parameter or recorded values: numbers as doubles, anything else as text. */
    private static Column<?> column(String name, List<Object> values) {
        if (values.stream().allMatch(v -> v == null || v instanceof Number)) {
            return DoubleColumn.create(name, values.stream().mapToDouble(v -> v == null ? Double.NaN : ((Number) v).doubleValue()).toArray());
        }
        return StringColumn.create(name, values.stream().map(v -> v == null ? "" : String.valueOf(v)));
    }

    /**
     * A metric's mean against one parameter with 95% interval error bars, one line per
     * combination of the other parameters.
     *
     * @param metric a recorded number
     * @param parameter the parameter on the x axis
     * @return the chart
     */
    public Figure<XYChart> chart(String metric, String parameter) {
        checkMetric(metric);
        checkParameter(parameter);
        return Figure.of(SweepCharts.means(this, metric, parameter));
    }

    /**
     * Every ok trial's value of a metric against one parameter, one colour per combination of the
     * other parameters.
     *
     * @param metric a recorded number
     * @param parameter the parameter on the x axis
     * @return the chart
     */
    public Figure<XYChart> scatter(String metric, String parameter) {
        checkMetric(metric);
        checkParameter(parameter);
        return Figure.of(SweepCharts.scatter(this, metric, parameter));
    }

    private void checkParameter(String parameter) {
        if (!parameters.contains(parameter)) {
            throw new SeqLabException("The sweep has no parameter '" + parameter + "'; its parameters are " + parameters + ".");
        }
    }

    @Override
    public String toString() {
        long ok = results.stream().filter(TrialResult::ok).count();
        return String.format(Locale.ROOT, "%s: %d trials (%d ok, %d failed%s) over %s x seeds %s in %.1f s", name, results.size(), ok,
                results.size() - ok, complete ? "" : ", interrupted", parameters, Arrays.toString(seeds), seconds);
    }
}
