package dev.seqlab.engine;

/** A magic was used wrongly or could not do its job; the message says what it expected. */
final class MagicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MagicException(String message) {
        super(message);
    }
}
