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

This notebook *measures* rather than asserts: LSTM stacks of 1, 2, 4 and 8 layers on the airline
passenger series (monthly changes, as in the forecasting notebook), each plain and with residual
links and layer norm, with parameters and training seconds counted; then the deepest stack with
and without dropout, trained long enough to overfit.

**What to look at:** how parameters and seconds grow with depth; whether test error improves with
depth at all on a series this small, and with or without the remedies; the gap between training
and validation loss with and without dropout. The remedies are not free either (layer norm adds
work at every step), and on a small series a remedy can just as well not help: the printed
verdicts say which way it went here. Everything is one seed and one split, with 22 test months;
re-run with other `SEED` values before trusting a small difference.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int MAX_DEPTH = 8;        // depths 1, 2, 4, ... up to this
int EPOCHS = 40;          // epochs per model (no early stopping: the best epoch is still restored)
int HIDDEN = 16;          // units per layer
double DROPOUT = 0.3;     // for the dropout comparison
int OVERFIT_EPOCHS = 80;  // epochs for the dropout comparison
long SEED = 42;

//%% code
var air = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
        .windows(12).scale(STANDARD).difference().split(0.7, 0.15);
double naiveRmse = Metrics.rmse(air.truth(air.test()), air.naive(air.test()));
Experiment setup(Stack model, String name, int epochs) {
    return Experiment.of(model, air).name(name).adam(3e-3).clipNorm(1.0).epochs(epochs).batch(16).seed(SEED);
}
System.out.println(air);
System.out.println(String.format(Locale.ROOT, "Naive forecast, test RMSE: %.1f thousand passengers", naiveRmse));

//%% md
## Depth, plain and remedied

Eight trainings (four depths, two variants). Each prints its summary as it finishes.

//%% code
List<Integer> depths = new ArrayList<>();
for (int d = 1; d <= MAX_DEPTH; d *= 2) depths.add(d);
List<Run> plain = new ArrayList<>();
List<Run> remedied = new ArrayList<>();
for (int d : depths) {
    plain.add(setup(Stack.lstm(HIDDEN).layers(d), "plain, " + d + (d == 1 ? " layer" : " layers"), EPOCHS).train());
    remedied.add(setup(Stack.lstm(HIDDEN).layers(d).residual().layerNorm(), "residual + norm, " + d + (d == 1 ? " layer" : " layers"), EPOCHS).train());
}

//%% md
The table lists every run: parameters counted from the built network, training seconds measured
on this machine, the best validation loss (scaled units) and the test errors in thousands of
passengers.

//%% code
List<Run> all = new ArrayList<>(plain);
all.addAll(remedied);
Compare.of(all.toArray(new Run[0])).table()
        .selectColumns("name", "layers", "parameters", "train_seconds", "best_val_loss", "test_rmse", "test_mae")

//%% code
double[] x = depths.stream().mapToDouble(d -> d).toArray();
XYChart errors = new XYChartBuilder().width(720).height(420).title("Test RMSE against depth")
        .xAxisTitle("LSTM layers").yAxisTitle("test RMSE (thousands of passengers)").build();
errors.addSeries("plain", x, plain.stream().mapToDouble(r -> r.metric("rmse")).toArray());
errors.addSeries("residual + layer norm", x, remedied.stream().mapToDouble(r -> r.metric("rmse")).toArray());
errors.addSeries("naive forecast", new double[] {x[0], x[x.length - 1]}, new double[] {naiveRmse, naiveRmse});
XYChart cost = new XYChartBuilder().width(720).height(420).title("Training time against depth")
        .xAxisTitle("LSTM layers").yAxisTitle("training seconds (" + EPOCHS + " epochs)").build();
cost.addSeries("plain", x, plain.stream().mapToDouble(Run::trainSeconds).toArray());
cost.addSeries("residual + layer norm", x, remedied.stream().mapToDouble(Run::trainSeconds).toArray());
display(Figure.of(errors));
Figure.of(cost)

