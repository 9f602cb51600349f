package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.util.List;

/**
 * The facts about a data set that a model must fit: produced by {@code data}, read by
 * {@code model} (to size inputs and heads) and {@code train} (to pick losses and metrics).
 *
 * @param task what is predicted
 * @param timeSteps sequence length T of every sample (window length, or max length after padding)
 * @param features numeric features per time step F; 0 when the input is token ids
 * @param vocabSize vocabulary size V when the input is token ids (index 0 is padding); 0 for numeric input
 * @param outputs model outputs: horizon × targets for regression, classes for classification,
 *     vocabulary size for next-token prediction
 * @param horizon steps ahead predicted (regression); 1 otherwise
 * @param labels target column names (regression) or class names (classification); empty for next-token
 */
public record DataSpec(Task task, int timeSteps, int features, int vocabSize, int outputs, int horizon, List<String> labels) {

    /** Validates the invariants; a violation is a bug in a data class, not user input. */
    public DataSpec {
        labels = List.copyOf(labels);
        SeqLabException.check(timeSteps >= 1, "A data set needs at least one time step per sample.");
        SeqLabException.check((features > 0) != (vocabSize > 0), "A data set has either numeric features or a vocabulary, not both.");
        SeqLabException.check(outputs >= 1 && horizon >= 1, "A data set needs at least one output.");
    }

    /**
     * Returns whether the input is token ids (needs an embedding) rather than numbers.
     *
     * @return true for token input
     */
    public boolean tokens() {
        return vocabSize > 0;
    }
}
