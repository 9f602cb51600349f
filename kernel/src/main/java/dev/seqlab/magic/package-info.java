/**
 * Magics: {@code %name args} lines and {@code %%name} cells. One class per magic
 * ({@link dev.seqlab.magic.LineMagic} or {@link dev.seqlab.magic.CellMagic}), all registered once
 * in {@link dev.seqlab.magic.MagicRegistry}, which the engine's dispatch, {@code %lsmagic}, error
 * messages, completion of magic names and the kernel banner read.
 *
 * <p>A magic sees the session only through {@link dev.seqlab.magic.MagicContext} (class path,
 * nested evaluation, printing, displays, variables, imports), so this package does not depend on
 * the engine. {@link dev.seqlab.magic.MagicSyntax} says how magics are written in a cell.
 *
 * <p>A new magic: one class here implementing {@code LineMagic} or {@code CellMagic}, and its
 * constructor added to {@code MagicRegistry.BUILT_IN} (one line).
 */
package dev.seqlab.magic;
