package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.train.Digits;
import dev.seqlab.train.History;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Run;
import dev.seqlab.train.Subset;
import dev.seqlab.train.TrainingListener;
import dev.seqlab.data.SequenceData;
import dev.seqlab.data.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The "more data, better model" claim, measured: the same experiment trained on the first
 * fraction of its training part, for several fractions, each scored on the same full test part.
 *
 * <pre>{@code
 * LearningCurve lc = LearningCurve.of(experiment, 0.25, 0.5, 1.0);
 * lc.table();   // fraction, train_samples, test metrics, train_seconds
 * lc.chart();   // test metric against the fraction of training data
 * }</pre>
 *
 * <p>Every point uses the experiment's settings and seed; the training samples kept are the
 * first ones of the training part (the oldest windows for a series), via {@link Subset}.
 */
public final class LearningCurve {

    private final Experiment experiment;
    private final List<Run> runs;
    private final Table table;
    private final String metric;

    private LearningCurve(Experiment experiment, List<Run> runs, Table table, String metric) {
        this.experiment = experiment;
        this.runs = runs;
        this.table = table;
        this.metric = metric;
    }

    /**
     * Trains the experiment once per fraction of its training data.
     *
     * @param experiment the experiment (its data set is the full one)
     * @param fractions fractions of the training part, each in (0, 1]
     * @return the curve
     * @throws SeqLabException if no fraction is given, one is out of range, or the test part is empty
     */
    public static LearningCurve of(Experiment experiment, double... fractions) {
        SeqLabException.check(experiment != null, "The experiment is null; pass one such as Experiment.of(stack, data).");
        SeqLabException.check(fractions != null && fractions.length > 0,
                "A learning curve needs at least one fraction of the training data; pass fractions such as 0.25, 0.5, 1.0.");
        for (double f : fractions) {
            SeqLabException.check(f > 0 && f <= 1, "Fraction %s is not in (0, 1]; pass fractions of the training data such as 0.25, 0.5, 1.0.", f);
        }
        SequenceData data = experiment.data() instanceof Subset ? ((Subset) experiment.data()).full() : experiment.data();
        SeqLabException.check(data.test().size() > 0,
                "A learning curve scores every point on the test part, and this data set has none; split it with a test fraction, such as split(0.7, 0.15).");
        int size = data.train().size();
        List<Run> runs = new ArrayList<>();
        for (double f : fractions) {
            int n = Math.max(1, (int) Math.round(f * size));
            Experiment e = on(experiment, Subset.of(data, n), String.format(Locale.ROOT, "%s, %.0f%% of training data", experiment.name(), 100 * f));
            runs.add(e.train());
        }
        DoubleColumn fraction = DoubleColumn.create("fraction");
        IntColumn samples = IntColumn.create("train_samples");
        Set<String> names = new LinkedHashSet<>();
        for (Run r : runs) {
            names.addAll(r.testMetrics().keySet());
        }
        List<DoubleColumn> metrics = new ArrayList<>();
        for (String m : names) {
            metrics.add(DoubleColumn.create("test_" + m));
        }
        DoubleColumn seconds = DoubleColumn.create("train_seconds");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            fraction.append(fractions[i]);
            samples.append(((Subset) r.data()).samples());
            int k = 0;
            for (String m : names) {
                Double v = r.testMetrics().get(m);
                metrics.get(k++).append(v == null ? Double.NaN : v);
            }
            seconds.append(r.trainSeconds());
        }
        Table t = Table.create("learning curve", fraction, samples);
        for (DoubleColumn c : metrics) {
            t.addColumns(c);
        }
        t.addColumns(seconds);
        return new LearningCurve(experiment, Collections.unmodifiableList(runs), Digits.readable(t), primary(data.spec().task()));
    }

    /** The experiment's settings with other data and a name. */
    private static Experiment on(Experiment e, SequenceData data, String name) {
        Experiment c = Experiment.of(e.stack(), data).optimizer(e.optim()).schedule(e.schedule()).epochs(e.epochs()).batch(e.batch())
                .seed(e.seed()).name(name);
        if (e.clipNorm() > 0) {
            c = c.clipNorm(e.clipNorm());
        }
        if (e.clipValue() > 0) {
            c = c.clipValue(e.clipValue());
        }
        if (e.earlyStop() > 0) {
            c = c.earlyStop(e.earlyStop());
        }
        if (e.threads() > 0) {
            c = c.threads(e.threads());
        }
        for (TrainingListener l : e.listeners()) {
            c = c.listener(l);
        }
        return c;
    }

    /**
     * Returns the headline test metric of a task: rmse, accuracy or perplexity.
     *
     * @param task the task
     * @return the metric's name in {@link Run#testMetrics()}
     */
    static String primary(Task task) {
        switch (task) {
            case REGRESSION:
                return History.RMSE;
            case CLASSIFICATION:
                return History.ACCURACY;
            default:
                return History.PERPLEXITY;
        }
    }

    /**
     * Returns one row per fraction: fraction, train_samples, {@code test_<metric>} for every
     * test metric, train_seconds.
     *
     * @return a copy of the table
     */
    public Table table() {
        return table.copy();
    }

    /** @return the runs, one per fraction in the order given (each owns its weights until closed) */
    public List<Run> runs() {
        return runs;
    }

    /** @return the experiment measured */
    public Experiment experiment() {
        return experiment;
    }

    /** @return the headline metric drawn by {@link #chart()}: rmse, accuracy or perplexity */
    public String metric() {
        return metric;
    }

    /** @return the headline test metric against the fraction of training data used */
    public Figure<XYChart> chart() {
        return Plots.learningCurve(this);
    }

    /** @return the table as text */
    @Override
    public String toString() {
        return table.printAll();
    }
}
