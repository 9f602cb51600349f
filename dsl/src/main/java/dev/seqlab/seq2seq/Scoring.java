package dev.seqlab.seq2seq;

/** How the decoder scores each encoder step against its current state. */
public enum Scoring {
    /** Bahdanau et al. (2015): {@code v · tanh(W_q q + W_k k + b)}. */
    ADDITIVE,
    /** Luong et al. (2015), "general": {@code (W q) · k}. */
    GENERAL,
    /** Luong et al. (2015), "dot": {@code q · k}; decoder and encoder widths must be equal. */
    DOT;

    /** @return the name used in printed configurations */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
