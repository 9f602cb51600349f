/**
 * What the DSL needs from the machine, and nothing of the DSL itself: the PyTorch engine and its
 * threads ({@link dev.seqlab.runtime.Torch}), native-library environment
 * ({@link dev.seqlab.runtime.NativeEnv}), where bundled files are found
 * ({@link dev.seqlab.runtime.Locations}) and atomic file writes ({@link dev.seqlab.runtime.AtomicFiles}).
 *
 * <p>A new fact about the installation or a new low-level file helper goes here; it may use only
 * {@link dev.seqlab.SeqLabException} of SeqLab.
 */
package dev.seqlab.runtime;
