/**
 * Deep recurrent networks described by a fluent, immutable {@link dev.seqlab.model.Stack} of
 * {@link dev.seqlab.model.Layer}s and built, for one data set, into a
 * {@link dev.seqlab.model.Network} whose {@link dev.seqlab.model.Network#block()} is an ordinary
 * DJL block.
 *
 * <p><b>Layers as types.</b> Each layer has a {@link dev.seqlab.model.LayerKind}, one class per
 * kind ({@code LstmKind}, {@code GruKind}, {@code RnnKind} for tanh and ReLU), which knows its gate
 * count, state count, label, DJL factory, how to recompute its gates ({@link dev.seqlab.model.Gates})
 * and which engine check it needs ({@code FusedLstmCheck} for LSTM). Nothing else switches on the
 * kind, so stacks may mix kinds: {@code Stack.lstm(16).bidirectional().then(Layer.gru(32).residual())}.
 * <b>A new recurrent kind</b> is one new {@code LayerKind} subclass here plus its constant (and
 * {@link dev.seqlab.model.LayerKind#named} finds it by name, which checkpoints store).
 *
 * <p>Each layer is built as a {@code RecurrentStage}: its own one-layer DJL {@code LSTM}/{@code
 * GRU}/{@code RNN} (batch first, biases on), so residual links, layer norm, dropout and gradient
 * probes can sit between layers; a bidirectional layer is a second block fed the real part of each
 * sequence reversed. {@code StackBlock} chains the stages between an optional embedding and an
 * attention pooling or last-step head.
 *
 * <p>Beyond the plain forward pass: {@link dev.seqlab.model.Network#forwardWithState} runs a long
 * sequence in chunks that carry the recurrent state (truncated backpropagation through time);
 * {@link dev.seqlab.model.GradientFlow} measures dLoss/d(stage output) per layer and time step
 * with zero probes; {@link dev.seqlab.model.Gates} recomputes an LSTM or GRU layer's gate
 * activations from its weights and checks them against the fused layer's output.
 *
 * <p><b>Where a 1-D convolution front end would go</b> (sketch, not built): the stages of a stack are
 * today all recurrent. A non-recurrent stage would make {@code Layer} one implementation of a small
 * stage description ({@code kind, width(inputWidth), build(inputWidth) -> AbstractBlock}), with a
 * {@code Conv1dLayer(filters, kernel, stride)} beside it, declared as
 * {@code Stack.conv1d(32, 5).then(Layer.lstm(64))}. Its block (DJL {@code Conv1d} over (B, F, T),
 * so transposed from and back to batch-first (B, T, F)) would sit in {@code StackBlock}'s chain
 * like a {@code RecurrentStage}; the mask must shrink with the stride (or padding must keep T), and
 * the stage would report no gates and no carried state ({@code states() = 0}), so
 * {@code forwardWithState} and {@code Gates} skip it; probes and gradient flow work unchanged since
 * they act on stage outputs (B, T, width). {@code StackCodec} would write its own entry in
 * {@code layers}.
 */
package dev.seqlab.model;
