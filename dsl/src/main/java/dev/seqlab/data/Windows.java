package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a numeric table into scaled sliding windows and assigns each window to train, validation
 * or test by the row of its first target step. Pure computation: {@link Series} holds the
 * configuration, this class holds the arithmetic.
 */
final class Windows {

    /** The materialised data set. */
    record Built(SeqSplit train, SeqSplit validation, SeqSplit test, Scaler target, int trainEnd, int valEnd) implements LazyData.Parts {}

    private Windows() {}

    /**
     * @param columns raw feature columns [F][n]
     * @param target raw target column [n]
     */
    static Built build(String source, double[][] columns, double[] target, int window, int horizon, int stride,
            Scaling scaling, double train, double validation, boolean difference) {
        int n = target.length;
        // A differenced series has no change at row 0, so its first window starts at row 1.
        int from = difference ? 1 : 0;
        int need = window + horizon + from;
        SeqLabException.check(need <= n,
                "Window %d + horizon %d needs %d rows but %s has %d; use a shorter window or horizon.",
                window, horizon, need, source, n);
        int trainEnd = Fractions.boundary(n, train);
        int valEnd = Fractions.boundary(n, train + validation);
        SeqLabException.check(need <= trainEnd,
                "The training part has %d rows (%s of %d) but window %d + horizon %d needs %d; "
                        + "use a shorter window or horizon, or a larger training fraction.",
                trainEnd, Fractions.format(train), n, window, horizon, need);

        // Scaling sees the training rows only: fitting on all rows would leak test statistics.
        if (difference) {
            columns = differences(columns);
        }
        Scaler[] scalers = new Scaler[columns.length];
        for (int f = 0; f < columns.length; f++) {
            scalers[f] = Scaler.fit(scaling, columns[f], from, trainEnd);
        }
        // Differenced targets are changes summed over the horizon: scale them without a shift,
        // by the spread of one-step changes, so that a sum of changes stays a sum.
        Scaler targetScaler = difference
                ? Scaler.spread(differences(new double[][] {target})[0], 1, trainEnd)
                : Scaler.fit(scaling, target, 0, trainEnd);
        float[][] scaled = new float[n][columns.length];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < columns.length; f++) {
                scaled[r][f] = (float) scalers[f].apply(columns[f][r]);
            }
        }

        List<Integer> tr = new ArrayList<>();
        List<Integer> va = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (int start = from; start + need - from <= n; start += stride) {
            int first = start + window;
            int last = first + horizon - 1;
            if (last < trainEnd) {
                tr.add(first);
            } else if (first >= trainEnd && last < valEnd) {
                va.add(first);
            } else if (first >= valEnd) {
                te.add(first);
            }
            // Windows whose targets straddle a boundary belong to no part: they would leak.
        }
        SeqLabException.check(!te.isEmpty(),
                "The test part (rows %d to %d of %s) holds no window with all %d target steps inside it; "
                        + "use a shorter horizon or stride, or smaller training and validation fractions.",
                valEnd, n - 1, source, horizon);
        return new Built(part(tr, scaled, target, targetScaler, window, horizon, difference),
                part(va, scaled, target, targetScaler, window, horizon, difference),
                part(te, scaled, target, targetScaler, window, horizon, difference),
                targetScaler, trainEnd, valEnd);
    }

    /** Row r of each column becomes x[r] - x[r-1]; row 0 becomes 0 (it starts no window). */
    private static double[][] differences(double[][] columns) {
        double[][] out = new double[columns.length][];
        for (int f = 0; f < columns.length; f++) {
            double[] c = columns[f];
            out[f] = new double[c.length];
            for (int r = 1; r < c.length; r++) {
                out[f][r] = c[r] - c[r - 1];
            }
        }
        return out;
    }

    private static SeqSplit part(List<Integer> firsts, float[][] scaled, double[] target, Scaler scaler,
            int window, int horizon, boolean difference) {
        int count = firsts.size();
        float[][][] x = new float[count][window][];
        float[][] y = new float[count][horizon];
        int[] origin = new int[count];
        for (int i = 0; i < count; i++) {
            int first = firsts.get(i);
            origin[i] = first;
            for (int t = 0; t < window; t++) {
                x[i][t] = scaled[first - window + t].clone();
            }
            for (int h = 0; h < horizon; h++) {
                y[i][h] = (float) (difference
                        ? scaler.apply(target[first + h] - target[first - 1])
                        : scaler.apply(target[first + h]));
            }
        }
        return SeqSplit.regression(x, y, origin);
    }
}
