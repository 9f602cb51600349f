/**
 * Charts of runs and data, as plain XChart objects a user can restyle: training curves (loss with
 * the best epoch marked, validation metric, learning rate, gradient norms per layer), forecasts
 * against truth with the part boundaries marked and multi-step horizons, confusion matrix and
 * per-class scores, attention weights with tokens on the axis, gradient flow per layer and time
 * step (from zero probes), LSTM/GRU gates recomputed from the weights, comparisons and learning
 * curves.
 *
 * <p>Entry point: {@link dev.seqlab.plot.Plots}; every method returns a
 * {@link dev.seqlab.plot.Figure} that saves itself to PNG or SVG. Tables to go with the charts
 * come from {@link dev.seqlab.train.Compare} and {@link dev.seqlab.train.LearningCurve}.
 */
package dev.seqlab.plot;
