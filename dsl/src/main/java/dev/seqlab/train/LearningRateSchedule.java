package dev.seqlab.train;

import dev.seqlab.SeqLabException;
import java.util.Locale;

/**
 * How the learning rate moves during training: an epoch-based decay (none, step or cosine), an
 * optional linear warm-up over the first steps, and an optional reduce-on-plateau rule driven
 * by validation loss. The rate at a step is {@code base × decay(epoch) × warmup(step) × plateau}.
 *
 * @param decay the epoch-based decay
 * @param stepEvery for {@link Decay#STEP}: epochs between reductions
 * @param factor for {@link Decay#STEP}: multiplier at each reduction; for {@link Decay#COSINE}:
 *     the final fraction of the base rate
 * @param warmupSteps linear warm-up steps (0 for none)
 * @param plateauPatience epochs without validation improvement before the rate is cut (0 for off)
 * @param plateauFactor multiplier applied at each plateau cut
 */
public record LearningRateSchedule(Decay decay, int stepEvery, double factor, int warmupSteps, int plateauPatience,
        double plateauFactor) {

    /** Epoch-based decay shapes. */
    public enum Decay {
        /** The base rate throughout. */
        CONSTANT,
        /** Multiply by {@code factor} every {@code stepEvery} epochs. */
        STEP,
        /** Half a cosine from the base rate down to {@code factor × base} at the last epoch. */
        COSINE
    }

    /** The default: constant rate, no warm-up, no plateau rule. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Decay.CONSTANT, 0, 1, 0, 0, 1);

    /** Validates the settings. */
    public LearningRateSchedule {
        SeqLabException.check(decay != Decay.STEP || stepEvery >= 1, "Step decay every %d epochs is below 1; use 1 or more epochs.", stepEvery);
        SeqLabException.check(factor > 0 && factor <= 1, "Decay factor %s is outside (0, 1]; use a value such as 0.5.", factor);
        SeqLabException.check(warmupSteps >= 0, "Warm-up of %d steps is negative; use 0 or more steps.", warmupSteps);
        SeqLabException.check(plateauPatience >= 0, "Plateau patience %d is negative; use 0 (off) or more epochs.", plateauPatience);
        SeqLabException.check(plateauFactor > 0 && plateauFactor <= 1, "Plateau factor %s is outside (0, 1]; use a value such as 0.5.", plateauFactor);
    }

    /**
     * The epoch-based part of the rate.
     *
     * @param epoch the epoch, counted from 0
     * @param epochs the planned number of epochs
     * @return the multiplier of the base rate
     */
    public double decayAt(int epoch, int epochs) {
        switch (decay) {
            case STEP:
                return Math.pow(factor, epoch / stepEvery);
            case COSINE:
                double t = epochs <= 1 ? 1 : (double) epoch / (epochs - 1);
                return factor + (1 - factor) * 0.5 * (1 + Math.cos(Math.PI * t));
            default:
                return 1;
        }
    }

    /**
     * The warm-up part of the rate.
     *
     * @param step the global step, counted from 0
     * @return the multiplier in (0, 1]
     */
    public double warmupAt(long step) {
        return warmupSteps == 0 ? 1 : Math.min(1, (step + 1) / (double) warmupSteps);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        switch (decay) {
            case STEP:
                s.append(String.format(Locale.ROOT, "step(every=%d, factor=%s)", stepEvery, factor));
                break;
            case COSINE:
                s.append(String.format(Locale.ROOT, "cosine(final=%s)", factor));
                break;
            default:
                s.append("constant");
        }
        if (warmupSteps > 0) {
            s.append(" + warmup(").append(warmupSteps).append(" steps)");
        }
        if (plateauPatience > 0) {
            s.append(String.format(Locale.ROOT, " + plateau(patience=%d, factor=%s)", plateauPatience, plateauFactor));
        }
        return s.toString();
    }
}
