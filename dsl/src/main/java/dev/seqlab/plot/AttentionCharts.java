package dev.seqlab.plot;

import static dev.seqlab.plot.ChartData.*;
import static dev.seqlab.plot.Style.*;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.model.Stack;
import dev.seqlab.train.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;

/** What attention pooling looked at: one sample's weights over its steps (tokens on the axis for text). */
final class AttentionCharts {

    private AttentionCharts() {}

    static Figure<CategoryChart> attention(Run run, SeqSplit part, int sample) {
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
}
