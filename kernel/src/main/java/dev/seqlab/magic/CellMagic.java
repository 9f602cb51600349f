package dev.seqlab.magic;

/** A magic that takes a whole cell: a first line {@code %%name args}, then the body. */
public non-sealed interface CellMagic extends Magic {

    /**
     * Runs the magic.
     *
     * @param args the text after the name on the first line, stripped (may be empty)
     * @param body the rest of the cell, preceded by blank lines so that its line numbers are the
     *     cell's own (errors then name the line the user sees)
     * @param session what the magic may do to the session
     * @throws MagicException when the arguments are wrong or the magic cannot do its job
     */
    void run(String args, String body, MagicContext session);
}
