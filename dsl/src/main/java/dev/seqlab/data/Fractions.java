package dev.seqlab.data;

import dev.seqlab.SeqLabException;

/** Validates split fractions and turns them into boundaries, the same way for every data class. */
final class Fractions {

    private Fractions() {}

    /** Checks train in (0,1), validation in [0,1) and a non-empty test part. */
    static void check(double train, double validation) {
        SeqLabException.check(train > 0 && train < 1,
                "Training fraction %s is not between 0 and 1; use a value such as 0.7.", train);
        SeqLabException.check(validation >= 0 && validation < 1,
                "Validation fraction %s is not between 0 and 1; use a value such as 0.15 (or 0 for no validation part).",
                validation);
        SeqLabException.check(train + validation < 1,
                "Training and validation fractions sum to %s, leaving no test part; make them sum to less than 1, such as 0.7 and 0.15.",
                train + validation);
    }

    /** floor(n * fraction), tolerant of binary rounding (0.6 * 20 must give 12, not 11). */
    static int boundary(int n, double fraction) {
        return (int) Math.floor(n * fraction + 1e-9);
    }

    /** Formats a fraction for summaries: two decimals, always with a dot. */
    static String format(double f) {
        return String.format(java.util.Locale.ROOT, "%.2f", f);
    }
}
