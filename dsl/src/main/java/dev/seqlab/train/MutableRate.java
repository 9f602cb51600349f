package dev.seqlab.train;

import ai.djl.training.tracker.Tracker;

/** A DJL tracker whose value the training loop sets before every step (schedule, warm-up, plateau). */
final class MutableRate implements Tracker {

    private volatile float value;

    MutableRate(double initial) {
        value = (float) initial;
    }

    void set(double v) {
        value = (float) v;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }
}
