package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.train.Digits;
import dev.seqlab.train.History;
import dev.seqlab.train.Metrics;
import dev.seqlab.train.Run;
import dev.seqlab.model.Stack;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs side by side: the "deep versus shallow" table (cell, depth, parameters, training time,
 * best validation loss, test metrics), measured rather than asserted, and their curves
 * overlaid.
 *
 * <pre>{@code
 * Compare c = Compare.of(shallow, deep);
 * c.table();   // one row per run
 * c.loss();    // training and validation loss of both runs
 * }</pre>
 */
public final class Compare {

    private final List<Run> runs;
    private final Table table;

    private Compare(List<Run> runs, Table table) {
        this.runs = runs;
        this.table = table;
    }

    /**
     * Compares runs.
     *
     * @param runs one or more finished runs
     * @return the comparison
     * @throws SeqLabException if no run is given
     */
    public static Compare of(Run... runs) {
        SeqLabException.check(runs != null && runs.length > 0, "Compare.of() needs at least one run; pass the results of Experiment.train().");
        for (Run r : runs) {
            SeqLabException.check(r != null, "One of the runs is null; pass only runs returned by Experiment.train() or Run.load(dir).");
        }
        StringColumn name = StringColumn.create("name");
        StringColumn cell = StringColumn.create("cell");
        IntColumn layers = IntColumn.create("layers");
        BooleanColumn bidirectional = BooleanColumn.create("bidirectional");
        LongColumn parameters = LongColumn.create("parameters");
        DoubleColumn seconds = DoubleColumn.create("train_seconds");
        IntColumn epochs = IntColumn.create("epochs");
        DoubleColumn bestVal = DoubleColumn.create("best_val_loss");
        Set<String> metrics = new LinkedHashSet<>();
        for (Run r : runs) {
            metrics.addAll(r.testMetrics().keySet());
        }
        List<DoubleColumn> metricColumns = new ArrayList<>();
        for (String m : metrics) {
            metricColumns.add(DoubleColumn.create("test_" + m));
        }
        for (Run r : runs) {
            Stack s = r.network().stack();
            name.append(r.name());
            cell.append(s.kindLabel());
            layers.append(r.network().depth());
            bidirectional.append(s.isBidirectional());
            parameters.append(r.network().parameterCount());
            seconds.append(r.trainSeconds());
            Table h = r.history();
            epochs.append(h.rowCount());
            bestVal.append(minIgnoringNaN(h.doubleColumn(History.VAL_LOSS).asDoubleArray()));
            int k = 0;
            for (String m : metrics) {
                Double v = r.testMetrics().get(m);
                metricColumns.get(k++).append(v == null ? Double.NaN : v);
            }
        }
        Table t = Table.create("comparison", name, cell, layers, bidirectional, parameters, seconds, epochs, bestVal);
        for (DoubleColumn c : metricColumns) {
            t.addColumns(c);
        }
        return new Compare(List.of(runs), Digits.readable(t));
    }

    private static double minIgnoringNaN(double[] v) {
        double min = Double.NaN;
        for (double x : v) {
            if (!Double.isNaN(x) && (Double.isNaN(min) || x < min)) {
                min = x;
            }
        }
        return min;
    }

    /**
     * Returns one row per run: name, cell, layers, bidirectional, parameters, train_seconds,
     * epochs, best_val_loss (NaN without a validation part) and {@code test_<metric>} for every
     * test metric of any run (NaN where a run lacks it).
     *
     * @return a copy of the table
     */
    public Table table() {
        return table.copy();
    }

    /**
     * Adds the baselines as rows, measured on the test part of the first run's series: naive,
     * seasonal naive with the given period and drift, in the data's units. Their
     * {@code parameters} are 0 (nothing is learned); columns that do not apply are missing.
     *
     * @param period the season length, such as 12 for monthly data, 7 for daily
     * @return a comparison whose table has the three baseline rows after the runs
     */
    public Compare withBaselines(int period) {
        Run first = runs.get(0);
        SeqLabException.check(first.network().spec().task() == dev.seqlab.data.Task.REGRESSION && first.data() instanceof dev.seqlab.data.Series,
                "Baselines are forecasts of a Series, and run '%s' is not a regression run on one; compare forecasting runs.", first.name());
        dev.seqlab.data.Series series = (dev.seqlab.data.Series) first.data();
        dev.seqlab.data.SeqSplit test = series.test();
        SeqLabException.check(test.size() > 0, "The series has no test part to measure baselines on; split it with a test fraction.");
        float[][] truth = series.truth(test);
        Table t = table.copy();
        addBaseline(t, "naive", Metrics.regression(truth, series.naive(test)));
        addBaseline(t, "seasonal naive (" + period + ")", Metrics.regression(truth, series.seasonalNaive(test, period)));
        addBaseline(t, "drift", Metrics.regression(truth, series.drift(test)));
        return new Compare(runs, t);
    }

    private static void addBaseline(Table t, String name, java.util.Map<String, Double> metrics) {
        for (tech.tablesaw.columns.Column<?> c : t.columns()) {
            String col = c.name();
            if (col.equals("name")) {
                ((StringColumn) c).append(name);
            } else if (col.equals("cell")) {
                ((StringColumn) c).append("baseline");
            } else if (col.equals("parameters")) {
                ((LongColumn) c).append(0L);
            } else if (col.startsWith("test_") && metrics.containsKey(col.substring(5))) {
                ((DoubleColumn) c).append(metrics.get(col.substring(5)));
            } else {
                c.appendMissing();
            }
        }
    }

    /** @return the runs compared, in the order given */
    public List<Run> runs() {
        return runs;
    }

    /** @return training and validation loss of all runs overlaid, see {@link Plots#loss(Run...)} */
    public Figure<XYChart> loss() {
        return Plots.loss(runs.toArray(new Run[0]));
    }

    /** @return the validation metric of all runs overlaid, see {@link Plots#metric(Run...)} */
    public Figure<XYChart> metric() {
        return Plots.metric(runs.toArray(new Run[0]));
    }

    /** @return the table as text */
    @Override
    public String toString() {
        return table.printAll();
    }
}
