package dev.seqlab.model;

import dev.seqlab.data.Task;

/** What the network predicts on top of its recurrent stack. */
public enum Head {
    /** Chosen from the data's {@link Task} when the network is built. */
    AUTO,
    /** Real values (B, outputs) from the pooled sequence. */
    REGRESSION,
    /** Class logits (B, classes) from the pooled sequence. */
    CLASSIFICATION,
    /** Next-token logits (B, T, vocab) at every time step. */
    NEXT_TOKEN;

    /**
     * Returns the head that serves the given task.
     *
     * @param task the data's task
     * @return the matching head
     */
    public static Head of(Task task) {
        switch (task) {
            case REGRESSION:
                return REGRESSION;
            case CLASSIFICATION:
                return CLASSIFICATION;
            default:
                return NEXT_TOKEN;
        }
    }

    /**
     * Returns the task this head serves, or null for {@link #AUTO}.
     *
     * @return the task
     */
    public Task task() {
        switch (this) {
            case REGRESSION:
                return Task.REGRESSION;
            case CLASSIFICATION:
                return Task.CLASSIFICATION;
            case NEXT_TOKEN:
                return Task.NEXT_TOKEN;
            default:
                return null;
        }
    }

    /**
     * Returns the builder method that selects this head, for example {@code nextToken}.
     *
     * @return the method name
     */
    String method() {
        switch (this) {
            case REGRESSION:
                return "regression";
            case CLASSIFICATION:
                return "classification";
            case NEXT_TOKEN:
                return "nextToken";
            default:
                return "auto";
        }
    }

    /**
     * Returns the name used in configurations and messages, for example {@code next-token}.
     *
     * @return the lower-case label
     */
    String label() {
        return this == NEXT_TOKEN ? "next-token" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
