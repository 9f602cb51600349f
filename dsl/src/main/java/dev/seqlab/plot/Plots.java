package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.model.Network;
import dev.seqlab.train.Run;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/**
 * Charts of runs and data. Every method returns a {@link Figure} around a plain XChart chart
 * (restyle it through {@link Figure#chart()}) with title, axis titles with units and a legend
 * outside the data; the series hold the run's own numbers, unrounded, so a chart can be checked
 * against the run it shows.
 *
 * <pre>{@code
 * Plots.loss(run);                          // train and validation loss, best epoch marked
 * Plots.predictions(run);                   // forecasts against truth, parts marked
 * Plots.attention(run, data.test(), 0);     // what one sample's prediction looked at
 * Plots.gradientFlow(run, data.train());    // layer x time step: how far back the signal reaches
 * Plots.gates(run, data.test(), 0, 0);      // LSTM/GRU gates of one sample
 * }</pre>
 *
 * <p>Stages (layers) are numbered from 0 in arguments, as in {@link Network}, and from 1 in
 * chart labels ("layer 1" is nearest the input).
 *
 * <p>This class is the facade: each verb delegates to the class of its family
 * ({@link TrainingCharts}, {@link ForecastCharts}, {@link ClassificationCharts},
 * {@link AttentionCharts}, {@link DiagnosticsCharts}), which share {@link Style} for the look and
 * {@link ChartData} for what they read from a run. A new chart goes into its family's class (or a
 * new family class) and gets its one-line verb here.
 */
public final class Plots {

    /** How many samples of a part {@link #gradientFlow(Run, SeqSplit)} backpropagates through. */
    public static final int FLOW_BATCH = 32;

    private Plots() {}

    /**
     * Training and validation loss per epoch for one or more runs (runs overlaid), with the best
     * epoch (the one whose weights were restored) marked on each run's validation curve.
     *
     * @param runs the runs
     * @return the chart: series "train", "validation", "best epoch N" (prefixed by the run name
     *     when several runs are drawn)
     */
    public static Figure<XYChart> loss(Run... runs) {
        return TrainingCharts.loss(runs);
    }

    /**
     * The metric recorded each epoch (RMSE in the data's units, accuracy, or perplexity): for one
     * run, training (from the epoch's own steps) and validation; for several runs, validation.
     *
     * @param runs the runs
     * @return the chart: "train" and "validation" for a single run, else one series per run
     * @throws SeqLabException if the runs have different metrics or no validation part
     */
    public static Figure<XYChart> metric(Run... runs) {
        return TrainingCharts.metric(runs);
    }

    /**
     * The learning rate used in each epoch (after warm-up, decay and plateau cuts), for one or
     * more runs; the y axis is logarithmic when the rate spans more than a factor of 20.
     *
     * @param runs the runs
     * @return the chart, one series per run
     */
    public static Figure<XYChart> learningRate(Run... runs) {
        return TrainingCharts.learningRate(runs);
    }

    /**
     * The gradient norm of each recurrent layer per epoch (the mean over the epoch's steps of the
     * L2 norm before clipping) on a log scale, with the norm of all parameters and, when norm
     * clipping was on, the largest norm after clipping. Layers whose norm falls epoch after epoch
     * are starved (vanishing gradients); spikes are exploding ones.
     *
     * @param run the run
     * @return the chart: series "layer 1" .. "layer L", "all parameters", ["after clipping (max)"]
     * @throws SeqLabException if the run's history has no per-layer norms
     */
    public static Figure<XYChart> gradientNorms(Run run) {
        return TrainingCharts.gradientNorms(run);
    }

    /**
     * The test metric against the fraction of training data used.
     *
     * @param curve a learning curve
     * @return the chart, one point per fraction
     */
    public static Figure<XYChart> learningCurve(LearningCurve curve) {
        return TrainingCharts.learningCurve(curve);
    }

    /**
     * The whole series in its own units with the model's one-step-ahead forecasts on the
     * training, validation and test windows, and dashed vertical lines where validation and test
     * begin (at the first target row of each part). The x axis shows the table's first date or
     * text column when it has one, else the row number.
     *
     * @param run a regression run on a {@link Series}
     * @return the chart: series "truth", "train", "validation", "test", "validation starts", "test starts"
     */
    public static Figure<XYChart> predictions(Run run) {
        return ForecastCharts.predictions(run);
    }

    /**
     * Forecasts on one part against the truth: step 1 of the horizon and, for a multi-step
     * horizon, its last step, each drawn at the row it forecasts.
     *
     * @param run a regression run on a {@link Series}
     * @param part a part of the run's series
     * @return the chart: series "truth", "step 1", ["step H"]
     */
    public static Figure<XYChart> predictions(Run run, SeqSplit part) {
        return ForecastCharts.predictions(run, part);
    }

    /**
     * Forecasts of chosen horizon steps on one part against the truth; step s of sample i is
     * drawn at the row it forecasts, {@code origin[i] + s - 1}.
     *
     * @param run a regression run on a {@link Series}
     * @param part a part of the run's series
     * @param steps horizon steps, from 1 to the horizon
     * @return the chart: series "truth", "step s" for each step
     */
    public static Figure<XYChart> predictions(Run run, SeqSplit part, int... steps) {
        return ForecastCharts.predictions(run, part, steps);
    }

