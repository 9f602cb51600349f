package dev.seqlab.train;

import dev.seqlab.SeqLabException;

/**
 * Thrown by {@link Experiment#train()} when the training thread is interrupted (the notebook's
 * interrupt button, a runner's time-out). The run with the best weights so far is kept in
 * {@link #run()} and in {@link Run#last()}.
 */
public final class TrainingInterruptedException extends SeqLabException {

    private static final long serialVersionUID = 1L;
    private final transient Run run;

    TrainingInterruptedException(String message, Run run) {
        super(message);
        this.run = run;
    }

    /** @return the run with the best weights found before the interrupt */
    public Run run() {
        return run;
    }
}
