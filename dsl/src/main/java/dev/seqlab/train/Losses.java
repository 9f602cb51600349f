package dev.seqlab.train;

import ai.djl.ndarray.NDArray;
import dev.seqlab.data.Task;

/** The training loss for each task, on scaled values and logits. */
final class Losses {

    private Losses() {}

    /**
     * Returns the mean loss of a batch.
     *
     * @param task the task
     * @param pred predictions: (B, K) values, (B, C) logits, or (B, T, V) logits
     * @param labels (B, K) values, (B) classes, or (B, T) next tokens
     * @param mask (B, T) 1 for real steps; only next-token loss uses it (padding never counts)
     * @return a scalar
     */
    static NDArray of(Task task, NDArray pred, NDArray labels, NDArray mask) {
        switch (task) {
            case REGRESSION:
                return pred.sub(labels).square().mean();
            case CLASSIFICATION:
                return nll(pred, labels).mean();
            case NEXT_TOKEN:
                NDArray nll = nll(pred, labels);
                return nll.mul(mask).sum().div(mask.sum());
            default:
                throw new IllegalStateException(task.name());
        }
    }

    /** Negative log-likelihood of integer labels under logits, keeping the label's shape. */
    private static NDArray nll(NDArray logits, NDArray labels) {
        return logits.logSoftmax(-1).gather(labels.expandDims(-1), -1).squeeze(-1).neg();
    }
}
