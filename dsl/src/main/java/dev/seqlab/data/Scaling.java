package dev.seqlab.data;

/**
 * How numeric columns are scaled before they reach a model. Each column's scaling is fitted on
 * the training rows only, so nothing about the validation or test rows leaks into training.
 */
public enum Scaling {
    /** Values as they are. */
    NONE,
    /** (x - min) / (max - min) with min and max of the training rows: training data in [0, 1]. */
    MIN_MAX,
    /** (x - mean) / std with the training rows' mean and (population) standard deviation. */
    STANDARD
}
