/**
 * The root of SeqLab's DSL holds only {@link dev.seqlab.SeqLabException}, the one exception users
 * see; it imports nothing of SeqLab, so every other package can depend on it without a circle.
 *
 * <p>The packages, in dependency order (each may use the ones after it, never one before):
 * {@code dsl} (the notebook entry {@code SeqLab}) and {@code plot} (charts, comparisons) ->
 * {@code train} (experiments, runs, checkpoints) -> {@code model} (stacks, layers, diagnostics) ->
 * {@code data} (data sets) -> {@code runtime} (engine, files, locations) -> this package.
 * Check with {@code jdeps -verbose:package dsl/target/classes} piped into {@code tsort}.
 */
package dev.seqlab;
