package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.model.Stack;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/** The comparison table is measured from the runs; the learning curve trains on growing heads of the training part. */
class CompareTest {

    @Test
    void comparisonTableCountsParametersLikeTheModels() {
        Run lstm = PlotFixtures.lstmAir();
        Run gru = PlotFixtures.gruAir();
        Run rnn = PlotFixtures.rnnAir();
        Compare c = Compare.of(lstm, gru, rnn);
        Table t = c.table();
        assertEquals(List.of("name", "cell", "layers", "bidirectional", "parameters", "train_seconds", "epochs", "best_val_loss", "test_mse",
                "test_rmse", "test_mae", "test_mape"), t.columnNames());
        Run[] runs = {lstm, gru, rnn};
        for (int i = 0; i < 3; i++) {
            assertEquals(runs[i].name(), t.stringColumn("name").get(i));
            assertEquals(runs[i].network().parameterCount(), t.longColumn("parameters").get(i));
            assertEquals(runs[i].trainSeconds(), t.doubleColumn("train_seconds").get(i));
            assertEquals(runs[i].history().doubleColumn("val_loss").min(), t.doubleColumn("best_val_loss").get(i));
            assertEquals(runs[i].metric("rmse"), t.doubleColumn("test_rmse").get(i));
            assertEquals(2, t.intColumn("layers").get(i));
        }
        // by hand: RNN 2x6 on 1 feature = (6*1 + 6*6 + 2*6) + (6*6 + 6*6 + 2*6) + head (6*3 + 3) = 54 + 84 + 21
        assertEquals(159, t.longColumn("parameters").get(2));
        // GRU: three gate blocks per layer, 3*(6+36+12) + 3*(36+36+12) + 21 = 435
        assertEquals(3 * 54 + 3 * 84 + 21, t.longColumn("parameters").get(1));
        assertEquals(List.of("LSTM(tanh)", "GRU(tanh)", "RNN(tanh)"), t.stringColumn("cell").asList());
        XYChart loss = c.loss().chart();
        assertArrayEquals(gru.history().doubleColumn("train_loss").asDoubleArray(), loss.getSeriesMap().get("GRU 2x6: train").getYData());
        assertEquals(3, c.metric().chart().getSeriesMap().size());
        assertTrue(c.toString().contains("GRU 2x6"));
    }

    @Test
    void learningCurveTrainsOnTheFirstFractionAndScoresTheSameTestPart() {
        Experiment e = Experiment.of(Stack.gru(4), PlotFixtures.AIR).adam(1e-2).epochs(2).batch(16).seed(5).name("GRU 4");
        LearningCurve lc = LearningCurve.of(e, 0.25, 1.0);
        Table t = lc.table();
        int n = PlotFixtures.AIR.train().size();
        assertEquals(List.of(0.25, 1.0), t.doubleColumn("fraction").asList());
        assertEquals(List.of((int) Math.round(0.25 * n), n), t.intColumn("train_samples").asList());
        for (int i = 0; i < 2; i++) {
            Run r = lc.runs().get(i);
            assertEquals(t.intColumn("train_samples").get(i), r.data().train().size());
            assertEquals(PlotFixtures.AIR.test().size(), r.data().test().size());
            assertEquals(r.metric("rmse"), t.doubleColumn("test_rmse").get(i));
        }
        try (Run full = e.train()) {
            assertEquals(full.metric("rmse"), t.doubleColumn("test_rmse").get(1), 1e-9, "fraction 1.0 is the experiment itself");
        }
        XYChart c = lc.chart().chart();
        assertArrayEquals(new double[] {0.25, 1.0}, c.getSeriesMap().get("test rmse").getXData());
        assertArrayEquals(t.doubleColumn("test_rmse").asDoubleArray(), c.getSeriesMap().get("test rmse").getYData());
        assertEquals("test RMSE (passengers_thousands)", c.getYAxisTitle());
        lc.runs().forEach(Run::close);
    }
}
