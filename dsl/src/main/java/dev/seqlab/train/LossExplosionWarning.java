package dev.seqlab.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Warns once (a warning, not an error: training goes on and may recover) when the training loss
 * of the first epochs grows by two orders of magnitude or more over the first step's loss, the
 * usual sign of a learning rate too large for the model. The message names the learning rate in
 * use, so the fix is one edit away. A loss that becomes infinite or NaN still stops training
 * with an error in the loop itself.
 */
final class LossExplosionWarning implements TrainingListener {

    /** How many epochs count as "the first epochs". */
    static final int EPOCHS = 3;
    /** Growth of the running epoch loss over the first step's loss that counts as exploding. */
    static final double FACTOR = 100;

    private final Supplier<PrintStream> out;
    private double first = Double.NaN;
    private boolean warned;

    /** @param out where the warning goes, read when it is printed (notebooks swap System.err per cell) */
    LossExplosionWarning(Supplier<PrintStream> out) {
        this.out = out;
    }

    @Override
    public void onStep(Progress p) {
        if (warned || p.epoch() > EPOCHS || Double.isNaN(p.trainLoss())) {
            return;
        }
        if (Double.isNaN(first)) {
            // At step 1 of epoch 1 the running mean is the first batch's loss.
            first = p.trainLoss();
            return;
        }
        // The running mean of the epoch, so one wild batch at the start of an epoch is smoothed.
        if (first > 0 && (p.trainLoss() >= FACTOR * first || Double.isInfinite(p.trainLoss()))) {
            warned = true;
            out.get().println(message(p, first));
        }
    }

    /** @return whether the warning was printed */
    boolean warned() {
        return warned;
    }

    static String message(Progress p, double first) {
        return String.format(Locale.ROOT,
                "Warning: the training loss of %s exploded from %.4g at the first step to %.4g in epoch %d (%.0fx) with learning rate %s; "
                        + "try a learning rate 10 times lower or clipNorm(1.0).",
                p.name(), first, p.trainLoss(), p.epoch(), p.trainLoss() / first, p.learningRate());
    }
}
