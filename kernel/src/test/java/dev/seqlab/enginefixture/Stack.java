package dev.seqlab.enginefixture;

/** A class whose simple name clashes with {@code java.util.Stack}, for the import tests. */
public final class Stack {
    /** @return a marker */
    public static String lstm() {
        return "ours";
    }
}
