package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.train.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Forecast charts: truth in original units, predictions at the rows they forecast, part boundaries. */
class ForecastChartsTest {

    private static XYSeries series(XYChart c, String name) {
        XYSeries s = c.getSeriesMap().get(name);
        assertTrue(s != null, "series '" + name + "' in " + c.getSeriesMap().keySet());
        return s;
    }

    @Test
    void wholeSeriesWithStepOneForecastsAndBoundaries() {
        Run run = PlotFixtures.lstmAir();
        Series air = PlotFixtures.AIR;
        XYChart c = Plots.predictions(run).chart();
        assertArrayEquals(air.values(), series(c, "truth").getYData(), "truth is the raw column, 144 rows");
        assertEquals(144, series(c, "truth").getXData().length);
        String[] names = {"train", "validation", "test"};
        SeqSplit[] parts = {air.train(), air.validation(), air.test()};
        for (int p = 0; p < 3; p++) {
            XYSeries s = series(c, names[p]);
            float[][] pred = run.predict(parts[p]);
            assertEquals(parts[p].size(), s.getYData().length);
            for (int i = 0; i < pred.length; i++) {
                assertEquals(parts[p].origin()[i], s.getXData()[i], "drawn at the row it forecasts");
                assertEquals(pred[i][0], s.getYData()[i], 0.0);
            }
        }
        // chronological split: train rows < floor(144 * 0.7) = 100, test from floor(144 * 0.85) = 122
        assertEquals(99.5, series(c, "validation starts").getXData()[0]);
        assertEquals(121.5, series(c, "test starts").getXData()[0]);
        assertEquals("passengers_thousands", c.getYAxisTitle());
        assertEquals("date", c.getXAxisTitle());
        assertEquals("1949-01-01", c.getStyler().getxAxisTickLabelsFormattingFunction().apply(0.0), "dates on the x axis");
        assertEquals("", c.getStyler().getxAxisTickLabelsFormattingFunction().apply(0.5));
    }

    @Test
    void multiStepForecastsOfOnePart() {
        Run run = PlotFixtures.lstmAir();
        SeqSplit test = PlotFixtures.AIR.test();
        XYChart c = Plots.predictions(run, test).chart();
        assertEquals(List.of("truth", "step 1", "step 3"), List.copyOf(c.getSeriesMap().keySet()));
        float[][] pred = run.predict(test);
        XYSeries s3 = series(c, "step 3");
        for (int i = 0; i < pred.length; i++) {
            assertEquals(test.origin()[i] + 2, s3.getXData()[i]);
            assertEquals(pred[i][2], s3.getYData()[i], 0.0);
        }
    }

    @Test
    void horizonOfOneSample() {
        Run run = PlotFixtures.lstmAir();
        SeqSplit test = PlotFixtures.AIR.test();
        XYChart c = Plots.horizon(run, test, 2).chart();
        int origin = test.origin()[2];
        assertArrayEquals(new double[] {origin, origin + 1, origin + 2}, series(c, "forecast").getXData());
        float[] pred = run.predict(test)[2];
        float[] truth = PlotFixtures.AIR.truth(test)[2];
        for (int s = 0; s < 3; s++) {
            assertEquals(pred[s], series(c, "forecast").getYData()[s], 1e-4);
            assertEquals(truth[s], series(c, "truth").getYData()[s], 1e-4);
        }
        assertEquals(12, series(c, "input window").getXData().length);
        assertEquals(origin - 1, series(c, "input window").getXData()[11]);
    }
}
