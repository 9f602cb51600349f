package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.train.Metrics;
import dev.seqlab.train.Run;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Seasonal naive forecasts and errors per horizon step on a 14-row series, against values worked
 * out by hand; the baselines in the comparison table and the charts.
 */
class HorizonTest {

    /**
     * y = 3 1 4 1 5 9 2 6 5 3 5 8 9 7 (rows 0..13); window 2, horizon 3, split 0.5/0.2: trainEnd 7,
     * valEnd 9, so the test forecasts start at rows 9, 10 and 11.
     */
    private static Series tiny() {
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7};
        return Series.of(Table.create("tiny", DoubleColumn.create("y", y)), "y").windows(2).horizon(3).split(0.5, 0.2);
    }

    @Test
    void seasonalNaiveMatchesHandValues() {
        Series s = tiny();
        SeqSplit test = s.test();
        assertArrayEquals(new int[] {9, 10, 11}, test.origin());
        // period 4: row r is forecast by row r - 4 (horizon 3 < period)
        assertArrayEquals(new float[][] {{9, 2, 6}, {2, 6, 5}, {6, 5, 3}}, s.seasonalNaive(test, 4));
        // period 2 with horizon 3: the last season repeats (rows 7, 8 = 6 5 for origin 9; rows 8, 9 = 5 3 for 10)
        assertArrayEquals(new float[][] {{6, 5, 6}, {5, 3, 5}, {3, 5, 3}}, s.seasonalNaive(test, 2));
        // period 1 is the naive forecast
        assertArrayEquals(s.naive(test), s.seasonalNaive(test, 1));
        SeqLabException e = assertThrows(SeqLabException.class, () -> s.seasonalNaive(test, 12));
        assertTrue(e.getMessage().startsWith("Seasonal naive with period 12 needs 12 rows before the first forecast"), e.getMessage());
        assertThrows(SeqLabException.class, () -> s.seasonalNaive(test, 0));
    }

    @Test
    void errorsPerStepMatchHandValues() {
        Series s = tiny();
        float[][] truth = s.truth(s.test());
        assertArrayEquals(new float[][] {{3, 5, 8}, {5, 8, 9}, {8, 9, 7}}, truth);
        float[][] seasonal = s.seasonalNaive(s.test(), 4);
        // errors: step 1 (6, -3, -2), step 2 (-3, -2, -4), step 3 (-2, -4, -4)
        assertArrayEquals(new double[] {Math.sqrt(49 / 3.0), Math.sqrt(29 / 3.0), Math.sqrt(12)}, Metrics.rmseByStep(truth, seasonal), 1e-12);
        assertArrayEquals(new double[] {11 / 3.0, 3, 10 / 3.0}, Metrics.maeByStep(truth, seasonal), 1e-12);
        Map<String, float[][]> f = new LinkedHashMap<>();
        f.put("seasonal", seasonal);
        f.put("naive", s.naive(s.test())); // 5, 3, 5 repeated: step 1 errors (2, -2, -3)
        Table t = Metrics.byStep(truth, f);
        assertEquals(List.of("step", "seasonal rmse", "seasonal mae", "naive rmse", "naive mae"), t.columnNames());
        assertEquals(List.of("1", "2", "3", "all"), t.stringColumn("step").asList());
        assertEquals(Math.sqrt(114 / 9.0), t.doubleColumn("seasonal rmse").get(3), 1e-12);
        assertEquals(30 / 9.0, t.doubleColumn("seasonal mae").get(3), 1e-12);
        assertEquals(7 / 3.0, t.doubleColumn("naive mae").get(0), 1e-12);
        assertEquals(Math.sqrt(17 / 3.0), t.doubleColumn("naive rmse").get(0), 1e-12);

        XYChart chart = HorizonCharts.errors(t, "rmse").chart();
        assertEquals(2, chart.getSeriesMap().size());
        String name = String.format(java.util.Locale.ROOT, "seasonal (all steps %.3g)", Math.sqrt(114 / 9.0));
        assertArrayEquals(Metrics.rmseByStep(truth, seasonal), chart.getSeriesMap().get(name).getYData(), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3}, chart.getSeriesMap().get(name).getXData());
        assertEquals(2, Plots.horizonErrors(t, "mae").chart().getSeriesMap().size());
        assertThrows(SeqLabException.class, () -> HorizonCharts.errors(t, "mape"));
    }

    @Test
    void comparisonAndChartIncludeTheBaselines() {
        Run lstm = PlotFixtures.lstmAir();
        Series air = PlotFixtures.AIR;
        Table t = Compare.of(lstm).withBaselines(12).table();
        assertEquals(List.of(lstm.name(), "naive", "seasonal naive (12)", "drift"), t.stringColumn("name").asList());
        float[][] truth = air.truth(air.test());
        assertEquals(Metrics.rmse(truth, air.seasonalNaive(air.test(), 12)), t.doubleColumn("test_rmse").get(2), 1e-12);
        assertEquals(Metrics.mae(truth, air.drift(air.test())), t.doubleColumn("test_mae").get(3), 1e-12);
        assertEquals(0L, t.longColumn("parameters").get(1));
        assertTrue(t.intColumn("layers").isMissing(1));
        assertEquals(lstm.metric("rmse"), t.doubleColumn("test_rmse").get(0));

        XYChart chart = HorizonCharts.baselines(lstm, air.test(), 12).chart();
        assertEquals(List.of("truth", lstm.name(), "naive", "seasonal naive (12)", "drift"), List.copyOf(chart.getSeriesMap().keySet()));
        float[][] seasonal = air.seasonalNaive(air.test(), 12);
        double[] y = chart.getSeriesMap().get("seasonal naive (12)").getYData();
        for (int i = 0; i < y.length; i++) {
            assertEquals(seasonal[i][0], y[i], 0);
        }
    }
}
