//%% md
# Gates up close: what an LSTM keeps and drops

An LSTM cell carries a memory vector *c* from step to step and changes it through three gates,
each a vector of numbers between 0 and 1 computed from the current input and the previous hidden
state:

- the **forget gate** *f* scales the old memory: 1 keeps it, 0 wipes it;
- the **input gate** *i* scales what is written: the candidate *g* (a tanh of input and state);
- the **output gate** *o* decides how much of the memory is shown as the hidden state *h*.

In one line: c_t = f_t · c_{t-1} + i_t · g_t, and h_t = o_t · tanh(c_t). Everything the LSTM
remembers passes through that product with *f*, which is why the forget gate is the place to look
when asking what a network keeps.

SeqLab recomputes the gates from the trained weights, step by step, and checks the recomputation
against the layer's own output (the chart titles report the largest difference). We look at them on
a task where we *know* what must be kept: the long-memory task of the gradients notebook, built
from monthly sunspot numbers, where the network reads a window of `LAG` months and must output the
value it saw at the **first** month of the window. A good solution writes the first value and then
keeps it. Do the gates show that?

**What to look at:** the input gate at the first step against the later ones, the forget gate
after the first step, and the unit-by-unit heatmaps: not every unit needs to do the same job.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int LAG = 16;             // months between the value to recall and the prediction
int EPOCHS = 15;
int HIDDEN = 16;          // LSTM units (few, so the heatmaps stay readable)
int STRIDE = 2;
long SEED = 42;

//%% code
var raw = Table.read().csv(dataset("sunspots_monthly.csv").toString());
double[] spots = raw.numberColumn("sunspot_number").asDoubleArray();
double[] recall = new double[spots.length];
for (int i = LAG; i < spots.length; i++) recall[i] = spots[i - LAG];
var table = Table.create("sunspots, recalled after " + LAG + " months",
        DoubleColumn.create("sunspots", spots), DoubleColumn.create("recall", recall));
var memory = Series.of(table, "recall").features("sunspots")
        .windows(LAG).stride(STRIDE).scale(STANDARD).split(0.7, 0.15);
Run lstm = Experiment.of(Stack.lstm(HIDDEN), memory).name("LSTM " + HIDDEN)
        .adam(5e-3).clipNorm(1.0).epochs(EPOCHS).batch(32).seed(SEED)
        .train();
float[][] truth = memory.truth(memory.test());
double mean = Arrays.stream(memory.truth(memory.train())).mapToDouble(r -> r[0]).average().orElse(0);
float[][] guess = new float[truth.length][1];
for (float[] g : guess) g[0] = (float) mean;
double averageRmse = Metrics.rmse(truth, guess);
System.out.println(String.format(Locale.ROOT, "Test RMSE %.1f sunspots (predicting the training average for every window: %.1f).", lstm.metric("rmse"), averageRmse));

//%% md
## The gates of one test window

Each line is a gate averaged over the `HIDDEN` units, at every step of one test window (the x
axis runs from the window's first month to its last). The printed lines compare the first step
with the rest, averaged over the whole test part.

//%% code
int sample = memory.test().size() / 2;
Plots.gates(lstm, memory.test(), sample, 0)

//%% code
// Averages over every test window: gate means at the first step and over the later steps.
var test = memory.test();
Map<String, double[]> firstAndLater = new LinkedHashMap<>();
for (String gate : List.of("input", "forget", "output")) firstAndLater.put(gate, new double[2]);
for (int i = 0; i < test.size(); i++) {
    var chart = Plots.gates(lstm, test, i, 0).chart();
    for (String gate : firstAndLater.keySet()) {
        double[] y = chart.getSeriesMap().get(gate).getYData().stream().mapToDouble(Number::doubleValue).toArray();
        firstAndLater.get(gate)[0] += y[0] / test.size();
        firstAndLater.get(gate)[1] += Arrays.stream(y, 1, y.length).average().orElse(0) / test.size();
    }
}
firstAndLater.forEach((gate, v) -> System.out.println(String.format(Locale.ROOT,
        "%-6s gate: %.3f at the first step, %.3f on average at the later steps (mean over units and %d test windows)", gate, v[0], v[1], test.size())));

//%% md
## Unit by unit

Averages over units can hide the mechanism: if the first and later steps barely differ above, the
job is done by a few units rather than all of them.

The heatmaps show every unit (rows) at every step (columns) of the same window, for the forget and
the input gate. Units whose forget gate stays near 1 across the window are the ones that *keep*;
units whose forget gate is low are rewritten at every step and carry only recent months.

//%% code
display(Plots.gate(lstm, memory.test(), sample, 0, "forget"));
Plots.gate(lstm, memory.test(), sample, 0, "input")

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests).

//%% code
System.out.printf(Locale.ROOT, "lstm_rmse = %.4f%n", lstm.metric("rmse"));
System.out.printf(Locale.ROOT, "average_rmse = %.4f%n", averageRmse);
for (var e : firstAndLater.entrySet()) {
    System.out.printf(Locale.ROOT, "%s_first = %.4f%n", e.getKey(), e.getValue()[0]);
    System.out.printf(Locale.ROOT, "%s_later = %.4f%n", e.getKey(), e.getValue()[1]);
}

//%% md
## Try next

- Train for a single epoch (`EPOCHS` = 1) and compare the gates: what does training change?
- Raise `LAG` to 32: do the forget gates stay as high?
- Replace `Stack.lstm` with `Stack.gru` and plot its `reset` and `update` gates.
