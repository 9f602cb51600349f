package dev.seqlab.sweep;

import dev.seqlab.SeqLabException;

/** An in-process sweep was interrupted; the trials it finished are in {@link SweepResult#last()}. */
public final class SweepInterruptedException extends SeqLabException {

    private static final long serialVersionUID = 1L;

    SweepInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
