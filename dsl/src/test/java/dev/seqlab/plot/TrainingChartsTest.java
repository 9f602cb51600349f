package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.train.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.Table;

/** Loss, metric, learning-rate and gradient-norm charts hold exactly the run's history. */
class TrainingChartsTest {

    private static double[] col(Table h, String name) {
        return h.numberColumn(name).asDoubleArray();
    }

    private static XYSeries series(XYChart c, String name) {
        XYSeries s = c.getSeriesMap().get(name);
        assertTrue(s != null, "series '" + name + "' in " + c.getSeriesMap().keySet());
        return s;
    }

    @Test
    void lossSeriesEqualTheHistoryAndMarkTheBestEpoch() {
        Run run = PlotFixtures.lstmAir();
        Table h = run.history();
        XYChart c = Plots.loss(run).chart();
        assertArrayEquals(new double[] {1, 2, 3}, series(c, "train").getXData());
        assertArrayEquals(col(h, "train_loss"), series(c, "train").getYData());
        assertArrayEquals(col(h, "val_loss"), series(c, "validation").getYData());
        XYSeries best = series(c, "best epoch " + run.bestEpoch());
        assertArrayEquals(new double[] {run.bestEpoch()}, best.getXData());
        double minVal = h.doubleColumn("val_loss").min();
        assertArrayEquals(new double[] {minVal}, best.getYData(), "the best epoch is the lowest validation loss");
        assertEquals("loss (MSE, scaled units)", c.getYAxisTitle());
        assertEquals("epoch", c.getXAxisTitle());
    }

    @Test
    void overlaidRunsArePrefixedByName() {
        Run a = PlotFixtures.lstmAir();
        Run b = PlotFixtures.gruAir();
        XYChart c = Plots.loss(a, b).chart();
        assertArrayEquals(col(a.history(), "train_loss"), series(c, "LSTM 2x8: train").getYData());
        assertArrayEquals(col(b.history(), "val_loss"), series(c, "GRU 2x6: validation").getYData());
        assertEquals(2, b.history().rowCount());
        assertEquals(2, series(c, "GRU 2x6: train").getXData().length);
    }

    @Test
    void metricIsTheValidationColumnInDataUnits() {
        Run a = PlotFixtures.lstmAir();
        XYChart c = Plots.metric(a).chart();
        assertArrayEquals(col(a.history(), "val_rmse"), series(c, "validation").getYData());
        assertEquals("validation RMSE (passengers_thousands)", c.getYAxisTitle());
        XYChart two = Plots.metric(a, PlotFixtures.gruAir()).chart();
        assertEquals(List.of("LSTM 2x8", "GRU 2x6"), List.copyOf(two.getSeriesMap().keySet()));
    }

    @Test
    void learningRateFollowsTheCosineSchedule() {
        Run a = PlotFixtures.lstmAir();
        double[] lr = series(Plots.learningRate(a).chart(), "learning rate").getYData();
        assertArrayEquals(col(a.history(), "lr"), lr);
        assertTrue(lr[0] > lr[2], "cosine decay lowers the rate: " + lr[0] + " -> " + lr[2]);
    }

    @Test
    void gradientNormsPerLayerOnALogScale() {
        Run a = PlotFixtures.lstmAir();
        Table h = a.history();
        XYChart c = Plots.gradientNorms(a).chart();
        assertTrue(c.getStyler().isYAxisLogarithmic());
        assertArrayEquals(col(h, "grad_norm_layer1"), series(c, "layer 1").getYData());
        assertArrayEquals(col(h, "grad_norm_layer2"), series(c, "layer 2").getYData());
        assertArrayEquals(col(h, "grad_norm"), series(c, "all parameters").getYData());
        assertArrayEquals(col(h, "grad_norm_clipped_max"), series(c, "after clipping (max)").getYData());
        for (double v : col(h, "grad_norm_clipped_max")) {
            assertTrue(v <= 1.0 + 1e-4, "clipped to 1.0: " + v);
        }
    }
}
