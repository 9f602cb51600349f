/**
 * Charts of runs and data, as plain XChart objects a user can restyle, and the studies that
 * compare runs ({@link dev.seqlab.plot.Compare}, {@link dev.seqlab.plot.LearningCurve}).
 *
 * <p>{@link dev.seqlab.plot.Plots} is the facade: one static verb per chart, each delegating to the
 * class of its family:
 * <ul>
 *   <li>{@code TrainingCharts}: loss, validation metric, learning rate, gradient norms per layer,
 *       learning curves;</li>
 *   <li>{@code ForecastCharts}: forecasts against truth with part boundaries ({@code RowAxis} turns
 *       a series' dates into the x axis), chosen horizons, one sample's multi-step forecast;</li>
 *   <li>{@code ClassificationCharts}: confusion matrix and per-class scores;</li>
 *   <li>{@code AttentionCharts}: one sample's attention weights;</li>
 *   <li>{@code DiagnosticsCharts}: gradient flow per layer and time step (from {@code Probes}),
 *       gradient reach, LSTM/GRU gates recomputed from the weights.</li>
 * </ul>
 * The look (fonts, palette, grid, legend) and the chart builders live in {@code Style}; what charts
 * read from a run (metric columns, units, parts, step labels, argument checks) in
 * {@code ChartData}; history column names come from {@link dev.seqlab.train.History}.
 *
 * <p>A new chart goes into the class of its family (or a new {@code ...Charts} class for a new
 * family), builds its chart with {@code Style.xy/category/heat}, and gets its one-line public verb
 * in {@code Plots}. Every verb returns a {@link dev.seqlab.plot.Figure} that saves itself to PNG or SVG.
 */
package dev.seqlab.plot;
