package dev.seqlab.notebook;

import dev.seqlab.SeqLabException;

/**
 * Input that {@code seqlab run} refuses before running anything: a missing or malformed
 * notebook, a bad parameter name or value. Its message is one sentence; the command exits with
 * code 2 and writes nothing.
 */
public class BadInputException extends SeqLabException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one sentence: what is wrong and what to do
     */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message one sentence: what is wrong and what to do
     * @param cause the underlying error
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