//%% code
Run shallowest = plain.get(0), deepest = plain.get(plain.size() - 1);
System.out.println(String.format(Locale.ROOT, "%d layers against 1: %.1fx the parameters (%d against %d) and %.1fx the training time.",
        depths.get(depths.size() - 1), (double) deepest.network().parameterCount() / shallowest.network().parameterCount(),
        deepest.network().parameterCount(), shallowest.network().parameterCount(), deepest.trainSeconds() / shallowest.trainSeconds()));
Run bestPlain = Collections.min(plain, Comparator.comparingDouble(r -> r.metric("rmse")));
Run bestRemedied = Collections.min(remedied, Comparator.comparingDouble(r -> r.metric("rmse")));
System.out.println(String.format(Locale.ROOT, "Lowest test RMSE, plain: %s (%.1f); with residual links and layer norm: %s (%.1f); naive: %.1f.",
        bestPlain.name(), bestPlain.metric("rmse"), bestRemedied.name(), bestRemedied.metric("rmse"), naiveRmse));
System.out.println(String.format(Locale.ROOT, "Here the deepest stack is %s the single layer, and residual links with layer norm %s the best plain stack.",
        deepest.metric("rmse") < shallowest.metric("rmse") ? "more accurate than" : "no more accurate than",
        bestRemedied.metric("rmse") < bestPlain.metric("rmse") ? "beat" : "did not beat"));

//%% md
## Overfitting against dropout

The deepest remedied stack has far more parameters than the series has training windows. Trained
for `OVERFIT_EPOCHS` epochs it can fit the training months ever more closely while the validation
months stop improving. The same model with dropout between its layers is trained next to it. The
printed gap is the validation loss minus the training loss at the last epoch (larger means more
overfitting); the best epoch's weights are restored either way, so compare the test errors too.

//%% code
Stack deepStack = Stack.lstm(HIDDEN).layers(MAX_DEPTH).residual().layerNorm();
Run noDropout = setup(deepStack, "no dropout", OVERFIT_EPOCHS).train();
Run withDropout = setup(deepStack.dropout(DROPOUT), "dropout " + DROPOUT, OVERFIT_EPOCHS).train();
double gap(Run r) {
    Table h = r.history();
    int last = h.rowCount() - 1;
    return h.doubleColumn("val_loss").get(last) - h.doubleColumn("train_loss").get(last);
}
for (Run r : List.of(noDropout, withDropout)) {
    System.out.println(String.format(Locale.ROOT, "%-12s last-epoch gap (validation - training loss) %.4f, best epoch %d, test RMSE %.1f",
            r.name(), gap(r), r.bestEpoch(), r.metric("rmse")));
}
System.out.println(String.format(Locale.ROOT, "Here dropout %s the gap and %s the test error.",
        gap(withDropout) < gap(noDropout) ? "narrowed" : "did not narrow",
        withDropout.metric("rmse") < noDropout.metric("rmse") ? "lowered" : "did not lower"));
Compare.of(noDropout, withDropout).loss()

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests).

//%% code
for (int k = 0; k < depths.size(); k++) {
    System.out.printf(Locale.ROOT, "plain_%d_rmse = %.4f%n", depths.get(k), plain.get(k).metric("rmse"));
    System.out.printf(Locale.ROOT, "remedied_%d_rmse = %.4f%n", depths.get(k), remedied.get(k).metric("rmse"));
    System.out.printf(Locale.ROOT, "plain_%d_parameters = %d%n", depths.get(k), plain.get(k).network().parameterCount());
    System.out.printf(Locale.ROOT, "plain_%d_seconds = %.3f%n", depths.get(k), plain.get(k).trainSeconds());
}
System.out.printf(Locale.ROOT, "naive_rmse = %.4f%n", naiveRmse);
System.out.printf(Locale.ROOT, "gap_no_dropout = %.6f%n", gap(noDropout));
System.out.println(String.format(Locale.ROOT, "gap_dropout = %.6f", gap(withDropout)));

//%% md
## Try next

- Set `HIDDEN` to 64: does depth pay off once each layer is wider?
- Try `MAX_DEPTH` = 16 with and without the remedies.
- Replace `Stack.lstm` with `Stack.gru`: fewer parameters per layer; is it faster at every depth?
