package dev.seqlab.train;

import java.util.List;

/**
 * A snapshot of a training run, handed to {@link TrainingListener}s after every step and epoch.
 *
 * <p>A progress may also count tasks that are not epochs of one training (a sweep's trials, see
 * {@link #ofTasks}): then {@code epochs} is 0 (a training has at least one), {@code step} of
 * {@code stepsPerEpoch} tasks are done, the name is the whole status line, and displays show it
 * with the fraction and the ETA but no epoch or loss, which would mean nothing.
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

    /**
     * The progress of some tasks (a sweep's trials) rather than of one training.
     *
     * @param status the whole status line (e.g. "depth: 3/10 trials done, 1 running, 0 failed")
     * @param done tasks done
     * @param total tasks in all
     * @param elapsedSeconds seconds since the first task started
     * @return the progress, with {@link #countsTasks()} true
     */
    public static Progress ofTasks(String status, int done, int total, double elapsedSeconds) {
        return new Progress(status, 0, 0, done, total, Double.NaN, Double.NaN, Double.NaN, elapsedSeconds, List.of(), List.of());
    }

    /** @return true when this counts tasks (see {@link #ofTasks}), not the epochs and steps of a training */
    public boolean countsTasks() {
        return epochs == 0;
    }

    /** @return the fraction of planned steps (or tasks) done, in [0, 1] */
    public double fraction() {
        if (countsTasks()) {
            return stepsPerEpoch == 0 ? 1 : Math.min(1, step / (double) stepsPerEpoch);
        }
        double total = (double) epochs * stepsPerEpoch;
        return total == 0 ? 1 : Math.min(1, ((epoch - 1) * (double) stepsPerEpoch + step) / total);
    }

    /** @return estimated seconds left at the current pace (NaN before the first step) */
    public double etaSeconds() {
        double f = fraction();
        return f <= 0 ? Double.NaN : elapsedSeconds * (1 - f) / f;
    }
}