    /**
     * One sample's multi-step forecast: the input window it saw, the true future and the
     * forecast over the whole horizon, with the naive forecast (last value repeated) for scale.
     *
     * @param run a regression run on a {@link Series}
     * @param part a part of the run's series
     * @param sample the sample index in the part
     * @return the chart: series "input window", "truth", "forecast", "naive (last value)"
     */
    public static Figure<XYChart> horizon(Run run, SeqSplit part, int sample) {
        return ForecastCharts.horizon(run, part, sample);
    }

    /**
     * The confusion matrix on the test part as a heatmap of counts: rows are the true classes
     * (the first class at the top), columns the predicted ones, class names on both axes.
     *
     * @param run a classification run with a test part
     * @return the chart; its heat data are {predicted index, row from the bottom, count}
     */
    public static Figure<HeatMapChart> confusion(Run run) {
        return ClassificationCharts.confusion(run);
    }

    /**
     * Precision, recall and F1 of every class on the test part.
     *
     * @param run a classification run with a test part
     * @return the chart: series "precision", "recall", "F1" over the class names
     */
    public static Figure<CategoryChart> classScores(Run run) {
        return ClassificationCharts.classScores(run);
    }

    /**
     * The attention weight of every real time step of one sample (they sum to 1): for text the
     * tokens themselves label the axis, for a series the steps t-(T-1) .. t before the forecast.
     *
     * @param run a run of a model with attention
     * @param part a part of the run's data
     * @param sample the sample index in the part
     * @return the chart: one bar series "attention" (a token seen twice gets a trailing space per repeat)
     */
    public static Figure<CategoryChart> attention(Run run, SeqSplit part, int sample) {
        return AttentionCharts.attention(run, part, sample);
    }

    /**
     * Gradient flow: for the first {@link #FLOW_BATCH} samples of a part, the L2 norm of the
     * training loss's gradient with respect to each layer's output at each time step, as a
     * layer × time heatmap of log10 norms. In a plain RNN the colour fades towards the first
     * steps (the signal does not reach back); LSTM and GRU keep it alive longer. Without attention
     * the head reads only the last step, so the top layer's gradient is exactly zero before it;
     * exact zeros are drawn in the colour of the smallest non-zero norm.
     *
     * @param run the run (any cell)
     * @param part a part of the run's data, such as {@code data.train()}
     * @return the chart; its heat data are {time step, layer index, log10 norm}
     */
    public static Figure<HeatMapChart> gradientFlow(Run run, SeqSplit part) {
        return DiagnosticsCharts.gradientFlow(run, part);
    }

    /**
     * Where the training signal still arrives, for several runs side by side: the gradient norm
     * at the first layer's output per time step, divided by its value at the last step, on a log
     * scale (measured as in {@link #gradientFlow(Run, SeqSplit)} on each run's training part).
     * A curve that drops by orders of magnitude towards the early steps shows vanishing gradients.
     *
     * @param runs runs on data of one sequence length, for example an RNN, an LSTM and a GRU
     * @return the chart, one series per run
     */
    public static Figure<XYChart> gradientReach(Run... runs) {
        return DiagnosticsCharts.gradientReach(runs);
    }

    /**
     * The gates of an LSTM (input, forget, output) or GRU (reset, update) layer over the real
     * time steps of one sample, each averaged over the layer's units, recomputed from the trained
     * weights. The recomputed hidden states are checked against the layer's own output (the proof
     * that the gates are right): a mismatch above 1e-5 is an error, never a wrong chart.
     *
     * @param run a run of an LSTM or GRU model
     * @param part a part of the run's data
     * @param sample the sample index in the part
     * @param stage the layer, from 0 (nearest the input)
     * @return the chart, one line series per gate: its mean over the units at each real step
     */
    public static Figure<CategoryChart> gates(Run run, SeqSplit part, int sample, int stage) {
        return DiagnosticsCharts.gates(run, part, sample, stage);
    }

    /**
     * One gate of an LSTM or GRU layer for one sample as a unit × time heatmap (every unit, not
     * the mean): which units open or close at which steps.
     *
     * @param run a run of an LSTM or GRU model
     * @param part a part of the run's data
     * @param sample the sample index in the part
     * @param stage the layer, from 0
     * @param gate "input", "forget", "output" (LSTM) or "reset", "update" (GRU), or "candidate"
     * @return the chart; its heat data are {step, unit, activation}
     */
    public static Figure<HeatMapChart> gate(Run run, SeqSplit part, int sample, int stage, String gate) {
        return DiagnosticsCharts.gate(run, part, sample, stage, gate);
    }

    /**
     * Errors per horizon step; see {@link HorizonCharts#errors}.
     *
     * @param byStep a table from {@link dev.seqlab.train.Metrics#byStep}
     * @param metric "rmse" or "mae"
     * @return the chart
     */
    public static Figure<XYChart> horizonErrors(tech.tablesaw.api.Table byStep, String metric) {
        return HorizonCharts.errors(byStep, metric);
    }
}
