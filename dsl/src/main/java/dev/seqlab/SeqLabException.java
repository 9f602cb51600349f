package dev.seqlab;

/**
 * The one exception type users of SeqLab see.
 *
 * <p>Its message is a single sentence that names what went wrong and what to do about it,
 * for example "Column 'passengers' is not in airpassengers.csv; use one of: date,
 * passengers_thousands." The low-level cause (a DJL or I/O exception) is chained, never
 * shown first, so notebooks and the command line print one readable line.
 */
public class SeqLabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an error with a one-sentence message.
     *
     * @param message what went wrong and how to fix it
     */
    public SeqLabException(String message) {
        super(message);
    }

    /**
     * Creates an error with a one-sentence message and the low-level cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the underlying exception, kept for debugging
     */
    public SeqLabException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Throws a {@link SeqLabException} with the formatted message when {@code condition} is false.
     *
     * @param condition the condition that must hold
     * @param format a {@link String#format} pattern for the one-sentence message
     * @param args the pattern's arguments
     */
    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new SeqLabException(String.format(java.util.Locale.ROOT, format, args));
        }
    }
}
