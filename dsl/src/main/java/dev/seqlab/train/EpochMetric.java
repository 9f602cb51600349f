package dev.seqlab.train;

import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.SequenceData;
import dev.seqlab.data.Task;

/** The one validation metric recorded per epoch: RMSE in data units, accuracy, or perplexity. */
final class EpochMetric {

    private EpochMetric() {}

    static String name(Task task) {
        switch (task) {
            case REGRESSION:
                return History.VAL_RMSE;
            case CLASSIFICATION:
                return History.VAL_ACCURACY;
            default:
                return History.VAL_PERPLEXITY;
        }
    }

    static double of(SequenceData data, SeqSplit part, Inference.Pass pass) {
        if (part.size() == 0) {
            return Double.NaN;
        }
        switch (data.spec().task()) {
            case REGRESSION:
                return Metrics.rmse(data.unscale(part, part.values()), data.unscale(part, pass.outputs()));
            case CLASSIFICATION:
                int[] predicted = Inference.argmax(pass.outputs());
                int correct = 0;
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == part.classes()[i] ? 1 : 0;
                }
                return (double) correct / predicted.length;
            default:
                return Math.exp(pass.loss());
        }
    }
}
