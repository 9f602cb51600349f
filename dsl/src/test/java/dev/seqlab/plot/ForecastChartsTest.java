package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.train.Run;
import java.time.LocalDate;
import java.time.ZoneId;
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

    /** The x value of a row: its date (airpassengers.csv is monthly from 1949-01-01) at midnight, local time. */
    private static double millis(int row) {
        return LocalDate.of(1949, 1, 1).plusMonths(row).atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    private static double[] millis(int from, int to) {
        double[] out = new double[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = millis(i);
        }
        return out;
    }

    @Test
    void wholeSeriesWithStepOneForecastsAndBoundaries() {
        Run run = PlotFixtures.lstmAir();
        Series air = PlotFixtures.AIR;
        XYChart c = Plots.predictions(run).chart();
        assertArrayEquals(air.values(), series(c, "truth").getYData(), "truth is the raw column, 144 rows");
        assertArrayEquals(millis(0, 144), series(c, "truth").getXData(), "x = the dates of the rows");
        assertEquals(144, series(c, "truth").getXData().length);
        String[] names = {"train", "validation", "test"};
        SeqSplit[] parts = {air.train(), air.validation(), air.test()};
        for (int p = 0; p < 3; p++) {
            XYSeries s = series(c, names[p]);
            float[][] pred = run.predict(parts[p]);
            assertEquals(parts[p].size(), s.getYData().length);
            for (int i = 0; i < pred.length; i++) {
                assertEquals(millis(parts[p].origin()[i]), s.getXData()[i], "drawn at the date it forecasts");
                assertEquals(pred[i][0], s.getYData()[i], 0.0);
            }
        }
        // chronological split: train rows < floor(144 * 0.7) = 100, test from floor(144 * 0.85) = 122
        assertEquals((millis(99) + millis(100)) / 2, series(c, "validation starts").getXData()[0], 1.0);
        assertEquals((millis(121) + millis(122)) / 2, series(c, "test starts").getXData()[0], 1.0);
        assertEquals("passengers_thousands", c.getYAxisTitle());
        assertEquals("date", c.getXAxisTitle());
    }

    @Test
    void xAxisIsDatesWhenTheTableHasThemElseRows() {
        RowAxis air = new RowAxis(PlotFixtures.AIR);
        assertEquals("date", air.title());
        assertEquals((millis(0) + millis(1)) / 2, ((java.util.Date) air.at(0.5)).getTime(), 1.0);
        RowAxis power = new RowAxis(Series.csv("datasets/taylor_electricity_halfhourly.csv", "demand_mw"));
        assertTrue(power.dates(), "ISO date-times are dates too");
        assertEquals("timestamp", power.title());
        tech.tablesaw.api.Table plain = tech.tablesaw.api.Table.create("plain",
                tech.tablesaw.api.DoubleColumn.create("y", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}));
        RowAxis rows = new RowAxis(Series.of(plain, "y"));
        assertEquals("row", rows.title());
        assertEquals(3.5, rows.at(3.5));
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
            assertEquals(millis(test.origin()[i] + 2), s3.getXData()[i]);
            assertEquals(pred[i][2], s3.getYData()[i], 0.0);
        }
    }

    @Test
    void horizonOfOneSample() {
        Run run = PlotFixtures.lstmAir();
        SeqSplit test = PlotFixtures.AIR.test();
        XYChart c = Plots.horizon(run, test, 2).chart();
        int origin = test.origin()[2];
        assertArrayEquals(millis(origin, origin + 3), series(c, "forecast").getXData());
        float[] pred = run.predict(test)[2];
        float[] truth = PlotFixtures.AIR.truth(test)[2];
        for (int s = 0; s < 3; s++) {
            assertEquals(pred[s], series(c, "forecast").getYData()[s], 1e-4);
            assertEquals(truth[s], series(c, "truth").getYData()[s], 1e-4);
        }
        assertEquals(12, series(c, "input window").getXData().length);
        assertEquals(millis(origin - 1), series(c, "input window").getXData()[11]);
    }
}
