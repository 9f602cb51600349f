//%% md
# The adding problem: long memory, LSTM against a plain RNN

The **adding problem** (Hochreiter & Schmidhuber, 1997) is the classic test of long memory. Each
sequence has `T` steps and two channels: channel 1 holds random numbers in [0, 1); channel 2 is 0
everywhere except at two steps, where it is 1. The target is the sum of the two numbers so marked.
The marks can be anywhere (here: one in the first half, one in the second), so a model must notice
a marked value, keep it possibly for dozens of steps while ignoring everything else, and add the
second one to it.

A model that has learned nothing useful predicts the average sum, 1.0, and its error is the
standard deviation of a sum of two uniform numbers, sqrt(1/6) = 0.408. The classic criterion for
"solved" is an absolute error below 0.04 on a sequence.

The sequences are **independent**: each has its own target, and no sequence continues another.
SeqLab's `IndependentSequences` takes them as plain arrays (`float[n][T][2]` and `float[n]`),
assigns them at random to training, validation and test with a seed, and builds the masks.

We train an LSTM and a plain tanh RNN **with the same budget**: about the same number of
parameters (the RNN gets more units, since an LSTM unit has four sets of weights) and the same
epochs, learning rate, clipping and batches. One run of each is an anecdote, so each is trained
with `REPLICATES` seeds and the verdict is printed from the replicates.

**What to look at:** test errors against the 0.408 of the average, the share of sequences solved,
and the spread over seeds.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int T = 50;               // steps per sequence
int N = 3000;             // sequences (70% train, 15% validation, 15% test)
int EPOCHS = 25;          // epochs per model
int HIDDEN = 32;          // LSTM units; the RNN gets as many parameters
int REPLICATES = 3;       // seeds per model
long SEED = 42;

//%% md
## The data, from arrays

//%% code
var rnd = new Random(SEED);
float[][][] x = new float[N][T][2];
float[] y = new float[N];
for (int i = 0; i < N; i++) {
    for (int t = 0; t < T; t++) x[i][t][0] = rnd.nextFloat();
    int a = rnd.nextInt(T / 2), b = T / 2 + rnd.nextInt(T - T / 2);
    x[i][a][1] = 1;
    x[i][b][1] = 1;
    y[i] = x[i][a][0] + x[i][b][0];
}
var adding = IndependentSequences.regression(x, y).split(0.7, 0.15).seed(SEED);
adding

//%% md
## Same budget

An LSTM layer with `h` units on 2 inputs has 4(2h + h² + 2h) weights (four gates, two bias
vectors each, as in PyTorch); a tanh RNN layer with `g` units has 2g + g² + 2g. We give the RNN
the `g` whose count is closest to the LSTM's, plus the same linear head.

//%% code
long lstmWeights(int h) { return 4L * (2 * h + (long) h * h + 2 * h); }
long rnnWeights(int g) { return 2L * g + (long) g * g + 2L * g; }
int rnnUnits = 1;
while (Math.abs(rnnWeights(rnnUnits + 1) - lstmWeights(HIDDEN)) < Math.abs(rnnWeights(rnnUnits) - lstmWeights(HIDDEN))) rnnUnits++;
System.out.println(String.format(Locale.ROOT, "LSTM(%d): %d recurrent weights; RNN(%d): %d recurrent weights.",
        HIDDEN, lstmWeights(HIDDEN), rnnUnits, rnnWeights(rnnUnits)));

//%% md
## Training, with replicates

Every run: Adam 3e-3, gradients clipped at norm 1, batches of 50, the weights of the epoch with
the best validation loss kept.

