/**
 * Deep recurrent networks described by a fluent, immutable {@link dev.seqlab.model.Stack} and
 * built, for one data set, into a {@link dev.seqlab.model.Network} whose
 * {@link dev.seqlab.model.Network#block()} is an ordinary DJL block.
 *
 * <p>Each layer is its own one-layer DJL {@code LSTM}/{@code GRU}/{@code RNN} (batch first,
 * biases on), so residual links, layer norm, dropout and gradient probes can sit between layers;
 * bidirectional layers are a second block fed the real part of each sequence reversed.
 *
 * <p>Beyond the plain forward pass: {@link dev.seqlab.model.Network#forwardWithState} runs a long
 * sequence in chunks that carry the recurrent state (truncated backpropagation through time);
 * {@link dev.seqlab.model.GradientFlow} measures dLoss/d(stage output) per layer and time step
 * with zero probes; {@link dev.seqlab.model.Gates} recomputes an LSTM or GRU layer's gate
 * activations from its weights and checks them against the fused layer's output.
 */
package dev.seqlab.model;
