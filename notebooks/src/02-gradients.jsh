//%% md
# Vanishing and exploding gradients: RNN, LSTM and GRU

A recurrent network learns from the past through the chain rule: the gradient of the loss with
respect to the hidden state at step *t* is the gradient at step *t+1* multiplied by the
Jacobian of one step. Over many steps that is a long product of matrices. If their norms are
below 1 the product shrinks geometrically and the early steps receive almost no training signal
(**vanishing gradients**); if they are above 1 it grows geometrically and one update can throw the
weights far away (**exploding gradients**).

A plain (Elman) RNN multiplies by the same matrix and a tanh derivative at every step, so it is
exposed to both. The **LSTM** and the **GRU** carry their memory in a state that is updated
*additively*, through gates: when the forget gate (LSTM) or update gate (GRU) stays near
"keep", the gradient passes back almost unchanged. Exploding gradients are tamed differently:
**clipping by norm** rescales the whole gradient whenever its L2 norm exceeds a limit, keeping its
direction but bounding the step.

To see this we need a task that **needs long memory**. We make one from real data: the monthly
sunspot numbers, where the network reads a window of `LAG` months and must output the value it saw
at the *start* of the window. Nothing later in the window helps, so a model can only succeed by
carrying that first value all the way through. A model that remembers nothing can do no better
than predicting the average.

**What to look at:** test error against the "average" baseline; the gradient-reach chart (how
much of the signal arrives at early steps); the gradient-flow heatmaps (layer × time step); the
per-layer gradient norms while training, and what clipping changes.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int LAG = 24;             // months between the value to recall and the prediction
int EPOCHS = 8;           // epochs per model
int HIDDEN = 32;          // units per layer
int LAYERS = 2;           // recurrent layers per model
int STRIDE = 3;           // distance between window starts (3 keeps a third of the windows: faster)
long SEED = 42;
int REPLICATES = 5;       // seeds 1..REPLICATES for the clipping verdict (the same seeds with and without clipping)

//%% md
## A long-memory task from real data

We build the table ourselves: the input column is the sunspot number, and the target column at
row *r* is the sunspot number `LAG` rows earlier, which is the first value of the window that
ends just before row *r*. `Series.of(table, target).features(...)` turns it into windows.

//%% code
var raw = Table.read().csv(dataset("sunspots_monthly.csv").toString());
double[] spots = raw.numberColumn("sunspot_number").asDoubleArray();
double[] recall = new double[spots.length];
for (int i = LAG; i < spots.length; i++) recall[i] = spots[i - LAG];
var table = Table.create("sunspots, recalled after " + LAG + " months",
        DoubleColumn.create("sunspots", spots), DoubleColumn.create("recall", recall));
var memory = Series.of(table, "recall").features("sunspots")
        .windows(LAG).stride(STRIDE).scale(STANDARD).split(0.7, 0.15);
memory

//%% code
float[][] truth = memory.truth(memory.test());
double mean = Arrays.stream(memory.truth(memory.train())).mapToDouble(r -> r[0]).average().orElse(0);
float[][] guess = new float[truth.length][1];
for (float[] g : guess) g[0] = (float) mean;
double averageRmse = Metrics.rmse(truth, guess);
System.out.println(String.format(Locale.ROOT, "Predicting the training average for every test window: RMSE %.1f sunspots.", averageRmse));

//%% md
## Three cells, one task

Each model has `LAYERS` layers of `HIDDEN` units and is trained the same way (Adam, clipping by
norm at 1, one seed). The comparison table shows the test error in sunspots, the parameters and
the training time.

//%% code
Experiment setup(Stack model, String name) {
    return Experiment.of(model, memory).name(name)
            .adam(3e-3).clipNorm(1.0).epochs(EPOCHS).batch(32).seed(SEED);
}
Run rnn = setup(Stack.rnn(HIDDEN).layers(LAYERS), "RNN").train();
Run lstm = setup(Stack.lstm(HIDDEN).layers(LAYERS), "LSTM").train();
Run gru = setup(Stack.gru(HIDDEN).layers(LAYERS), "GRU").train();

//%% code
var comparison = Compare.of(rnn, lstm, gru);
for (Run r : List.of(rnn, lstm, gru)) {
    System.out.println(String.format(Locale.ROOT, "%-5s test RMSE %6.1f: %s the average's %.1f", r.name(), r.metric("rmse"),
            r.metric("rmse") < averageRmse ? "below" : "not below", averageRmse));
}
comparison.table().selectColumns("name", "layers", "parameters", "train_seconds", "test_rmse", "test_mae")

//%% code
comparison.loss()

//%% md
## Where does the training signal arrive?

The gradient-reach chart backpropagates the loss of a batch of training windows through each
trained model and measures, at the first layer, the norm of the gradient with respect to the
hidden state at every step, divided by its value at the last step. The step that matters for
this task is the *first* one (the far left of the window, the far right of the x axis). A curve
that falls by orders of magnitude towards it means the signal from the loss barely reaches the
value the model has to remember.

//%% code
var reach = Plots.gradientReach(rnn, lstm, gru);
Map<String, Double> firstStep = new LinkedHashMap<>();
for (Run r : List.of(rnn, lstm, gru)) {
    double[] y = reach.chart().getSeriesMap().get(r.name()).getYData();   // y[0]: the window's first step
    firstStep.put(r.name(), y[0]);
    System.out.println(String.format(Locale.ROOT, "%-5s gradient at the window's first step: %.3g times the one at its last step", r.name(), y[0]));
}
reach

