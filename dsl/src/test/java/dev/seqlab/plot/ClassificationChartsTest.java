package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.SeqSplit;
import dev.seqlab.train.ClassReport;
import dev.seqlab.train.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

/** Confusion matrix, per-class scores and attention weights: the chart data are the run's numbers. */
class ClassificationChartsTest {

    @Test
    void confusionHeatmapHoldsTheCounts() {
        Run run = PlotFixtures.lstmText();
        ClassReport r = run.report();
        HeatMapChart c = Plots.confusion(run).chart();
        HeatMapSeries s = c.getHeatMapSeries();
        assertEquals(List.of("0", "1"), new java.util.ArrayList<>(s.getXData()), "predicted classes on x");
        assertEquals(List.of("1", "0"), new java.util.ArrayList<>(s.getYData()), "true classes on y, the first at the top");
        int[][] seen = new int[2][2];
        int total = 0;
        for (Number[] cell : s.getHeatData()) {
            int predicted = cell[0].intValue();
            int truth = 1 - cell[1].intValue();
            seen[truth][predicted] = cell[2].intValue();
            total += cell[2].intValue();
        }
        assertArrayEquals(r.confusion(), seen);
        assertEquals(PlotFixtures.TEXT.test().size(), total);
        assertEquals("predicted class (test part: 90 samples, accuracy " + String.format(java.util.Locale.ROOT, "%.3f", r.accuracy()) + ")", c.getXAxisTitle());
        assertEquals("true class", c.getYAxisTitle());
    }

    @Test
    void classScoresAreTheReport() {
        Run run = PlotFixtures.lstmText();
        ClassReport r = run.report();
        CategoryChart c = Plots.classScores(run).chart();
        assertEquals(List.of("precision", "recall", "F1"), List.copyOf(c.getSeriesMap().keySet()));
        double[][] expected = {r.precision(), r.recall(), r.f1()};
        int k = 0;
        for (CategorySeries s : c.getSeriesMap().values()) {
            assertEquals(r.classNames(), new java.util.ArrayList<>(s.getXData()));
            List<?> y = new java.util.ArrayList<>(s.getYData());
            for (int j = 0; j < expected[k].length; j++) {
                assertEquals(expected[k][j], ((Number) y.get(j)).doubleValue(), 0.0);
            }
            k++;
        }
    }

    @Test
    void textAttentionSumsToOneWithTokensOnTheAxis() {
        Run run = PlotFixtures.lstmText();
        SeqSplit test = PlotFixtures.TEXT.test();
        for (int i = 0; i < 5; i++) {
            CategorySeries s = Plots.attention(run, test, i).chart().getSeriesMap().get("attention");
            List<?> y = new java.util.ArrayList<>(s.getYData());
            double sum = 0;
            for (Object v : y) {
                sum += ((Number) v).doubleValue();
            }
            assertEquals(1.0, sum, 1e-5, "sample " + i);
            assertEquals(test.lengths()[i], y.size(), "one bar per real token");
            List<String> tokens = PlotFixtures.TEXT.tokens(test, i);
            List<?> labels = new java.util.ArrayList<>(s.getXData());
            for (int t = 0; t < labels.size(); t++) {
                assertEquals(tokens.get(t), ((String) labels.get(t)).strip(), "token " + t + " of sample " + i);
            }
            float[] w = run.attention(test, i);
            for (int t = 0; t < w.length; t++) {
                assertEquals(w[t], ((Number) y.get(t)).doubleValue(), 0.0);
            }
        }
    }

    @Test
    void seriesAttentionIsLabelledByTimeStep() {
        Run run = PlotFixtures.lstmAir();
        SeqSplit test = PlotFixtures.AIR.test();
        CategorySeries s = Plots.attention(run, test, 0).chart().getSeriesMap().get("attention");
        List<?> x = new java.util.ArrayList<>(s.getXData());
        assertEquals(12, x.size());
        assertEquals("t-11", x.get(0));
        assertEquals("t", x.get(11));
        double sum = 0;
        for (Object v : s.getYData()) {
            sum += ((Number) v).doubleValue();
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void repeatedTokensStayDistinctCategories() {
        assertEquals(List.of("the", "cat", "the ", "the  "), Style.unique(List.of("the", "cat", "the", "the")));
    }
}
