package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.runtime.Locations;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class SeriesTest {

    static final String AIR = Locations.resolve("datasets/airpassengers.csv").toString();

    /** y = scale * i for i in [0, n), plus a second column z = 100 - i. */
    static Table toy(int n, double scale) {
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = scale * i;
            z[i] = 100 - i;
        }
        return Table.create("toy", DoubleColumn.create("y", y), DoubleColumn.create("z", z));
    }

    @Test
    void windowCountsMatchAHandCount() {
        // 20 rows, window 5, horizon 2, split 0.6/0.2: trainEnd = 12, valEnd = 16.
        // Window starts 0..13 (start + 7 <= 20), so first target rows t0 = 5..18, targets t0 and t0+1.
        // train: t0 + 1 < 12          -> t0 = 5..10  -> 6 windows
        // t0 = 11 straddles 12        -> dropped
        // val:   t0 >= 12, t0+1 < 16  -> t0 = 12..14 -> 3 windows
        // t0 = 15 straddles 16        -> dropped
        // test:  t0 >= 16             -> t0 = 16..18 -> 3 windows
        Series s = Series.of(toy(20, 1), "y").windows(5).horizon(2).split(0.6, 0.2);
        assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10}, s.train().origin());
        assertArrayEquals(new int[] {12, 13, 14}, s.validation().origin());
        assertArrayEquals(new int[] {16, 17, 18}, s.test().origin());
        DataSpec spec = s.spec();
        assertEquals(new DataSpec(Task.REGRESSION, 5, 1, 0, 2, 2, List.of("y")), spec);
        assertEquals(5, s.train().timeSteps());
        assertEquals(2, s.train().values()[0].length);
    }

    @Test
    void strideSkipsWindowStarts() {
        // Same as above with stride 3: starts 0, 3, 6, 9, 12 -> t0 = 5, 8, 11, 14, 17.
        // train t0 <= 10: 5, 8; 11 straddles; val 12..14: 14; test >= 16: 17.
        Series s = Series.of(toy(20, 1), "y").windows(5).horizon(2).stride(3).split(0.6, 0.2);
        assertArrayEquals(new int[] {5, 8}, s.train().origin());
        assertArrayEquals(new int[] {14}, s.validation().origin());
        assertArrayEquals(new int[] {17}, s.test().origin());
    }

    @Test
    void inputsAreTheRowsBeforeTheTargets() {
        Series s = Series.of(toy(20, 1), "y").features("z", "y").windows(3).horizon(2).scale(Scaling.NONE).split(0.6, 0.2);
        SeqSplit train = s.train();
        // first window: rows 0..2 as (z, y), targets y at rows 3 and 4
        assertArrayEquals(new float[] {100, 0}, train.numeric()[0][0]);
        assertArrayEquals(new float[] {98, 2}, train.numeric()[0][2]);
        assertArrayEquals(new float[] {3, 4}, train.values()[0]);
        assertEquals(2, s.spec().features());
        assertEquals(List.of("z", "y"), s.features());
    }

    @Test
    void scalingIsFittedOnTrainingRowsOnly() {
        // trainEnd = 12: training rows hold y = 0..11, so min 0 maps to 0 and max 11 maps to 1.
        Series s = Series.of(toy(20, 1), "y").windows(5).horizon(2).split(0.6, 0.2);
        SeqSplit train = s.train();
        assertEquals(0f, train.numeric()[0][0][0], 1e-6);
        float maxTrainTarget = 0;
        for (float[] y : train.values()) {
            for (float v : y) {
                maxTrainTarget = Math.max(maxTrainTarget, v);
            }
        }
        assertEquals(1f, maxTrainTarget, 1e-6, "row 11 is the last training target and the training max");
        // test targets lie beyond the training range: 18/11 for row 18
        assertEquals(18f / 11f, s.test().values()[2][0], 1e-6);
        assertTrue(s.test().values()[2][1] > 1f);
    }

    @Test
    void standardScalingUsesTrainingMeanAndStd() {
        // training rows y = 0..11: mean 5.5, population variance (12^2 - 1) / 12 = 11.9166...
        Series s = Series.of(toy(20, 1), "y").windows(5).horizon(2).scale(Scaling.STANDARD).split(0.6, 0.2);
        double std = Math.sqrt(143.0 / 12);
        assertEquals((float) ((0 - 5.5) / std), s.train().numeric()[0][0][0], 1e-6);
        assertEquals((float) ((16 - 5.5) / std), s.test().values()[0][0], 1e-6);
    }

    @Test
    void unscaleInvertsTheScaling() {
        for (Scaling scaling : Scaling.values()) {
            Series s = Series.of(toy(40, 0.37), "y").windows(4).horizon(3).scale(scaling);
            for (SeqSplit part : List.of(s.train(), s.validation(), s.test())) {
                float[][] back = s.unscale(part, part.values());
                float[][] truth = s.truth(part);
                for (int i = 0; i < back.length; i++) {
                    assertArrayEquals(truth[i], back[i], 1e-4f, scaling + " sample " + i);
                }
            }
        }
    }

    @Test
    void differencedSeriesModelsChangesAndUnscalesToLevels() {
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = 10 + i + 5 * Math.sin(i);  // a trend the training part never reaches
        }
        Series s = Series.of(Table.create("wave", DoubleColumn.create("y", y)), "y").windows(4).horizon(3).scale(Scaling.STANDARD)
                .difference();
        double[] v = s.values();
        SeqSplit test = s.test();
        int o = test.origin()[0];
        // Targets are the change from the last observed value, scaled without a shift, so the
        // change over three steps and over one step keep their ratio.
        double ratio = test.values()[0][2] / test.values()[0][0];
        assertEquals((v[o + 2] - v[o - 1]) / (v[o] - v[o - 1]), ratio, 1e-4);
        for (SeqSplit part : List.of(s.train(), s.validation(), test)) {
            float[][] back = s.unscale(part, part.values());
            float[][] truth = s.truth(part);
            for (int i = 0; i < back.length; i++) {
                assertArrayEquals(truth[i], back[i], 1e-3f, "sample " + i);
            }
        }
        // Predicting "no change" is exactly the naive forecast.
        float[][] zeros = new float[test.size()][3];
        assertArrayEquals(s.naive(test)[0], s.unscale(test, zeros)[0], 1e-4f);
        assertTrue(s.toString().contains("difference=true"), s.toString());
    }

    @Test
    void naiveForecastIsTheLastWindowValue() {
        Series air = Series.csv(AIR, "passengers_thousands");
        SeqSplit test = air.test();
        float[][] naive = air.naive(test);
        double[] values = air.values();
        float[][] lastInput = new float[test.size()][1];
        for (int i = 0; i < test.size(); i++) {
            lastInput[i][0] = test.numeric()[i][11][0];
        }
        float[][] lastUnscaled = air.unscale(test, lastInput);
        for (int i = 0; i < test.size(); i++) {
            assertEquals(values[test.origin()[i] - 1], naive[i][0], 0);
            assertEquals(naive[i][0], lastUnscaled[i][0], 1e-3);
        }
    }

    @Test
    void driftExtendsTheWindowsAverageChange() {
        // y = 2i is a straight line, so drift is exact: truth equals drift at every step ahead.
        Series s = Series.of(toy(30, 2), "y").windows(6).horizon(3);
        assertArrayEquals(s.truth(s.test()), s.drift(s.test()));
        // naive repeats the last value: for the first test window (t0) it is 2 * (t0 - 1).
        int t0 = s.test().origin()[0];
        assertArrayEquals(new float[] {2 * (t0 - 1), 2 * (t0 - 1), 2 * (t0 - 1)}, s.naive(s.test())[0]);
    }

    @Test
    void airPassengersSummaryShowsEveryDefault() {
        // 144 rows: trainEnd = floor(100.8) = 100, valEnd = floor(122.4) = 122; t0 = 12..143:
        // train 12..99 = 88, validation 100..121 = 22, test 122..143 = 22.
        Series air = Series.csv("datasets/airpassengers.csv", "passengers_thousands");
        assertEquals("Series[airpassengers.csv target=passengers_thousands features=[passengers_thousands] window=12 "
                + "horizon=1 stride=1 scale=MIN_MAX difference=false split=0.70/0.15/0.15 -> train=88 val=22 test=22 windows]", air.toString());
        assertEquals(144, air.rows());
        assertEquals("passengers_thousands", air.target());
        assertEquals(112.0, air.values()[0]);
        assertEquals("1949-01-01", air.index().orElseThrow().get(0));
        assertEquals(144, air.table().rowCount());
        assertTrue(air.source().endsWith("airpassengers.csv"));
        assertEquals(List.of(), air.vocabulary());
    }

    @Test
    void fingerprintOfAirPassengersIsTheFilesSha256() {
        assertEquals("f65d5c335c549f96a56756dfc8750d4cb1c32f1f257f0839655de589671dc80c",
                Series.csv(AIR, "passengers_thousands").fingerprint());
    }

    @Test
    void fingerprintOfATableIsStable() {
        String a = Series.of(toy(20, 1), "y").fingerprint();
        assertEquals(a, Series.of(toy(20, 1), "y").windows(3).fingerprint());
        assertTrue(!a.equals(Series.of(toy(20, 2), "y").fingerprint()));
        assertEquals(64, a.length());
    }

    @Test
    void configuringReturnsNewObjectsAndLeavesTheOldOneAlone() {
        Series base = Series.of(toy(40, 1), "y");
        Series longer = base.windows(8);
        assertNotSame(base, longer);
        assertEquals(12, base.spec().timeSteps());
        assertEquals(8, longer.spec().timeSteps());
        assertTrue(base.index().isEmpty());
    }

    @Test
    void materialisesOnceUnderConcurrentUse() {
        Series s = Series.csv(AIR, "passengers_thousands").windows(24);
        List<SeqSplit> seen = IntStream.range(0, 16).parallel().mapToObj(i -> s.train()).toList();
        for (SeqSplit part : seen) {
            assertSame(seen.get(0), part);
        }
    }

    @Test
    void multivariateStockSeries() {
        Series eu = Series.csv("datasets/eu_stock_markets_daily.csv", "DAX").features("DAX", "SMI", "CAC", "FTSE")
                .windows(30).horizon(5).stride(5);
        DataSpec spec = eu.spec();
        assertEquals(4, spec.features());
        assertEquals(5, spec.outputs());
        assertTrue(eu.index().isEmpty(), "t and year_frac are numbers, not labels");
    }
}
