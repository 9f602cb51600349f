package dev.seqlab.engine;

import java.util.Map;

/** What is known of the cell being evaluated: its outputs, the value to show, its error. */
final class CellState {
    final Outputs outputs;
    /** The rendered value of the last expression so far, or null. */
    Map<String, Object> value;
    /** The first error, or null. */
    ErrorReport error;
    /** Set by an interrupt (also while the cell compiles). */
    volatile boolean interrupted;

    CellState(Outputs outputs) {
        this.outputs = outputs;
    }
}