//%% code
Experiment setup(Stack stack, String name, long seed) {
    return Experiment.of(stack, adding).name(name).adam(3e-3).clipNorm(1.0).epochs(EPOCHS).batch(50).seed(seed);
}
double solvedShare(Run run) {
    float[][] p = run.predict(adding.test()), t = run.truth(adding.test());
    int ok = 0;
    for (int i = 0; i < p.length; i++) if (Math.abs(p[i][0] - t[i][0]) < 0.04) ok++;
    return ok / (double) p.length;
}
var lstmRmse = new ArrayList<Double>();
var rnnRmse = new ArrayList<Double>();
var lstmSolved = new ArrayList<Double>();
var rnnSolved = new ArrayList<Double>();
Run lastLstm = null, lastRnn = null;
long lstmParams = 0, rnnParams = 0;
for (int k = 0; k < REPLICATES; k++) {
    try (Run l = setup(Stack.lstm(HIDDEN), "LSTM(" + HIDDEN + ") seed " + (SEED + k), SEED + k).train();
         Run r = setup(Stack.rnn(rnnUnits), "RNN(" + rnnUnits + ") seed " + (SEED + k), SEED + k).train()) {
        lstmRmse.add(l.metric("rmse"));
        rnnRmse.add(r.metric("rmse"));
        lstmSolved.add(solvedShare(l));
        rnnSolved.add(solvedShare(r));
        lstmParams = l.network().parameterCount();
        rnnParams = r.network().parameterCount();
        if (k == REPLICATES - 1) {
            display(Plots.loss(l, r));
        }
    }
}
System.out.println(String.format(Locale.ROOT, "Parameters in all: LSTM %d, RNN %d.", lstmParams, rnnParams));

//%% md
## Verdict from the replicates

For each model: the mean test RMSE over the seeds with a 95% t interval (for 3 seeds the interval
is wide: t = 4.30), and the share of test sequences solved. The LSTM is called better only when
its whole interval lies below the RNN's; otherwise the printed verdict says that no difference was
detectable with this many seeds.

//%% code
double mean(List<Double> v) { return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN); }
double half(List<Double> v) {
    int n = v.size();
    if (n < 2) return Double.NaN;
    double m = mean(v), s = 0;
    for (double d : v) s += (d - m) * (d - m);
    double[] t95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};
    return (n - 1 <= t95.length ? t95[n - 2] : 1.96) * Math.sqrt(s / (n - 1) / n);
}
var summary = Table.create("adding problem, T = " + T + ", " + REPLICATES + " seeds",
        StringColumn.create("model", "LSTM(" + HIDDEN + ")", "RNN(" + rnnUnits + ")"),
        DoubleColumn.create("mean test RMSE", mean(lstmRmse), mean(rnnRmse)),
        DoubleColumn.create("95% CI +-", half(lstmRmse), half(rnnRmse)),
        DoubleColumn.create("solved share (|error| < 0.04)", mean(lstmSolved), mean(rnnSolved)),
        DoubleColumn.create("parameters", lstmParams, rnnParams));
display(summary);
boolean lstmBetter = mean(lstmRmse) + half(lstmRmse) < mean(rnnRmse) - half(rnnRmse);
boolean rnnBetter = mean(rnnRmse) + half(rnnRmse) < mean(lstmRmse) - half(lstmRmse);
System.out.println(lstmBetter ? "Verdict: the LSTM's test error is lower than the RNN's; the 95% intervals over seeds do not overlap."
        : rnnBetter ? "Verdict: the RNN's test error is lower than the LSTM's; the 95% intervals over seeds do not overlap."
        : "Verdict: no difference detectable with " + REPLICATES + " seeds; the 95% intervals overlap.");
System.out.println(String.format(Locale.ROOT, "Predicting the average would give an RMSE of about 0.408; the LSTM reached %.3f, the RNN %.3f.",
        mean(lstmRmse), mean(rnnRmse)));

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests).

//%% code
System.out.printf(Locale.ROOT, "lstm_rmse_mean = %.4f%n", mean(lstmRmse));
System.out.printf(Locale.ROOT, "lstm_rmse_half_interval = %.4f%n", half(lstmRmse));
System.out.printf(Locale.ROOT, "rnn_rmse_mean = %.4f%n", mean(rnnRmse));
System.out.printf(Locale.ROOT, "rnn_rmse_half_interval = %.4f%n", half(rnnRmse));
System.out.printf(Locale.ROOT, "lstm_solved = %.4f%n", mean(lstmSolved));
System.out.printf(Locale.ROOT, "rnn_solved = %.4f%n", mean(rnnSolved));
System.out.printf(Locale.ROOT, "lstm_parameters = %d%n", lstmParams);
System.out.printf(Locale.ROOT, "rnn_parameters = %d%n", rnnParams);
System.out.printf(Locale.ROOT, "lstm_better = %d%n", lstmBetter ? 1 : 0);

//%% md
## Try next

- Raise `T` to 100 or 200: the RNN's error should stay at the average's while the LSTM needs more
  epochs.
- Set `REPLICATES` to 5 or more for narrower intervals.
- Replace `Stack.lstm(HIDDEN)` by `Stack.gru(HIDDEN)`.
