package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Corpus;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.SequenceData;
import dev.seqlab.data.Series;
import dev.seqlab.data.Task;
import dev.seqlab.data.TextData;
import dev.seqlab.model.Cell;
import dev.seqlab.model.Gates;
import dev.seqlab.model.GradientFlow;
import dev.seqlab.model.Network;
import dev.seqlab.train.ClassReport;
import dev.seqlab.train.LearningCurve;
import dev.seqlab.train.Run;
import dev.seqlab.train.Subset;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts of runs and data. Every method returns a {@link Figure} around a plain XChart chart
 * (restyle it through {@link Figure#chart()}) with title, axis titles with units and a legend
 * outside the data; the series hold the run's own numbers, unrounded, so a chart can be checked
 * against the run it shows.
 *
 * <pre>{@code
 * Plots.loss(run);                          // train and validation loss, best epoch marked
 * Plots.predictions(run);                   // forecasts against truth, parts marked
 * Plots.attention(run, data.test(), 0);     // what one sample's prediction looked at
 * Plots.gradientFlow(run, data.train());    // layer x time step: how far back the signal reaches
 * Plots.gates(run, data.test(), 0, 0);      // LSTM/GRU gates of one sample
 * }</pre>
 *
 * <p>Stages (layers) are numbered from 0 in arguments, as in {@link Network}, and from 1 in
 * chart labels ("layer 1" is nearest the input).
 */
public final class Plots {

    /** How many samples of a part {@link #gradientFlow(Run, SeqSplit)} backpropagates through. */
    public static final int FLOW_BATCH = 32;

    private static final Color GREY = new Color(110, 110, 110);
    private static final Color TRUTH = new Color(40, 40, 40);

    private Plots() {}

    // ---------------------------------------------------------------- training curves

    /**
     * Training and validation loss per epoch for one or more runs (runs overlaid), with the best
     * epoch (the one whose weights were restored) marked on each run's validation curve.
     *
     * @param runs the runs
     * @return the chart: series "train", "validation", "best epoch N" (prefixed by the run name
     *     when several runs are drawn)
     */
    public static Figure<XYChart> loss(Run... runs) {
        checkRuns(runs, "loss");
        XYChart chart = xy(runs.length == 1 ? "Loss per epoch: " + runs[0].name() : "Loss per epoch", "epoch",
                lossUnit(runs[0].network().spec().task()));
        int colour = 0;
        for (Run run : runs) {
            Table h = run.history();
            double[] epochs = h.intColumn("epoch").asDoubleArray();
            String prefix = runs.length == 1 ? "" : run.name() + ": ";
            Color c = Style.PALETTE[colour++ % Style.PALETTE.length];
            XYSeries train = line(chart, prefix + "train", epochs, h.doubleColumn("train_loss").asDoubleArray());
            colour(train, c);
            double[] val = h.doubleColumn("val_loss").asDoubleArray();
            boolean hasVal = val.length > 0 && !Double.isNaN(val[0]);
            if (hasVal) {
                XYSeries v = line(chart, prefix + "validation", epochs, val);
                colour(v, c);
                v.setLineStyle(dashed());
            }
            double[] curve = hasVal ? val : h.doubleColumn("train_loss").asDoubleArray();
            int row = rowOfEpoch(epochs, run.bestEpoch());
            if (row >= 0) {
                XYSeries best = chart.addSeries(unique(chart, prefix + "best epoch " + run.bestEpoch()), new double[] {epochs[row]},
                        new double[] {curve[row]});
                best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                best.setMarker(SeriesMarkers.CIRCLE);
                best.setMarkerColor(c);
            }
        }
        integerTicks(chart);
        legend(chart);
        return new Figure<>(chart);
    }

    /**
     * The metric recorded each epoch (RMSE in the data's units, accuracy, or perplexity): for one
     * run, training (from the epoch's own steps) and validation; for several runs, validation.
     *
     * @param runs the runs
     * @return the chart: "train" and "validation" for a single run, else one series per run
     * @throws SeqLabException if the runs have different metrics or no validation part
     */
    public static Figure<XYChart> metric(Run... runs) {
        checkRuns(runs, "metric");
        String column = metricColumn(runs[0]);
        for (Run r : runs) {
            String c = metricColumn(r);
            SeqLabException.check(c.equals(column), "Runs '%s' and '%s' record different validation metrics (%s and %s); compare runs of one task.",
                    runs[0].name(), r.name(), column, c);
            double[] v = r.history().doubleColumn(c).asDoubleArray();
            SeqLabException.check(Arrays.stream(v).anyMatch(x -> !Double.isNaN(x)),
                    "Run '%s' has no validation part, so no validation metric; split the data with a validation fraction, such as split(0.7, 0.15).",
                    r.name());
        }
        XYChart chart = xy((runs.length == 1 ? "" : "Validation ") + metricLabel(column) + " per epoch" + (runs.length == 1 ? ": " + runs[0].name() : ""), "epoch",
                metricUnit(runs[0], column));
        for (Run r : runs) {
            Table h = r.history();
            String trainColumn = "train_" + column.substring("val_".length());
            if (runs.length == 1 && h.columnNames().contains(trainColumn)) {
                line(chart, "train", h.intColumn("epoch").asDoubleArray(), h.doubleColumn(trainColumn).asDoubleArray());
            }
            line(chart, runs.length == 1 ? "validation" : r.name(), h.intColumn("epoch").asDoubleArray(), h.doubleColumn(column).asDoubleArray());
        }
        integerTicks(chart);
        legend(chart);
        return new Figure<>(chart);
    }

    /**
     * The learning rate used in each epoch (after warm-up, decay and plateau cuts), for one or
     * more runs; the y axis is logarithmic when the rate spans more than a factor of 20.
     *
     * @param runs the runs
     * @return the chart, one series per run
     */
    public static Figure<XYChart> learningRate(Run... runs) {
        checkRuns(runs, "learningRate");
        XYChart chart = xy("Learning rate per epoch" + (runs.length == 1 ? ": " + runs[0].name() : ""), "epoch", "learning rate (per step)");
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Run r : runs) {
            Table h = r.history();
            double[] lr = h.doubleColumn("lr").asDoubleArray();
            for (double v : lr) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            line(chart, runs.length == 1 ? "learning rate" : r.name(), h.intColumn("epoch").asDoubleArray(), lr);
        }
        if (min > 0 && max / min > 20) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle("learning rate (per step, log scale)");
        }
        chart.getStyler().setYAxisDecimalPattern("0.###E0");
        integerTicks(chart);
        legend(chart);
        return new Figure<>(chart);
    }

    /**
     * The gradient norm of each recurrent layer per epoch (the mean over the epoch's steps of the
     * L2 norm before clipping) on a log scale, with the norm of all parameters and, when norm
     * clipping was on, the largest norm after clipping. Layers whose norm falls epoch after epoch
     * are starved (vanishing gradients); spikes are exploding ones.
     *
     * @param run the run
     * @return the chart: series "layer 1" .. "layer L", "all parameters", ["after clipping (max)"]
     * @throws SeqLabException if the run's history has no per-layer norms
     */
    public static Figure<XYChart> gradientNorms(Run run) {
        SeqLabException.check(run != null, "gradientNorms() needs a run; pass the result of Experiment.train().");
        Table h = run.history();
        List<String> layers = new ArrayList<>();
        for (String c : h.columnNames()) {
            if (c.startsWith("grad_norm_layer")) {
                layers.add(c);
            }
        }
        SeqLabException.check(!layers.isEmpty() && h.rowCount() > 0,
                "Run '%s' has no per-layer gradient norms in its history; train it with Experiment.train() to record them.", run.name());
        XYChart chart = xy("Gradient norm per layer: " + run.name(), "epoch", "gradient L2 norm (mean per step, log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        double[] epochs = h.intColumn("epoch").asDoubleArray();
        for (String c : layers) {
            positiveLine(chart, "layer " + c.substring("grad_norm_layer".length()), epochs, h.doubleColumn(c).asDoubleArray());
        }
        XYSeries all = positiveLine(chart, "all parameters", epochs, h.doubleColumn("grad_norm").asDoubleArray());
        if (all != null) {
            all.setLineColor(GREY);
            all.setLineStyle(dashed());
        }
        if (h.columnNames().contains("grad_norm_clipped_max")) {
            XYSeries clipped = positiveLine(chart, "after clipping (max)", epochs, h.doubleColumn("grad_norm_clipped_max").asDoubleArray());
            if (clipped != null) {
                clipped.setLineColor(Color.BLACK);
                clipped.setLineStyle(dotted());
            }
        }
        SeqLabException.check(!chart.getSeriesMap().isEmpty(),
                "Run '%s' recorded only zero gradient norms, which a log scale cannot show; check that the model has trainable recurrent layers.",
                run.name());
        integerTicks(chart);
        return new Figure<>(chart);
    }

    /**
     * The test metric against the fraction of training data used.
     *
     * @param curve a learning curve
     * @return the chart, one point per fraction
     */
    public static Figure<XYChart> learningCurve(LearningCurve curve) {
        SeqLabException.check(curve != null, "learningCurve() needs a curve; make one with LearningCurve.of(experiment, 0.25, 0.5, 1.0).");
        Table t = curve.table();
        String column = "test_" + curve.metric();
        SeqLabException.check(t.columnNames().contains(column), "The learning curve has no test %s; give its data set a test part.", curve.metric());
        Run first = curve.runs().get(0);
        String unit = first.network().spec().task() == Task.REGRESSION
                ? "test " + curve.metric().toUpperCase(Locale.ROOT) + " (" + targetName(first) + ")"
                : curve.metric().equals("accuracy") ? "test accuracy (fraction correct)" : "test " + curve.metric();
        XYChart chart = xy("Learning curve: " + curve.experiment().name(), "fraction of the training part used (from its start)", unit);
        XYSeries s = chart.addSeries("test " + curve.metric(), t.doubleColumn("fraction").asDoubleArray(), t.doubleColumn(column).asDoubleArray());
        s.setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        return new Figure<>(chart);
    }

    // ---------------------------------------------------------------- forecasts

    /**
     * The whole series in its own units with the model's one-step-ahead forecasts on the
     * training, validation and test windows, and dashed vertical lines where validation and test
     * begin (at the first target row of each part). The x axis shows the table's first date or
     * text column when it has one, else the row number.
     *
     * @param run a regression run on a {@link Series}
     * @return the chart: series "truth", "train", "validation", "test", "validation starts", "test starts"
     */
    public static Figure<XYChart> predictions(Run run) {
        Series series = series(run, "predictions");
        RowAxis ax = new RowAxis(series);
        XYChart chart = xy("Forecasts (1 step ahead) against truth: " + run.name(), ax.title(), series.target());
        double[] values = series.values();
        XYSeries truth = line(chart, "truth", ax.at(rows(0, values.length)), values);
        colour(truth, TRUTH);
        truth.setLineWidth(1.2f);
        String[] names = {"train", "validation", "test"};
        SeqSplit[] parts = {series.train(), series.validation(), series.test()};
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].size() > 0) {
                XYSeries s = forecast(chart, ax, names[p], run, parts[p], 1);
                colour(s, Style.PALETTE[p]);
            }
        }
        double lo = Arrays.stream(values).min().orElse(0);
        double hi = Arrays.stream(values).max().orElse(1);
        if (parts[1].size() > 0) {
            boundary(chart, ax, "validation starts", parts[1].origin()[0] - 0.5, lo, hi);
        }
        if (parts[2].size() > 0) {
            boundary(chart, ax, "test starts", parts[2].origin()[0] - 0.5, lo, hi);
        }
        ax.style(chart);
        return new Figure<>(chart);
    }

    /**
     * Forecasts on one part against the truth: step 1 of the horizon and, for a multi-step
     * horizon, its last step, each drawn at the row it forecasts.
     *
     * @param run a regression run on a {@link Series}
     * @param part a part of the run's series
     * @return the chart: series "truth", "step 1", ["step H"]
     */
    public static Figure<XYChart> predictions(Run run, SeqSplit part) {
        Series series = series(run, "predictions");
        int h = run.network().spec().horizon();
        return h == 1 ? predictions(run, part, 1) : predictions(run, part, new int[] {1, h});
    }

    /**
     * Forecasts of chosen horizon steps on one part against the truth; step s of sample i is
     * drawn at the row it forecasts, {@code origin[i] + s - 1}.
     *
     * @param run a regression run on a {@link Series}
     * @param part a part of the run's series
     * @param steps horizon steps, from 1 to the horizon
     * @return the chart: series "truth", "step s" for each step
     */
    public static Figure<XYChart> predictions(Run run, SeqSplit part, int... steps) {
        Series series = series(run, "predictions");
        checkPart(part);
        int h = run.network().spec().horizon();
        SeqLabException.check(steps != null && steps.length > 0, "Name at least one horizon step to draw, such as 1.");
        for (int s : steps) {
            SeqLabException.check(s >= 1 && s <= h, "Horizon step %d does not exist; this run forecasts steps 1 to %d.", s, h);
        }
        SeqLabException.check(part.size() > 0, "The %s part is empty; plot a part with samples.", partName(series, part));
        RowAxis ax = new RowAxis(series);
        XYChart chart = xy("Forecasts on the " + partName(series, part) + " part: " + run.name(), ax.title(), series.target());
        int[] origin = part.origin();
        int from = origin[0];
        int to = Math.min(series.rows(), origin[origin.length - 1] + h);
        double[] values = series.values();
        XYSeries truth = line(chart, "truth", ax.at(rows(from, to)), Arrays.copyOfRange(values, from, to));
        colour(truth, TRUTH);
        int k = 0;
        for (int s : steps) {
            XYSeries f = forecast(chart, ax, "step " + s, run, part, s);
            colour(f, Style.PALETTE[k++ % Style.PALETTE.length]);
            if (steps.length > 1) {
                f.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        ax.style(chart);
        return new Figure<>(chart);
    }

    /**
     * One sample's multi-step forecast: the input window it saw, the true future and the
     * forecast over the whole horizon, with the naive forecast (last value repeated) for scale.
     *
     * @param run a regression run on a {@link Series}
     * @param part a part of the run's series
     * @param sample the sample index in the part
     * @return the chart: series "input window", "truth", "forecast", "naive (last value)"
     */
    public static Figure<XYChart> horizon(Run run, SeqSplit part, int sample) {
        Series series = series(run, "horizon");
        checkPart(part);
        checkSample(part, sample);
        int h = run.network().spec().horizon();
        int window = run.network().spec().timeSteps();
        int origin = part.origin()[sample];
        double[] values = series.values();
        RowAxis ax = new RowAxis(series);
        XYChart chart = xy(String.format(Locale.ROOT, "%d-step forecast of %s sample %d: %s", h, partName(series, part), sample, run.name()),
                ax.title(), series.target());
        int from = origin - window;
        XYSeries in = line(chart, "input window", ax.at(rows(from, origin)), Arrays.copyOfRange(values, from, origin));
        colour(in, GREY);
        List<Object> future = ax.at(rows(origin, origin + h));
        double[] trueFuture = new double[h];
        double[] predicted = new double[h];
        float[] pred = run.predict(part.head(sample + 1))[sample];
        float[] naive = series.naive(part)[sample];
        double[] naiveD = new double[h];
        for (int s = 0; s < h; s++) {
            trueFuture[s] = values[origin + s];
            predicted[s] = pred[s];
            naiveD[s] = naive[s];
        }
        XYSeries t = line(chart, "truth", future, trueFuture);
        colour(t, TRUTH);
        t.setMarker(SeriesMarkers.CIRCLE);
        XYSeries f = line(chart, "forecast", future, predicted);
        colour(f, Style.PALETTE[1]);
        f.setMarker(SeriesMarkers.DIAMOND);
        XYSeries n = line(chart, "naive (last value)", future, naiveD);
        colour(n, Style.PALETTE[2]);
        n.setLineStyle(dashed());
        ax.style(chart);
        return new Figure<>(chart);
    }

    // ---------------------------------------------------------------- classification

    /**
     * The confusion matrix on the test part as a heatmap of counts: rows are the true classes
     * (the first class at the top), columns the predicted ones, class names on both axes.
     *
     * @param run a classification run with a test part
     * @return the chart; its heat data are {predicted index, row from the bottom, count}
     */
    public static Figure<HeatMapChart> confusion(Run run) {
        ClassReport r = report(run, "confusion");
        List<String> names = r.classNames();
        int c = names.size();
        int total = 0;
        List<Number[]> heat = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            for (int p = 0; p < c; p++) {
                heat.add(new Number[] {p, c - 1 - t, r.confusion()[t][p]});
                total += r.confusion()[t][p];
            }
        }
        List<String> yNames = new ArrayList<>(names);
        java.util.Collections.reverse(yNames);
        HeatMapChart chart = heat("Confusion matrix: " + run.name(), String.format(Locale.ROOT,
                "predicted class (test part: %d samples, accuracy %.3f)", total, r.accuracy()), "true class");
        chart.addSeries("count", names, yNames, heat);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.valueOf(Math.round(v)));
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(Math.max(1, Arrays.stream(r.confusion()).flatMapToInt(Arrays::stream).max().orElse(1)));
        chart.getStyler().setHeatMapValueDecimalPattern("0");
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(158, 202, 225), new Color(8, 81, 156)});
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setLegendVisible(false); // the counts are written in the cells
        rotateIfLong(chart.getStyler(), names);
        return new Figure<>(chart);
    }

    /**
     * Precision, recall and F1 of every class on the test part.
     *
     * @param run a classification run with a test part
     * @return the chart: series "precision", "recall", "F1" over the class names
     */
    public static Figure<CategoryChart> classScores(Run run) {
        ClassReport r = report(run, "classScores");
        CategoryChart chart = category(String.format(Locale.ROOT, "Scores per class on the test part (macro F1 %.3f): %s", r.macroF1(),
                run.name()), "class", "score (0 to 1)");
        chart.addSeries("precision", r.classNames(), box(r.precision()));
        chart.addSeries("recall", r.classNames(), box(r.recall()));
        chart.addSeries("F1", r.classNames(), box(r.f1()));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        rotateIfLong(chart.getStyler(), r.classNames());
        return new Figure<>(chart);
    }

    // ---------------------------------------------------------------- attention

    /**
     * The attention weight of every real time step of one sample (they sum to 1): for text the
     * tokens themselves label the axis, for a series the steps t-(T-1) .. t before the forecast.
     *
     * @param run a run of a model with attention
     * @param part a part of the run's data
     * @param sample the sample index in the part
     * @return the chart: one bar series "attention" (a token seen twice gets a trailing space per repeat)
     */
    public static Figure<CategoryChart> attention(Run run, SeqSplit part, int sample) {
        SeqLabException.check(run != null, "attention() needs a run; pass the result of Experiment.train().");
        SeqLabException.check(run.network().hasAttention(),
                "Run '%s' has no attention layer; declare the model with .attention(), such as Stack.lstm(32).attention(), to see attention weights.",
                run.name());
        checkPart(part);
        checkSample(part, sample);
        float[] w = run.attention(part, sample);
        List<String> labels = stepLabels(run, part, sample, w.length);
        List<Double> weights = new ArrayList<>(w.length);
        for (float v : w) {
            weights.add((double) v);
        }
        CategoryChart chart = category(String.format(Locale.ROOT, "Attention over the %d steps of %s sample %d: %s", w.length,
                partName(data(run), part), sample, run.name()), isText(run) ? "token" : "time step (t = last input)",
                "attention weight (sums to 1)");
        chart.addSeries("attention", unique(labels), weights);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        if (labels.size() > 12 || labels.stream().mapToInt(String::length).sum() > 60) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        return new Figure<>(chart);
    }

    // ---------------------------------------------------------------- gradient flow and gates

    /**
     * Gradient flow: for the first {@link #FLOW_BATCH} samples of a part, the L2 norm of the
     * training loss's gradient with respect to each layer's output at each time step, as a
     * layer × time heatmap of log10 norms. In a plain RNN the colour fades towards the first
     * steps (the signal does not reach back); LSTM and GRU keep it alive longer. Without attention
     * the head reads only the last step, so the top layer's gradient is exactly zero before it;
     * exact zeros are drawn in the colour of the smallest non-zero norm.
     *
     * @param run the run (any cell)
     * @param part a part of the run's data, such as {@code data.train()}
     * @return the chart; its heat data are {time step, layer index, log10 norm}
     */
    public static Figure<HeatMapChart> gradientFlow(Run run, SeqSplit part) {
        SeqLabException.check(run != null, "gradientFlow() needs a run; pass the result of Experiment.train().");
        checkPart(part);
        SeqLabException.check(part.size() > 0, "The part is empty; measure gradient flow on a part with samples, such as data.train().");
        Network net = run.network();
        float[][] norms = Probes.flow(net, part, FLOW_BATCH).norms();
        int layers = norms.length;
        int t = norms[0].length;
        double floor = Double.POSITIVE_INFINITY;
        for (float[] row : norms) {
            for (float v : row) {
                if (v > 0) {
                    floor = Math.min(floor, v);
                }
            }
        }
        SeqLabException.check(floor < Double.POSITIVE_INFINITY,
                "Every gradient in the batch is zero, so there is no flow to draw; check that the model's loss depends on its inputs.");
        List<Number[]> heat = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < layers; l++) {
            for (int s = 0; s < t; s++) {
                double v = Math.log10(Math.max(norms[l][s], floor));
                heat.add(new Number[] {s, l, v});
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        List<String> yNames = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            yNames.add("layer " + (l + 1));
        }
        List<String> xNames = timeLabels(run, t);
        int b = Math.min(FLOW_BATCH, part.size());
        HeatMapChart chart = heat("Gradient flow, log10 |dL/dh|: " + run.name(), String.format(Locale.ROOT, "%s (batch of %d %s samples)",
                isText(run) ? "token position" : "time step, t = last input", b, partName(data(run), part)), "layer (1 = nearest the input)");
        chart.addSeries("log10 |dL/dh|", xNames, yNames, heat);
        // XChart's own range starts its maximum at Double.MIN_VALUE, wrong for all-negative logs;
        // its colour bar prints the ends unformatted, so they are rounded outwards to one decimal
        double min = Math.floor(lo * 10) / 10;
        double max = Math.ceil(hi * 10) / 10;
        chart.getStyler().setMin(min);
        chart.getStyler().setMax(max > min ? max : min + 0.1);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        chart.getStyler().setRangeColors(new Color[] {new Color(255, 255, 217), new Color(65, 182, 196), new Color(8, 29, 88)});
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.1f", v));
        chart.getStyler().setShowValue(false);
        if (t > 12) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        return new Figure<>(chart);
    }

    /**
     * Where the training signal still arrives, for several runs side by side: the gradient norm
     * at the first layer's output per time step, divided by its value at the last step, on a log
     * scale (measured as in {@link #gradientFlow(Run, SeqSplit)} on each run's training part).
     * A curve that drops by orders of magnitude towards the early steps shows vanishing gradients.
     *
     * @param runs runs on data of one sequence length, for example an RNN, an LSTM and a GRU
     * @return the chart, one series per run
     */
    public static Figure<XYChart> gradientReach(Run... runs) {
        checkRuns(runs, "gradientReach");
        int t = runs[0].network().spec().timeSteps();
        XYChart chart = xy("Gradient reach at layer 1 (batch of " + FLOW_BATCH + " training samples)",
                "steps before the last input", "|dL/dh_t| / |dL/dh_last| (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        for (Run r : runs) {
            SeqLabException.check(r.network().spec().timeSteps() == t,
                    "Runs '%s' and '%s' see sequences of different lengths (%d and %d steps); compare runs on the same data.", runs[0].name(),
                    r.name(), t, r.network().spec().timeSteps());
            float[] first = Probes.flow(r.network(), data(r).train(), FLOW_BATCH).norms()[0];
            double last = first[first.length - 1];
            SeqLabException.check(last > 0, "Run '%s' has no gradient at its last step; check that its loss depends on the inputs.", r.name());
            double[] x = new double[first.length];
            double[] y = new double[first.length];
            for (int s = 0; s < first.length; s++) {
                x[s] = first.length - 1 - s;
                y[s] = first[s] / last;
            }
            positiveLine(chart, unique(chart, r.name()), x, y);
        }
        chart.getStyler().setXAxisDecimalPattern("0");
        legend(chart);
        return new Figure<>(chart);
    }

    /**
     * The gates of an LSTM (input, forget, output) or GRU (reset, update) layer over the real
     * time steps of one sample, each averaged over the layer's units, recomputed from the trained
     * weights. The recomputed hidden states are checked against the layer's own output (the proof
     * that the gates are right): a mismatch above 1e-5 is an error, never a wrong chart.
     *
     * @param run a run of an LSTM or GRU model
     * @param part a part of the run's data
     * @param sample the sample index in the part
     * @param stage the layer, from 0 (nearest the input)
     * @return the chart, one line series per gate: its mean over the units at each real step
     */
    public static Figure<CategoryChart> gates(Run run, SeqSplit part, int sample, int stage) {
        Gates g = gatesOf(run, part, sample, stage);
        List<String> gateNames = run.network().stack().cell() == Cell.LSTM ? List.of("input", "forget", "output") : List.of("reset", "update");
        int steps = g.length();
        CategoryChart chart = category(String.format(Locale.ROOT, "%s gates, layer %d: %s", cellName(run.network()), stage + 1, run.name()),
                String.format(Locale.ROOT, "%s (%s sample %d)", isText(run) ? "token" : "time step, t = last input", partName(data(run), part),
                        sample), "gate activation, mean of " + g.size() + " units");
        List<String> labels = unique(stepLabels(run, part, sample, steps));
        for (String name : gateNames) {
            float[][] a = g.gate(name);
            List<Double> mean = new ArrayList<>(steps);
            for (int s = 0; s < steps; s++) {
                double sum = 0;
                for (float v : a[s]) {
                    sum += v;
                }
                mean.add(sum / a[s].length);
            }
            CategorySeries series = chart.addSeries(name, labels, mean);
            series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setOverlapped(true); // lines at the category centres, not side by side like bars
        if (labels.size() > 12 || labels.stream().mapToInt(String::length).sum() > 60) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        return new Figure<>(chart);
    }

    /**
     * One gate of an LSTM or GRU layer for one sample as a unit × time heatmap (every unit, not
     * the mean): which units open or close at which steps.
     *
     * @param run a run of an LSTM or GRU model
     * @param part a part of the run's data
     * @param sample the sample index in the part
     * @param stage the layer, from 0
     * @param gate "input", "forget", "output" (LSTM) or "reset", "update" (GRU), or "candidate"
     * @return the chart; its heat data are {step, unit, activation}
     */
    public static Figure<HeatMapChart> gate(Run run, SeqSplit part, int sample, int stage, String gate) {
        Gates g = gatesOf(run, part, sample, stage);
        float[][] a = g.gate(gate);
        int steps = g.length();
        List<Number[]> heat = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            for (int u = 0; u < g.size(); u++) {
                heat.add(new Number[] {s, u, (double) a[s][u]});
            }
        }
        List<String> units = new ArrayList<>();
        for (int u = 0; u < g.size(); u++) {
            units.add(String.valueOf(u + 1));
        }
        HeatMapChart chart = heat(String.format(Locale.ROOT, "%s %s gate, layer %d: %s", cellName(run.network()), gate, stage + 1, run.name()),
                String.format(Locale.ROOT, "%s (%s sample %d)", isText(run) ? "token" : "time step, t = last input", partName(data(run), part),
                        sample), "unit");
        chart.addSeries(gate, unique(stepLabels(run, part, sample, steps)), units, heat);
        boolean tanh = gate.equals("candidate") || gate.equals("cell");
        chart.getStyler().setMin(tanh && !gate.equals("cell") ? -1 : 0);
        if (!gate.equals("cell")) {
            chart.getStyler().setMax(1);
        }
        chart.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.2f", v));
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        if (gate.equals("cell")) {
            double m = 0;
            for (int s = 0; s < steps; s++) {
                for (float v : a[s]) {
                    m = Math.max(m, Math.abs(v));
                }
            }
            double end = Math.ceil(Math.max(m, 1e-6) * 10) / 10;
            chart.getStyler().setMin(-end);
            chart.getStyler().setMax(end);
        }
        if (steps > 12) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        return new Figure<>(chart);
    }

    private static Gates gatesOf(Run run, SeqSplit part, int sample, int stage) {
        SeqLabException.check(run != null, "gates() needs a run; pass the result of Experiment.train().");
        Network net = run.network();
        Cell cell = net.stack().cell();
        SeqLabException.check(cell == Cell.LSTM || cell == Cell.GRU,
                "Run '%s' uses %s cells, which have no gates; train a Stack.lstm(...) or Stack.gru(...) model to see gates.", run.name(),
                cell.label());
        checkPart(part);
        checkSample(part, sample);
        SeqLabException.check(stage >= 0 && stage < net.depth(), "Layer %d does not exist; this model has layers 0 to %d (0 is nearest the input).",
                stage, net.depth() - 1);
        Gates g = Probes.gates(net, part, sample, stage);
        SeqLabException.check(g.maxAbsDifference() <= 1e-5f,
                "The recomputed gates do not reproduce the layer's output (largest difference %.3g); report this as a SeqLab bug.",
                g.maxAbsDifference());
        return g;
    }

    // ---------------------------------------------------------------- helpers: data

    static String lossUnit(Task task) {
        switch (task) {
            case REGRESSION:
                return "loss (MSE, scaled units)";
            default:
                return "loss (cross-entropy, nats)";
        }
    }

    private static String metricColumn(Run run) {
        for (String c : run.history().columnNames()) {
            if (c.equals("val_rmse") || c.equals("val_accuracy") || c.equals("val_perplexity")) {
                return c;
            }
        }
        throw new SeqLabException(String.format(Locale.ROOT,
                "Run '%s' has no validation metric in its history; train it with Experiment.train() to record one.", run.name()));
    }

    private static String metricLabel(String column) {
        switch (column) {
            case "val_rmse":
                return "RMSE";
            case "val_accuracy":
                return "accuracy";
            default:
                return "perplexity";
        }
    }

    private static String metricUnit(Run run, String column) {
        switch (column) {
            case "val_rmse":
                return "RMSE (" + targetName(run) + ")";
            case "val_accuracy":
                return "accuracy (fraction correct)";
            default:
                return "perplexity (per token)";
        }
    }

    private static String targetName(Run run) {
        List<String> labels = run.network().spec().labels();
        return labels.isEmpty() ? "data units" : labels.get(0);
    }

    private static SequenceData data(Run run) {
        SequenceData d = run.data();
        return d instanceof Subset ? ((Subset) d).full() : d;
    }

    private static boolean isText(Run run) {
        return run.network().spec().tokens();
    }

    private static Series series(Run run, String method) {
        SeqLabException.check(run != null, "%s() needs a run; pass the result of Experiment.train().", method);
        SequenceData d = data(run);
        SeqLabException.check(run.network().spec().task() == Task.REGRESSION && d instanceof Series,
                "%s() draws forecasts of a Series, and run '%s' is a %s run; use confusion(run) or classScores(run) for classifiers.",
                method, run.name(), run.network().spec().task().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return (Series) d;
    }

    private static ClassReport report(Run run, String method) {
        SeqLabException.check(run != null, "%s() needs a run; pass the result of Experiment.train().", method);
        SeqLabException.check(run.network().spec().task() == Task.CLASSIFICATION,
                "%s() needs a classification run, and run '%s' is %s; use predictions(run) for forecasts.", method, run.name(),
                run.network().spec().task().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        SeqLabException.check(run.testMetrics().containsKey("accuracy"),
                "Run '%s' has no test part to score; split the data with a test fraction, such as split(0.7, 0.15).", run.name());
        return run.report();
    }

    private static void checkRuns(Run[] runs, String method) {
        SeqLabException.check(runs != null && runs.length > 0, "%s() needs at least one run; pass the result of Experiment.train().", method);
        for (Run r : runs) {
            SeqLabException.check(r != null, "One of the runs passed to %s() is null; pass only runs returned by Experiment.train().", method);
        }
    }

    private static void checkPart(SeqSplit part) {
        SeqLabException.check(part != null, "The part is null; pass one of the data's parts, such as data.test().");
    }

    private static void checkSample(SeqSplit part, int sample) {
        SeqLabException.check(part.size() > 0, "The part is empty; pick a part with samples, such as data.test().");
        SeqLabException.check(sample >= 0 && sample < part.size(), "Sample %d is out of range; this part has samples 0 to %d.", sample,
                part.size() - 1);
    }

    private static String partName(SequenceData data, SeqSplit part) {
        if (part == data.train()) {
            return "training";
        }
        if (part == data.validation()) {
            return "validation";
        }
        if (part == data.test()) {
            return "test";
        }
        return "given";
    }

    private static String cellName(Network net) {
        switch (net.stack().cell()) {
            case LSTM:
                return "LSTM";
            case GRU:
                return "GRU";
            case RNN_RELU:
                return "RNN (relu)";
            default:
                return "RNN (tanh)";
        }
    }

    /** Labels of a sample's real steps: its tokens for text, else t-(T-1) .. t. */
    private static List<String> stepLabels(Run run, SeqSplit part, int sample, int steps) {
        SequenceData d = data(run);
        List<String> labels = null;
        if (d instanceof TextData) {
            List<String> tokens = ((TextData) d).tokens(part, sample);
            if (tokens.size() >= steps) {
                labels = tokens.subList(0, steps);
            }
        } else if (d instanceof Corpus && part.tokens() != null) {
            List<String> vocab = d.vocabulary();
            labels = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                int id = part.tokens()[sample][s];
                labels.add(id < vocab.size() ? visible(vocab.get(id)) : "?");
            }
        }
        return labels != null ? labels : timeLabels(run, steps);
    }

    private static String visible(String token) {
        return token.replace(" ", "\u2423").replace("\n", "\u21b5");
    }

    /** Positions 1..T for token input, t-(T-1) .. t for numeric windows. */
    private static List<String> timeLabels(Run run, int steps) {
        List<String> out = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            out.add(isText(run) ? String.valueOf(s + 1) : s == steps - 1 ? "t" : "t-" + (steps - 1 - s));
        }
        return out;
    }

    /** Category labels must be distinct: a repeated label gets one trailing space per repeat. */
    static List<String> unique(List<String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(labels.size());
        for (String l : labels) {
            String base = l.isEmpty() ? "\u2205" : l;
            int n = seen.merge(base, 1, Integer::sum);
            out.add(n == 1 ? base : base + " ".repeat(n - 1));
        }
        return out;
    }

    private static Optional<String> indexColumn(Series series) {
        for (Column<?> c : series.table().columns()) {
            switch (c.type().name()) {
                case "LOCAL_DATE":
                case "LOCAL_DATE_TIME":
                case "LOCAL_TIME":
                case "INSTANT":
                case "STRING":
                case "TEXT":
                    return Optional.of(c.name());
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    /**
     * The x axis of a series chart: dates when the table's first date/text column holds ISO dates
     * or date-times (XChart then chooses readable, non-overlapping date ticks), else row numbers.
     * A fractional row (a part boundary) becomes the instant between its two rows.
     */
    static final class RowAxis {
        private final long[] millis;
        private final String title;

        RowAxis(Series series) {
            this.millis = series.index().map(RowAxis::parse).orElse(null);
            this.title = millis != null ? indexColumn(series).orElse("date") : "row";
        }

        /** @return the axis title: the date column's name, or "row" */
        String title() {
            return title;
        }

        private static long[] parse(List<String> labels) {
            long[] out = new long[labels.size()];
            try {
                for (int i = 0; i < out.length; i++) {
                    String v = labels.get(i);
                    out[i] = v.length() <= 10 ? java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli()
                            : java.time.LocalDateTime.parse(v.replace(' ', 'T')).atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
                }
            } catch (RuntimeException notDates) {
                return null;
            }
            return out.length > 1 ? out : null;
        }

        /** @return whether the axis shows dates */
        boolean dates() {
            return millis != null;
        }

        /** The x value of a (possibly fractional) row: a Date, or the row number itself. */
        Object at(double row) {
            if (millis == null) {
                return row;
            }
            int lo = (int) Math.max(0, Math.min(millis.length - 2, Math.floor(row)));
            double f = row - lo;
            return new java.util.Date(Math.round(millis[lo] + f * (millis[lo + 1] - millis[lo])));
        }

        List<Object> at(double[] rows) {
            List<Object> out = new ArrayList<>(rows.length);
            for (double r : rows) {
                out.add(at(r));
            }
            return out;
        }

        void style(XYChart chart) {
            if (millis == null) {
                chart.getStyler().setXAxisDecimalPattern("0");
            } else {
                chart.getStyler().setXAxisTickMarkSpacingHint(90);
            }
        }
    }

    private static XYSeries forecast(XYChart chart, RowAxis ax, String name, Run run, SeqSplit part, int step) {
        float[][] pred = run.predict(part);
        int[] origin = part.origin();
        double[] x = new double[pred.length];
        double[] y = new double[pred.length];
        for (int i = 0; i < pred.length; i++) {
            x[i] = origin[i] + step - 1;
            y[i] = pred[i][step - 1];
        }
        return line(chart, name, ax.at(x), y);
    }

    private static void boundary(XYChart chart, RowAxis ax, String name, double x, double lo, double hi) {
        XYSeries b = line(chart, name, ax.at(new double[] {x, x}), new double[] {lo, hi});
        b.setMarker(SeriesMarkers.NONE);
        b.setLineColor(GREY);
        b.setLineStyle(dashed());
        b.setLineWidth(1f);
    }

    private static double[] rows(int from, int to) {
        double[] x = new double[Math.max(0, to - from)];
        for (int i = 0; i < x.length; i++) {
            x[i] = from + i;
        }
        return x;
    }

    private static int rowOfEpoch(double[] epochs, int epoch) {
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] == epoch) {
                return i;
            }
        }
        return -1;
    }

    private static List<Double> box(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers: charts

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        Style.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    private static CategoryChart category(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        return chart;
    }

    private static HeatMapChart heat(String title, String xTitle, String yTitle) {
        HeatMapChart chart = new HeatMapChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setPlotContentSize(1.0);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, List<Object> x, double[] y) {
        List<Double> ys = new ArrayList<>(y.length);
        for (double v : y) {
            ys.add(v);
        }
        XYSeries s = chart.addSeries(unique(chart, name), x, ys);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(unique(chart, name), x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** A line of the positive points only (a log axis cannot show zero); null when none is positive. */
    private static XYSeries positiveLine(XYChart chart, String name, double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            n += v > 0 && Double.isFinite(v) ? 1 : 0;
        }
        if (n == 0) {
            return null;
        }
        double[] px = new double[n];
        double[] py = new double[n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] > 0 && Double.isFinite(y[i])) {
                px[k] = x[i];
                py[k++] = y[i];
            }
        }
        return line(chart, name, px, py);
    }

    private static void colour(XYSeries s, Color c) {
        s.setLineColor(c);
        s.setMarkerColor(c);
    }

    /**
     * A horizontal legend under the plot is one line that XChart never wraps: when the entries are
     * too long for it, the legend moves to the right of the plot, one entry per line.
     */
    private static void legend(XYChart chart) {
        int chars = 0;
        for (String name : chart.getSeriesMap().keySet()) {
            chars += name.length() + 6;
        }
        if (chars > 95) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    private static void integerTicks(XYChart chart) {
        chart.getStyler().setXAxisDecimalPattern("0");
        // XChart labels every integer when the axis is short in range; past ~15 epochs the
        // labels run into each other, so give it room to choose fewer ticks.
        chart.getStyler().setXAxisTickMarkSpacingHint(60);
    }

    private static void rotateIfLong(org.knowm.xchart.style.AxesChartStyler s, List<String> names) {
        if (names.size() > 6 || names.stream().mapToInt(String::length).max().orElse(0) > 10) {
            s.setXAxisLabelRotation(45);
        }
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
    }

    private static BasicStroke dotted() {
        return new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 3f}, 0f);
    }

    /** XChart rejects two series with one name; runs with equal names get a number. */
    static String unique(XYChart chart, String name) {
        String n = name;
        for (int i = 2; chart.getSeriesMap().containsKey(n); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }

    /**
     * Errors per horizon step; see {@link HorizonCharts#errors}.
     *
     * @param byStep a table from {@link dev.seqlab.train.Metrics#byStep}
     * @param metric "rmse" or "mae"
     * @return the chart
     */
    public static Figure<XYChart> horizonErrors(tech.tablesaw.api.Table byStep, String metric) {
        return HorizonCharts.errors(byStep, metric);
    }
}
