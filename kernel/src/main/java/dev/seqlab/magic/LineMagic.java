package dev.seqlab.magic;

/** A magic that takes one line of a cell: {@code %name args}. */
public non-sealed interface LineMagic extends Magic {

    /**
     * Runs the magic.
     *
     * @param args the text after the name, stripped (may be empty)
     * @param session what the magic may do to the session
     * @throws MagicException when the arguments are wrong or the magic cannot do its job
     */
    void run(String args, MagicContext session);
}
