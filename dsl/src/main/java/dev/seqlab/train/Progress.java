package dev.seqlab.train;

import java.util.List;

/**
 * A snapshot of a training run, handed to {@link TrainingListener}s after every step and epoch.
 *
 * @param name the experiment's display name
 * @param epoch the current epoch, counted from 1
 * @param epochs the planned number of epochs
 * @param step the step within the epoch, counted from 1
 * @param stepsPerEpoch steps in one epoch
 * @param trainLoss mean training loss of the epoch so far (NaN before the first step)
 * @param validationLoss validation loss of the last finished epoch (NaN if none yet)
 * @param learningRate the current learning rate
 * @param elapsedSeconds seconds since training started
 * @param trainLosses training loss per finished epoch
 * @param validationLosses validation loss per finished epoch (NaN where there is no validation part)
 */
public record Progress(String name, int epoch, int epochs, int step, int stepsPerEpoch, double trainLoss,
        double validationLoss, double learningRate, double elapsedSeconds, List<Double> trainLosses,
        List<Double> validationLosses) {

    /** @return the fraction of planned steps done, in [0, 1] */
    public double fraction() {
        double total = (double) epochs * stepsPerEpoch;
        return total == 0 ? 1 : Math.min(1, ((epoch - 1) * (double) stepsPerEpoch + step) / total);
    }

    /** @return estimated seconds left at the current pace (NaN before the first step) */
    public double etaSeconds() {
        double f = fraction();
        return f <= 0 ? Double.NaN : elapsedSeconds * (1 - f) / f;
    }
}
