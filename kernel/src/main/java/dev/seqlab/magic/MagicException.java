package dev.seqlab.magic;

/** A magic was used wrongly or could not do its job; the message says what it expected. */
public final class MagicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one sentence naming the problem and the fix
     */
    public MagicException(String message) {
        super(message);
    }
}
