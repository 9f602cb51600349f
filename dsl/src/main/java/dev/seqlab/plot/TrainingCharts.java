package dev.seqlab.plot;

import static dev.seqlab.plot.ChartData.*;
import static dev.seqlab.plot.Style.*;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Task;
import dev.seqlab.train.History;
import dev.seqlab.train.Run;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/** Training curves: loss, validation metric, learning rate and gradient norms per epoch, and learning curves. */
final class TrainingCharts {

    private TrainingCharts() {}

    static Figure<XYChart> loss(Run... runs) {
        checkRuns(runs, "loss");
        XYChart chart = xy(runs.length == 1 ? "Loss per epoch: " + runs[0].name() : "Loss per epoch", "epoch",
                lossUnit(runs[0].network().spec().task()));
        int colour = 0;
        for (Run run : runs) {
            Table h = run.history();
            double[] epochs = h.intColumn(History.EPOCH).asDoubleArray();
            String prefix = runs.length == 1 ? "" : run.name() + ": ";
            Color c = Style.PALETTE[colour++ % Style.PALETTE.length];
            XYSeries train = line(chart, prefix + "train", epochs, h.doubleColumn(History.TRAIN_LOSS).asDoubleArray());
            colour(train, c);
            double[] val = h.doubleColumn(History.VAL_LOSS).asDoubleArray();
            boolean hasVal = val.length > 0 && !Double.isNaN(val[0]);
            if (hasVal) {
                XYSeries v = line(chart, prefix + "validation", epochs, val);
                colour(v, c);
                v.setLineStyle(dashed());
            }
            double[] curve = hasVal ? val : h.doubleColumn(History.TRAIN_LOSS).asDoubleArray();
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

    static Figure<XYChart> metric(Run... runs) {
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
            String trainColumn = History.trainMetric(History.metricOf(column));
            if (runs.length == 1 && h.columnNames().contains(trainColumn)) {
                line(chart, "train", h.intColumn(History.EPOCH).asDoubleArray(), h.doubleColumn(trainColumn).asDoubleArray());
            }
            line(chart, runs.length == 1 ? "validation" : r.name(), h.intColumn(History.EPOCH).asDoubleArray(), h.doubleColumn(column).asDoubleArray());
        }
        integerTicks(chart);
        legend(chart);
        return new Figure<>(chart);
    }

    static Figure<XYChart> learningRate(Run... runs) {
        checkRuns(runs, "learningRate");
        XYChart chart = xy("Learning rate per epoch" + (runs.length == 1 ? ": " + runs[0].name() : ""), "epoch", "learning rate (per step)");
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Run r : runs) {
            Table h = r.history();
            double[] lr = h.doubleColumn(History.LR).asDoubleArray();
            for (double v : lr) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            line(chart, runs.length == 1 ? "learning rate" : r.name(), h.intColumn(History.EPOCH).asDoubleArray(), lr);
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

    static Figure<XYChart> gradientNorms(Run run) {
        SeqLabException.check(run != null, "gradientNorms() needs a run; pass the result of Experiment.train().");
        Table h = run.history();
        List<String> layers = new ArrayList<>();
        for (String c : h.columnNames()) {
            if (c.startsWith(History.GRAD_NORM_LAYER)) {
                layers.add(c);
            }
        }
        SeqLabException.check(!layers.isEmpty() && h.rowCount() > 0,
                "Run '%s' has no per-layer gradient norms in its history; train it with Experiment.train() to record them.", run.name());
        XYChart chart = xy("Gradient norm per layer: " + run.name(), "epoch", "gradient L2 norm (mean per step, log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        double[] epochs = h.intColumn(History.EPOCH).asDoubleArray();
        for (String c : layers) {
            positiveLine(chart, "layer " + c.substring(History.GRAD_NORM_LAYER.length()), epochs, h.doubleColumn(c).asDoubleArray());
        }
        XYSeries all = positiveLine(chart, "all parameters", epochs, h.doubleColumn(History.GRAD_NORM).asDoubleArray());
        if (all != null) {
            all.setLineColor(GREY);
            all.setLineStyle(dashed());
        }
        if (h.columnNames().contains(History.GRAD_NORM_CLIPPED_MAX)) {
            XYSeries clipped = positiveLine(chart, "after clipping (max)", epochs, h.doubleColumn(History.GRAD_NORM_CLIPPED_MAX).asDoubleArray());
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

    static Figure<XYChart> learningCurve(LearningCurve curve) {
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
}
