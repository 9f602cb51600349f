package dev.seqlab.plot;

import static dev.seqlab.plot.ChartData.*;
import static dev.seqlab.plot.Style.*;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.model.Gates;
import dev.seqlab.model.LayerKind;
import dev.seqlab.model.Network;
import dev.seqlab.model.Stack;
import dev.seqlab.train.Run;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Inside the network: gradient flow per layer and time step, gradient reach across runs, and LSTM/GRU gates recomputed from the weights (per layer, so mixed stacks work). */
final class DiagnosticsCharts {

    private DiagnosticsCharts() {}

    static Figure<HeatMapChart> gradientFlow(Run run, SeqSplit part) {
        SeqLabException.check(run != null, "gradientFlow() needs a run; pass the result of Experiment.train().");
        checkPart(part);
        SeqLabException.check(part.size() > 0, "The part is empty; measure gradient flow on a part with samples, such as data.train().");
        Network net = run.network();
        float[][] norms = Probes.flow(net, part, Plots.FLOW_BATCH).norms();
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
        int b = Math.min(Plots.FLOW_BATCH, part.size());
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

    static Figure<XYChart> gradientReach(Run... runs) {
        checkRuns(runs, "gradientReach");
        int t = runs[0].network().spec().timeSteps();
        XYChart chart = xy("Gradient reach at layer 1 (batch of " + Plots.FLOW_BATCH + " training samples)",
                "steps before the last input", "|dL/dh_t| / |dL/dh_last| (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        for (Run r : runs) {
            SeqLabException.check(r.network().spec().timeSteps() == t,
                    "Runs '%s' and '%s' see sequences of different lengths (%d and %d steps); compare runs on the same data.", runs[0].name(),
                    r.name(), t, r.network().spec().timeSteps());
            float[] first = Probes.flow(r.network(), data(r).train(), Plots.FLOW_BATCH).norms()[0];
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

    static Figure<CategoryChart> gates(Run run, SeqSplit part, int sample, int stage) {
        Gates g = gatesOf(run, part, sample, stage);
        List<String> gateNames = g.kind().overviewGates();
        int steps = g.length();
        CategoryChart chart = category(String.format(Locale.ROOT, "%s gates, layer %d: %s", run.network().stack().layer(stage).kind().shortName(), stage + 1, run.name()),
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

    static Figure<HeatMapChart> gate(Run run, SeqSplit part, int sample, int stage, String gate) {
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
        HeatMapChart chart = heat(String.format(Locale.ROOT, "%s %s gate, layer %d: %s", run.network().stack().layer(stage).kind().shortName(), gate, stage + 1, run.name()),
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

    static Gates gatesOf(Run run, SeqSplit part, int sample, int stage) {
        SeqLabException.check(run != null, "gates() needs a run; pass the result of Experiment.train().");
        Network net = run.network();
        Stack stack = net.stack();
        LayerKind kind = stack.layer(0).kind();
        SeqLabException.check(!stack.isUniform() || kind.hasGates(),
                "Run '%s' uses %s cells, which have no gates; train a Stack.lstm(...) or Stack.gru(...) model to see gates.", run.name(),
                kind.label());
        checkPart(part);
        checkSample(part, sample);
        SeqLabException.check(stage >= 0 && stage < net.depth(), "Layer %d does not exist; this model has layers 0 to %d (0 is nearest the input).",
                stage, net.depth() - 1);
        kind = stack.layer(stage).kind();
        SeqLabException.check(kind.hasGates(), "Layer %d of run '%s' is a %s layer, which has no gates; pick an LSTM or GRU layer of this mixed stack.",
                stage, run.name(), kind.label());
        Gates g = Probes.gates(net, part, sample, stage);
        SeqLabException.check(g.maxAbsDifference() <= 1e-5f,
                "The recomputed gates do not reproduce the layer's output (largest difference %.3g); report this as a SeqLab bug.",
                g.maxAbsDifference());
        return g;
    }
}
