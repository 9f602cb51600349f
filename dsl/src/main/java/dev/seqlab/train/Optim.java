package dev.seqlab.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.seqlab.SeqLabException;
import java.util.Locale;

/**
 * An optimizer choice: which algorithm, its learning rate and its own settings. Built into a
 * DJL {@link Optimizer} whose learning rate is read from a {@link LearningRateSchedule} at every
 * step (DJL's own trackers are step-based and cannot react to validation loss).
 *
 * @param kind the algorithm
 * @param learningRate base learning rate
 * @param momentum momentum (SGD, RMSProp); 0 for none
 * @param weightDecay weight decay (decoupled for AdamW, L2 otherwise)
 */
public record Optim(Kind kind, double learningRate, double momentum, double weightDecay) {

    /** The supported algorithms. */
    public enum Kind {
        /** Adam (Kingma and Ba). */
        ADAM,
        /** Adam with decoupled weight decay (Loshchilov and Hutter). */
        ADAMW,
        /** Stochastic gradient descent with optional momentum. */
        SGD,
        /** RMSProp. */
        RMSPROP
    }

    /** Validates the settings. */
    public Optim {
        SeqLabException.check(learningRate > 0 && Double.isFinite(learningRate),
                "Learning rate %s is not a positive number; use a value such as 1e-3.", learningRate);
        SeqLabException.check(momentum >= 0 && momentum < 1, "Momentum %s is outside [0, 1); use a value such as 0.9.", momentum);
        SeqLabException.check(weightDecay >= 0, "Weight decay %s is negative; use 0 or a small positive value such as 1e-4.", weightDecay);
    }

    /**
     * Builds the DJL optimizer (public for loops outside this package, such as seq2seq's).
     *
     * @param rate the learning-rate tracker the loop sets before each step
     * @return the optimizer
     */
    public Optimizer build(ParameterTracker rate) {
        float wd = (float) weightDecay;
        switch (kind) {
            case ADAM:
                return Optimizer.adam().optLearningRateTracker(rate).optWeightDecays(wd).build();
            case ADAMW:
                return Optimizer.adamW().optLearningRateTracker(rate).optWeightDecays(wd).build();
            case SGD:
                return Optimizer.sgd().setLearningRateTracker(rate).optMomentum((float) momentum).optWeightDecays(wd).build();
            case RMSPROP:
                return Optimizer.rmsprop().optLearningRateTracker(rate).optMomentum((float) momentum).optWeightDecays(wd).build();
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    @Override
    public String toString() {
        String s = String.format(Locale.ROOT, "%s(lr=%s", kind.name().toLowerCase(Locale.ROOT), learningRate);
        if (kind == Kind.SGD || kind == Kind.RMSPROP) {
            s += ", momentum=" + momentum;
        }
        return s + (weightDecay > 0 ? ", weightDecay=" + weightDecay : "") + ")";
    }
}
