package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlab.SeqLabException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    // truth 1,2,3,4 ; pred 2,2,1,4 -> errors 1,0,-2,0
    private final float[][] truth = {{1, 2}, {3, 4}};
    private final float[][] pred = {{2, 2}, {1, 4}};

    @Test
    void errorMeasuresMatchHandComputedValues() {
        assertEquals(5.0 / 4, Metrics.mse(truth, pred), 1e-12);          // (1 + 0 + 4 + 0) / 4
        assertEquals(Math.sqrt(1.25), Metrics.rmse(truth, pred), 1e-12);
        assertEquals(3.0 / 4, Metrics.mae(truth, pred), 1e-12);          // (1 + 0 + 2 + 0) / 4
        assertEquals(100 * (1.0 + 0 + 2.0 / 3 + 0) / 4, Metrics.mape(truth, pred), 1e-9);
        assertEquals(List.of("mse", "rmse", "mae", "mape"), List.copyOf(Metrics.regression(truth, pred).keySet()));
    }

    @Test
    void mapeSkipsZeroTruth() {
        assertEquals(50.0, Metrics.mape(new float[][] {{0, 2}}, new float[][] {{5, 1}}), 1e-12);
        assertEquals(Double.NaN, Metrics.mape(new float[][] {{0}}, new float[][] {{1}}));
    }

    @Test
    void classificationScoresMatchHandComputedValues() {
        // true:      0 0 0 1 1 2
        // predicted: 0 0 1 1 2 2
        int[] y = {0, 0, 0, 1, 1, 2};
        int[] p = {0, 0, 1, 1, 2, 2};
        ClassReport r = Metrics.classification(y, p, List.of("a", "b", "c"));
        assertEquals(4.0 / 6, r.accuracy(), 1e-12);
        assertArrayEquals(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}}, r.confusion());
        assertArrayEquals(new double[] {1.0, 0.5, 0.5}, r.precision(), 1e-12);   // 2/2, 1/2, 1/2
        assertArrayEquals(new double[] {2.0 / 3, 0.5, 1.0}, r.recall(), 1e-12);  // 2/3, 1/2, 1/1
        assertArrayEquals(new double[] {0.8, 0.5, 2.0 / 3}, r.f1(), 1e-12);      // 2*1*(2/3)/(5/3)=0.8
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, r.macroF1(), 1e-12);
        assertEquals(4, r.table().rowCount());
        assertEquals(6, r.table().intColumn("support").getInt(3));
    }

    @Test
    void neverPredictedClassScoresZeroNotNaN() {
        ClassReport r = Metrics.classification(new int[] {0, 1}, new int[] {0, 0}, List.of("x", "y"));
        assertEquals(0.0, r.precision()[1]);
        assertEquals(0.0, r.f1()[1]);
    }

    @Test
    void crossEntropyAndPerplexity() {
        // -(ln 0.5 + ln 0.25) / 2
        double ce = Metrics.crossEntropy(new int[] {0, 1}, new float[][] {{0.5f, 0.5f}, {0.75f, 0.25f}});
        assertEquals(-(Math.log(0.5) + Math.log(0.25)) / 2, ce, 1e-7);
        assertEquals(Math.sqrt(8), Metrics.perplexity(ce), 1e-6);  // exp((ln2+ln4)/2) = sqrt(8)
    }

    @Test
    void mismatchedLengthsGiveOneSentence() {
        SeqLabException e = assertThrows(SeqLabException.class, () -> Metrics.rmse(truth, new float[][] {{1, 2}}));
        assertEquals("Metrics need as many predictions as true values and at least one (got 2 and 1); predict on the same part you compare with.",
                e.getMessage());
    }
}
