package dev.seqlab.seq2seq;

import java.util.List;

/**
 * One decoded sequence.
 *
 * @param source the source tokens
 * @param tokens the output tokens, without the end token
 * @param reference the expected tokens, or an empty list when unknown
 * @param score the sum of the log-probabilities of the output tokens, end token included
 * @param normalizedScore the score divided by (output length + 1)^alpha (equal to the score for alpha 0)
 * @param alignment attention weights, one row per output step (the end token's row last), one
 *     column per source token; null without attention
 */
public record Decoded(List<String> source, List<String> tokens, List<String> reference, double score, double normalizedScore,
        float[][] alignment) {

    /** @return whether the output equals the reference exactly */
    public boolean correct() {
        return tokens.equals(reference);
    }

    /** @return the edit distance between output and reference (insertions, deletions, substitutions) */
    public int errors() {
        return EditDistance.of(tokens, reference);
    }

    /** @return source, output and reference on one line */
    @Override
    public String toString() {
        return String.join(" ", source) + " -> " + String.join(" ", tokens)
                + (reference.isEmpty() ? "" : (correct() ? "  (right)" : "  (expected " + String.join(" ", reference) + ")"))
                + String.format(java.util.Locale.ROOT, "  score %.3f", score);
    }
}
