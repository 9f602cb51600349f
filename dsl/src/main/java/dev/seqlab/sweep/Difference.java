package dev.seqlab.sweep;

import java.util.Locale;

/**
 * A paired comparison of two configurations: for every seed both ran with, the difference
 * {@code a - b} of one metric; the estimate is over those differences, so seed-to-seed variation
 * shared by both configurations cancels out.
 *
 * @param metric the recorded name compared
 * @param a the first configuration's label
 * @param b the second configuration's label
 * @param estimate the mean difference a - b with its 95% interval
 */
public record Difference(String metric, String a, String b, Estimate estimate) {

    /** @return true when the interval supports a difference (it excludes zero) */
    public boolean detected() {
        return estimate.excludesZero();
    }

    /**
     * One sentence for a notebook: which is lower, with the interval, or that no difference is
     * detectable with this many seeds.
     *
     * @param label how to call the metric, e.g. "test RMSE"
     * @return the sentence
     */
    public String sentence(String label) {
        Estimate e = estimate;
        if (!detected()) {
            return String.format(Locale.ROOT, "%s against %s, %s: no difference detectable with %d seeds (mean difference %+.4g, 95%% CI %.4g to %.4g).",
                    a, b, label, e.n(), e.mean(), e.low(), e.high());
        }
        return String.format(Locale.ROOT, "%s has a %s %s than %s: mean difference %+.4g (95%% CI %.4g to %.4g, %d seeds).",
                a, e.mean() < 0 ? "lower" : "higher", label, b, e.mean(), e.low(), e.high(), e.n());
    }

    @Override
    public String toString() {
        return metric + ": " + a + " - " + b + " = " + estimate;
    }
}
