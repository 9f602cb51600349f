//%% md
# Depth and its remedies

Stacking recurrent layers lets a network build features of features over time: the first layer
sees the raw series, the second sees the first layer's summary of it, and so on. Depth is also
expensive. Every layer adds parameters and, in a recurrent network, a whole sequential pass over
the time steps, so training time grows with depth. And a deep stack is harder to train: the
gradient must cross every layer on its way down, as well as every step back in time.

Three remedies are meant to make depth trainable:

- **residual links** add each layer's input to its output, so a layer only has to learn a
  correction and the gradient has a direct path down the stack;
- **layer normalisation** rescales each layer's output to zero mean and unit variance per step,
  which keeps the signal in the range where tanh and the sigmoid gates still have slope;
- **dropout** between layers randomly silences units during training, so the network cannot rely
  on any single one; it fights **overfitting**, the gap between what the model does on the data
  it trained on and on data it has not seen.

This notebook *measures* rather than asserts, and it measures more than once: every configuration
is trained with several seeds (`REPLICATES`), the same seeds for every configuration, by a
`Sweep`. LSTM stacks of 1, 2 and 4 layers on the airline passenger series (monthly changes, as in
the forecasting notebook), each plain and with residual links and layer norm; then the deepest
remedied stack with and without dropout, trained long enough to overfit.

**What to look at:** how parameters and seconds grow with depth; whether test error improves with
depth at all on a series this small, and with or without the remedies; the gap between training
and validation loss with and without dropout. A verdict is printed only when the 95% interval of
the seed-by-seed difference excludes zero; otherwise the notebook says that no difference is
detectable with this many seeds. One seed is an anecdote: with 22 test months, two runs of the
same model differ by more than many of the effects we look for.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int MAX_DEPTH = 4;        // depths 1, 2, 4, ... up to this
int EPOCHS = 40;          // epochs per model (no early stopping: the best epoch is still restored)
int HIDDEN = 16;          // units per layer
double DROPOUT = 0.3;     // for the dropout comparison
int OVERFIT_EPOCHS = 60;  // epochs for the dropout comparison
int REPLICATES = 5;       // seeds 1..REPLICATES, the same for every configuration

//%% code
var air = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
        .windows(12).scale(STANDARD).difference().split(0.7, 0.15);
double naiveRmse = Metrics.rmse(air.truth(air.test()), air.naive(air.test()));
// The sweep gives every trial its seed; the rest of the set-up is shared.
Experiment setup(Stack model, String name, int epochs) {
    return Experiment.of(model, air).name(name).adam(3e-3).clipNorm(1.0).epochs(epochs).batch(16);
}
System.out.println(air);
System.out.println(String.format(Locale.ROOT, "Naive forecast, test RMSE: %.1f thousand passengers", naiveRmse));

//%% md
## Depth, plain and remedied

Three depths, two variants, `REPLICATES` seeds each: one progress display for the whole sweep.
Each trial records its test errors, its training seconds and its parameter count.

//%% code
List<Integer> depths = new ArrayList<>();
for (int d = 1; d <= MAX_DEPTH; d *= 2) depths.add(d);
SweepResult depth = Sweep.over(Grid.of("layers", depths.toArray()).and("remedies", "plain", "residual + norm"))
        .replicates(REPLICATES).name("depth")
        .train(c -> {
            Stack s = Stack.lstm(HIDDEN).layers(c.getInt("layers"));
            if (c.getString("remedies").equals("residual + norm")) s = s.residual().layerNorm();
            return setup(s, c.label(), EPOCHS);
        });
System.out.println(depth);

//%% md
The summary has one row per configuration: the number of seeds, the mean, the standard deviation
and the 95% t interval of the mean, for the test RMSE (thousands of passengers) and the training
seconds.

//%% code
depth.summary().selectColumns("layers", "remedies", "rmse_n", "rmse_mean", "rmse_std", "rmse_ci95_low", "rmse_ci95_high",
        "train_seconds_mean", "parameters_mean")

//%% code
display(depth.chart("rmse", "layers"));
display(depth.scatter("rmse", "layers"));
depth.chart("train_seconds", "layers")

//%% md
The verdicts compare configurations seed by seed (a paired design: seed k starts both models from
their own initialisation under the same seed and shuffles the batches the same way), so the
interval is that of the mean difference.

