/**
 * The notebook entry point: {@link dev.seqlab.dsl.SeqLab}, whose static members every kernel
 * session imports ({@code import static dev.seqlab.dsl.SeqLab.*;}).
 *
 * <p>A new short name that notebook cells should see without a prefix (a constant, a helper such
 * as {@code dataset("x.csv")}) goes into {@code SeqLab}; anything bigger belongs in the package of
 * its kind and is reached by the kernel's package imports.
 */
package dev.seqlab.dsl;
