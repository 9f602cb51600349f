package dev.seqlab.train;

import java.util.function.Supplier;

/**
 * Training without the global listeners of {@link TrainingListener#GLOBAL} (the notebook's live
 * display, which ends with the run's summary and loss chart, and the headless runner's progress
 * lines), on this thread only. For loops over many seeds that are summarised afterwards: twenty
 * replicate runs would otherwise leave twenty summaries with charts in the notebook. An
 * experiment's own listeners and the loss-explosion warning still run.
 *
 * <pre>{@code
 * Run r = Quietly.run(() -> experiment.seed(43).train());
 * }</pre>
 */
public final class Quietly {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private Quietly() {}

    /**
     * Runs work (typically one or more {@code train()} calls) without the global listeners.
     *
     * @param work what to run
     * @param <T> its result type
     * @return its result
     */
    public static <T> T run(Supplier<T> work) {
        boolean was = ACTIVE.get();
        ACTIVE.set(true);
        try {
            return work.get();
        } finally {
            ACTIVE.set(was);
        }
    }

    /** @return whether the current thread is inside {@link #run} */
    static boolean active() {
        return ACTIVE.get();
    }
}