//%% md
The heatmaps show the same measurement for every layer (rows) and time step (columns), as log10
of the gradient norm: one map per cell. Compare how the colour changes from the last steps
(right) to the first (left).

//%% code
display(Plots.gradientFlow(rnn, memory.train()));
display(Plots.gradientFlow(lstm, memory.train()));
Plots.gradientFlow(gru, memory.train())

//%% md
## Gradient norms per layer while training

During training SeqLab records, per epoch, the mean gradient norm of each recurrent layer (before
clipping), the norm over all parameters, and with clipping on the largest norm left after it.

//%% code
display(Plots.gradientNorms(rnn));
Plots.gradientNorms(lstm)

//%% md
## Clipping on and off

Exploding gradients are most likely with aggressive training. Here the RNN is trained with plain
SGD at a high learning rate and momentum, once without clipping and once clipped by norm at 1. The
gradient-norm charts and the loss curves show what clipping changes; the printed lines give the
largest gradient norm seen in any epoch (mean per step, before clipping) and the test error.
One pair of runs is an anecdote, so the verdict comes from a sweep: both variants trained with
`REPLICATES` seeds, compared seed by seed, and a difference is claimed only when its 95% interval
excludes zero.

//%% code
Experiment harsh = Experiment.of(Stack.rnn(HIDDEN).layers(LAYERS), memory)
        .sgd(0.05, 0.9).epochs(EPOCHS).batch(32).seed(SEED);
Run unclipped = harsh.name("RNN, SGD, no clipping").train();
Run clipped = harsh.name("RNN, SGD, clipNorm 1").clipNorm(1.0).train();
double maxNorm(Run r) {
    return Arrays.stream(r.history().doubleColumn("grad_norm").asDoubleArray()).filter(Double::isFinite).max().orElse(Double.NaN);
}
for (Run r : List.of(unclipped, clipped)) {
    System.out.println(String.format(Locale.ROOT, "%-24s largest epoch-mean gradient norm %.3g, test RMSE %.1f", r.name(), maxNorm(r), r.metric("rmse")));
}
SweepResult clipping = Sweep.over(Grid.of("clipNorm", "off", "1")).replicates(REPLICATES).name("clipping")
        .measure(c -> {
            Experiment e = c.getString("clipNorm").equals("off") ? harsh : harsh.clipNorm(1.0);
            try (Run r = e.name("clipNorm " + c.getString("clipNorm")).seed(c.seed()).train()) {
                return Map.of("max_grad_norm", maxNorm(r), "rmse", r.metric("rmse"));
            }
        });
Difference clipNorms = clipping.paired("max_grad_norm", Map.of("clipNorm", "1"), Map.of("clipNorm", "off"));
Difference clipErrors = clipping.paired("rmse", Map.of("clipNorm", "1"), Map.of("clipNorm", "off"));
System.out.println(clipNorms.sentence("largest epoch-mean gradient norm"));
System.out.println(clipErrors.sentence("test RMSE"));

//%% code
display(Plots.gradientNorms(unclipped));
display(Plots.gradientNorms(clipped));
Compare.of(unclipped, clipped).loss()

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests).

//%% code
System.out.printf(Locale.ROOT, "average_rmse = %.4f%n", averageRmse);
System.out.printf(Locale.ROOT, "rnn_rmse = %.4f%n", rnn.metric("rmse"));
System.out.printf(Locale.ROOT, "lstm_rmse = %.4f%n", lstm.metric("rmse"));
System.out.printf(Locale.ROOT, "gru_rmse = %.4f%n", gru.metric("rmse"));
System.out.printf(Locale.ROOT, "rnn_reach_first = %.6f%n", firstStep.get("RNN"));
System.out.printf(Locale.ROOT, "lstm_reach_first = %.6f%n", firstStep.get("LSTM"));
System.out.printf(Locale.ROOT, "gru_reach_first = %.6f%n", firstStep.get("GRU"));
System.out.printf(Locale.ROOT, "unclipped_max_grad_norm = %.4f%n", maxNorm(unclipped));
System.out.printf(Locale.ROOT, "clipped_max_grad_norm = %.4f%n", maxNorm(clipped));
System.out.printf(Locale.ROOT, "unclipped_rmse = %.4f%n", unclipped.metric("rmse"));
System.out.printf(Locale.ROOT, "clipped_rmse = %.4f%n", clipped.metric("rmse"));
System.out.printf(Locale.ROOT, "replicates = %d%n", REPLICATES);
System.out.printf(Locale.ROOT, "clip_norm_diff_low = %.4f%nclip_norm_diff_high = %.4f%n", clipNorms.estimate().low(), clipNorms.estimate().high());
System.out.printf(Locale.ROOT, "clip_rmse_diff_low = %.4f%nclip_rmse_diff_high = %.4f%n", clipErrors.estimate().low(), clipErrors.estimate().high());

//%% md
## Try next

- Raise `LAG` to 48: which cells still remember?
- Set `LAYERS` to 1 and to 4 and compare the heatmaps.
- Train the LSTM with the harsh SGD settings: is it as fragile as the RNN?
