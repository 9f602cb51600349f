package dev.seqlab.seq2seq;

import java.util.List;
import java.util.Locale;

/**
 * How well decoded sequences match their references.
 *
 * @param sequences how many sequences were scored
 * @param tokenAccuracy the share of reference positions whose token the output has at the same position
 * @param sequenceAccuracy the share of outputs equal to their reference (word accuracy for G2P)
 * @param errorRate total edit distance over total reference tokens (phoneme error rate, PER, for G2P)
 * @param sequenceErrorRate 1 - sequenceAccuracy (word error rate, WER, for G2P)
 * @param edits total edit distance
 * @param referenceTokens total reference tokens
 * @param wrong how many outputs differ from their reference
 */
public record Score(int sequences, double tokenAccuracy, double sequenceAccuracy, double errorRate, double sequenceErrorRate,
        long edits, long referenceTokens, int wrong) {

    /**
     * Scores decoded sequences against their references.
     *
     * @param decoded outputs with references
     * @return the score
     */
    public static Score of(List<Decoded> decoded) {
        long edits = 0;
        long ref = 0;
        long same = 0;
        int wrong = 0;
        for (Decoded d : decoded) {
            List<String> r = d.reference();
            edits += d.errors();
            ref += r.size();
            for (int i = 0; i < Math.min(r.size(), d.tokens().size()); i++) {
                if (r.get(i).equals(d.tokens().get(i))) {
                    same++;
                }
            }
            if (!d.correct()) {
                wrong++;
            }
        }
        int n = decoded.size();
        double acc = n == 0 ? Double.NaN : (n - wrong) / (double) n;
        return new Score(n, ref == 0 ? Double.NaN : same / (double) ref, acc, ref == 0 ? Double.NaN : edits / (double) ref,
                1 - acc, edits, ref, wrong);
    }

    /**
     * A 95% Wilson interval for the sequence error rate, treating the test sequences as
     * independent draws: the uncertainty of one run's WER that comes from the finite test set.
     *
     * @return {low, high}
     */
    public double[] sequenceErrorInterval() {
        return wilson(wrong, sequences);
    }

    /**
     * A 95% Wilson interval for a binomial proportion.
     *
     * @param k successes
     * @param n trials
     * @return {low, high}
     */
    public static double[] wilson(long k, long n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = 1.959963984540054;
        double p = k / (double) n;
        double d = 1 + z * z / n;
        double c = (p + z * z / (2 * n)) / d;
        double h = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return new double[] {Math.max(0, c - h), Math.min(1, c + h)};
    }

    @Override
    public String toString() {
        double[] ci = sequenceErrorInterval();
        return String.format(Locale.ROOT, "Score[n=%d PER=%.4f WER=%.4f (95%% CI %.4f-%.4f) token accuracy=%.4f sequence accuracy=%.4f]",
                sequences, errorRate, sequenceErrorRate, ci[0], ci[1], tokenAccuracy, sequenceAccuracy);
    }
}