//%% code
int deepest = depths.get(depths.size() - 1);
Map<String, Object> one = Map.of("layers", 1, "remedies", "plain");
Map<String, Object> deep = Map.of("layers", deepest, "remedies", "plain");
Map<String, Object> deepRemedied = Map.of("layers", deepest, "remedies", "residual + norm");
Difference deeper = depth.paired("rmse", deep, one);
Difference remedy = depth.paired("rmse", deepRemedied, deep);
System.out.println(deeper.sentence("test RMSE"));
System.out.println(remedy.sentence("test RMSE"));
for (Config c : depth.configs()) {
    Estimate e = depth.estimate("rmse", c.values());
    String against = e.n() < 2 ? "cannot be compared with the naive forecast (fewer than two seeds)"
            : e.high() < naiveRmse ? "beats the naive forecast" : e.low() > naiveRmse ? "is worse than the naive forecast"
            : "is not distinguishable from the naive forecast";
    System.out.println(String.format(Locale.ROOT, "%-32s test RMSE %s: %s (%.1f).", c.label(), e, against, naiveRmse));
}
double secondsOne = depth.median("train_seconds", one), secondsDeep = depth.median("train_seconds", deep);
System.out.println(String.format(Locale.ROOT,
        "Training time, median over %d seeds: %.2f s for 1 layer, %.2f s for %d layers (%.1fx), with %.0f against %.0f parameters.",
        REPLICATES, secondsOne, secondsDeep, deepest, secondsDeep / secondsOne,
        depth.estimate("parameters", deep).mean(), depth.estimate("parameters", one).mean()));

//%% md
## Overfitting against dropout

The deepest remedied stack has far more parameters than the series has training windows. Trained
for `OVERFIT_EPOCHS` epochs it can fit the training months ever more closely while the validation
months stop improving. The same model with dropout between its layers is trained next to it, with
the same seeds. The gap is the validation loss minus the training loss at the last epoch (larger
means more overfitting); the best epoch's weights are restored either way, so compare the test
errors too.

//%% code
Stack deepStack = Stack.lstm(HIDDEN).layers(MAX_DEPTH).residual().layerNorm();
double gap(Run r) {
    Table h = r.history();
    int last = h.rowCount() - 1;
    return h.doubleColumn("val_loss").get(last) - h.doubleColumn("train_loss").get(last);
}
SweepResult dropout = Sweep.over(Grid.of("dropout", 0.0, DROPOUT)).replicates(REPLICATES).name("dropout")
        .measure(c -> {
            double p = c.getDouble("dropout");
            try (Run r = setup(p == 0 ? deepStack : deepStack.dropout(p), "dropout " + p, OVERFIT_EPOCHS).seed(c.seed()).train()) {
                return Map.of("gap", gap(r), "rmse", r.metric("rmse"), "best_epoch", r.bestEpoch());
            }
        });
Difference narrower = dropout.paired("gap", Map.of("dropout", DROPOUT), Map.of("dropout", 0.0));
Difference better = dropout.paired("rmse", Map.of("dropout", DROPOUT), Map.of("dropout", 0.0));
System.out.println(narrower.sentence("last-epoch gap (validation - training loss)"));
System.out.println(better.sentence("test RMSE"));
dropout.summary()

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests): means over the
seeds, medians for seconds, and the 95% intervals of the paired differences.

//%% code
for (int d : depths) {
    Map<String, Object> p = Map.of("layers", d, "remedies", "plain");
    Map<String, Object> r = Map.of("layers", d, "remedies", "residual + norm");
    System.out.printf(Locale.ROOT, "plain_%d_rmse = %.4f%n", d, depth.estimate("rmse", p).mean());
    System.out.printf(Locale.ROOT, "remedied_%d_rmse = %.4f%n", d, depth.estimate("rmse", r).mean());
    System.out.printf(Locale.ROOT, "plain_%d_parameters = %.0f%n", d, depth.estimate("parameters", p).mean());
    System.out.printf(Locale.ROOT, "plain_%d_seconds = %.3f%n", d, depth.median("train_seconds", p));
}
System.out.printf(Locale.ROOT, "naive_rmse = %.4f%n", naiveRmse);
System.out.printf(Locale.ROOT, "replicates = %d%n", REPLICATES);
System.out.printf(Locale.ROOT, "depth_diff_low = %.4f%ndepth_diff_high = %.4f%n", deeper.estimate().low(), deeper.estimate().high());
System.out.printf(Locale.ROOT, "remedy_diff_low = %.4f%nremedy_diff_high = %.4f%n", remedy.estimate().low(), remedy.estimate().high());
System.out.printf(Locale.ROOT, "gap_no_dropout = %.6f%n", dropout.estimate("gap", Map.of("dropout", 0.0)).mean());
System.out.printf(Locale.ROOT, "gap_dropout = %.6f%n", dropout.estimate("gap", Map.of("dropout", DROPOUT)).mean());
System.out.printf(Locale.ROOT, "gap_diff_low = %.6f%ngap_diff_high = %.6f%n", narrower.estimate().low(), narrower.estimate().high());

//%% md
## Try next

- Set `HIDDEN` to 64: does depth pay off once each layer is wider?
- Try `MAX_DEPTH` = 8 with and without the remedies.
- Raise `REPLICATES` to 10: do the intervals narrow enough to decide?
- Run the notebook itself as a sweep: `seqlab sweep notebooks/03-depth.ipynb --grid grid.json --parallel 2 -o out`.
- Replace `Stack.lstm` with `Stack.gru`: fewer parameters per layer; is it faster at every depth?
