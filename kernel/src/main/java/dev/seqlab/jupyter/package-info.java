/**
 * The Jupyter front door: the wire protocol through jupyter-jvm-basekernel in front of a
 * {@link dev.seqlab.engine.SeqLabEngine} ({@link dev.seqlab.jupyter.SeqLabKernel}), the
 * connection file and message checks, execution history, and installing the kernelspec.
 *
 * <p>What a cell can do (magics, renderers, session functions) is not decided here but in
 * {@link dev.seqlab.magic}, {@link dev.seqlab.render} and {@link dev.seqlab.engine}; a new
 * message type's handler goes in {@code SeqLabKernel.becomeHandlerForConnection}.
 */
package dev.seqlab.jupyter;
