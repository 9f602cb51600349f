package dev.seqlab.sweep;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean over replicates with its uncertainty: n, mean, sample standard deviation and the 95%
 * Student t interval {@code mean ± t(0.975, n-1) · std / sqrt(n)}. With one value the standard
 * deviation and the interval are NaN (one seed says nothing about the spread).
 *
 * @param n the number of values
 * @param mean their mean (NaN when n = 0)
 * @param std the sample standard deviation (divisor n - 1)
 * @param low the interval's lower end
 * @param high the interval's upper end
 */
public record Estimate(int n, double mean, double std, double low, double high) {

    /**
     * The estimate of some values.
     *
     * @param values the values (one per replicate)
     * @return n, mean, standard deviation and 95% interval
     */
    public static Estimate of(double... values) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(values).sum() / n;
        if (n == 1) {
            return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double half = tQuantile(0.975, n - 1) * std / Math.sqrt(n);
        return new Estimate(n, mean, std, mean - half, mean + half);
    }

    /**
     * The quantile of Student's t distribution (Apache Commons Math, which Tablesaw brings).
     *
     * @param p the probability, in (0, 1)
     * @param degreesOfFreedom at least 1
     * @return t such that P(T &lt;= t) = p
     */
    public static double tQuantile(double p, int degreesOfFreedom) {
        // No random generator: the distribution is only used for its inverse CDF.
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(p);
    }

    /** @return half the interval's width (NaN when there is no interval) */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /** @return true when the interval exists and lies wholly above or wholly below zero */
    public boolean excludesZero() {
        return n >= 2 && !Double.isNaN(low) && (low > 0 || high < 0);
    }

    @Override
    public String toString() {
        if (n < 2) {
            return String.format(Locale.ROOT, "%.4g (n=%d, no interval)", mean, n);
        }
        return String.format(Locale.ROOT, "%.4g ± %.2g (95%% CI %.4g to %.4g, n=%d)", mean, halfWidth(), low, high, n);
    }
}
