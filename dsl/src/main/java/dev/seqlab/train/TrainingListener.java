package dev.seqlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Receives training events. The notebook kernel registers a global factory for live progress;
 * plain Java users can pass listeners to an experiment. Calls happen on the training thread,
 * so implementations must be quick (throttle any rendering).
 */
public interface TrainingListener {

    /**
     * Called once before the first step.
     * @param p the initial progress
     */
    default void onStart(Progress p) {}

    /**
     * Called after every optimizer step.
     * @param p the progress
     */
    default void onStep(Progress p) {}

    /**
     * Called after every epoch, with validation loss filled in.
     * @param p the progress
     */
    default void onEpoch(Progress p) {}

    /**
     * Called once when training ends, normally or not.
     *
     * @param p the final progress
     * @param result the finished run (a {@code Run}), or null if training failed
     */
    default void onEnd(Progress p, Object result) {}

    /** Factories whose listeners join every experiment started in this JVM (the kernel's live progress). */
    List<Supplier<TrainingListener>> GLOBAL = new CopyOnWriteArrayList<>();

    /** Threads whose trainings get no global listeners: a sweep's trials, which share one sweep display. */
    java.util.Set<Thread> QUIET = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Returns fresh listeners from the global factories.
     *
     * @return one listener per registered factory
     */
    static List<TrainingListener> globals() {
        List<TrainingListener> out = new ArrayList<>();
        if (QUIET.contains(Thread.currentThread())) {
            return out;
        }
        for (Supplier<TrainingListener> s : GLOBAL) {
            out.add(s.get());
        }
        return out;
    }
}
