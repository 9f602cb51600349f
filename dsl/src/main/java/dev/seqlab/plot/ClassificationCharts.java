package dev.seqlab.plot;

import static dev.seqlab.plot.ChartData.*;
import static dev.seqlab.plot.Style.*;

import dev.seqlab.train.ClassReport;
import dev.seqlab.train.Run;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;

/** Classifier charts: the confusion matrix and per-class scores on the test part. */
final class ClassificationCharts {

    private ClassificationCharts() {}

    static Figure<HeatMapChart> confusion(Run run) {
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

    static Figure<CategoryChart> classScores(Run run) {
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
}
