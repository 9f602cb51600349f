package dev.seqlab.data;

/** What a model is asked to predict from a sequence. */
public enum Task {
    /** One or more real values, possibly several steps ahead (forecasting). */
    REGRESSION,
    /** One class per sequence (sentiment, name to gender). */
    CLASSIFICATION,
    /** The next token at every time step (language models). */
    NEXT_TOKEN
}
