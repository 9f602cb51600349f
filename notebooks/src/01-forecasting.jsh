//%% md
# Forecasting with recurrent networks: airline passengers and sunspots

A forecaster is only as good as the simplest thing it beats. For a monthly series the simplest
forecast of all is **naive**: next month will be like this month. It costs nothing, it is hard to
beat one step ahead, and a network that does not beat it has learned nothing useful, however
low its training loss. So every result in this notebook is read against the naive forecast,
measured on the same test months.

The data are the classic Box and Jenkins airline series: monthly international passengers,
1949 to 1960, in thousands. They grow year after year and swing with the seasons. That growth
is a trap. We fit scaling on the training years only (anything else would leak the future into
training), so the test years lie *above* everything the network saw, and a recurrent network
whose outputs are bounded by saturating activations struggles to reach them. The remedy is old
and simple: model the **changes** from month to month rather than the levels, and add the
predicted change to the last known value. `Series.difference()` does exactly that, and reports
every metric back in thousands of passengers.

We then compare four forecasters on the same windows: the naive forecast, a shallow (one-layer)
LSTM, a deep LSTM (three layers with residual links, layer norm, dropout and attention pooling)
and a one-layer GRU, and look at what the extra depth costs in parameters and training time.
A second, longer series (sunspots, monthly since 1749) closes the notebook.

**What to look at:** the comparison table (parameters, seconds, test error), whether each model
beats the naive line, and where in the test years the forecasts miss.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int EPOCHS = 80;          // upper bound; early stopping usually ends training sooner
int PATIENCE = 25;        // epochs without a better validation loss before stopping
int HIDDEN = 32;          // units per recurrent layer
int DEEP_LAYERS = 3;      // layers of the deep LSTM
int WINDOW = 12;          // months each forecast sees
long SEED = 42;           // one seed drives initialisation, dropout and shuffling
int SUN_EPOCHS = 8;       // epochs for the sunspot GRU
int SUN_WINDOW = 24;      // months each sunspot forecast sees

//%% md
## The data, and the naive baseline

`windows(WINDOW)` cuts the series into overlapping windows of `WINDOW` months, each followed by the
month to predict. The split is chronological: the first 70% of the months train, the next 15%
validate (early stopping watches them), the last 15% test. Printing a `Series` shows its whole
configuration and how many windows each part holds.

//%% code
var air = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
        .windows(WINDOW).scale(STANDARD).difference().split(0.7, 0.15);
air

//%% code
var test = air.test();
double naiveRmse = Metrics.rmse(air.truth(test), air.naive(test));
double driftRmse = Metrics.rmse(air.truth(test), air.drift(test));
System.out.printf(Locale.ROOT, "Naive forecast (next month = this month), test RMSE: %.1f thousand passengers%n", naiveRmse);
System.out.println(String.format(Locale.ROOT, "Drift forecast (this month + the window's mean monthly change), test RMSE: %.1f", driftRmse));

//%% md
## The levels trap

First the tempting mistake: the same kind of LSTM trained on the passenger numbers themselves,
min-max scaled on the training years. The sentence printed below the chart says whether it beats
the naive forecast; the chart shows why it does or does not: look at the test months on the
right, and whether the forecast reaches up to them.

//%% code
var levels = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
        .windows(WINDOW).scale(MIN_MAX).split(0.7, 0.15);
double levelsNaive = Metrics.rmse(levels.truth(levels.test()), levels.naive(levels.test()));
Run onLevels = Experiment.of(Stack.lstm(HIDDEN), levels).name("LSTM on levels")
        .adam(5e-3).clipNorm(1.0).epochs(EPOCHS).batch(16).earlyStop(PATIENCE).seed(SEED)
        .train();
display(Plots.predictions(onLevels));
System.out.println(String.format(Locale.ROOT, "LSTM on levels: test RMSE %.1f against the naive forecast's %.1f on the same months: it %s the naive forecast.",
        onLevels.metric("rmse"), levelsNaive, onLevels.metric("rmse") < levelsNaive ? "beats" : "does not beat"));

//%% md
## Three networks on the monthly changes

One helper fixes everything but the model, so the comparison is fair: Adam, gradient clipping
by norm, batches of 16 windows, early stopping on the validation months (the best epoch's
weights are restored) and one seed. Each `train()` shows its progress, then the summary of the
`Run` it returns: the model, the data, the training and the test metrics, with the loss curve.

//%% code
Experiment setup(Stack model, String name) {
    return Experiment.of(model, air).name(name)
            .adam(5e-3).clipNorm(1.0).epochs(EPOCHS).batch(16).earlyStop(PATIENCE).seed(SEED);
}

Run shallow = setup(Stack.lstm(HIDDEN), "shallow LSTM").train();
Run deep = setup(Stack.lstm(HIDDEN).layers(DEEP_LAYERS).residual().layerNorm().dropout(0.1).attention(), "deep LSTM").train();
Run gru = setup(Stack.gru(HIDDEN), "GRU").train();

//%% md
The comparison below is measured, not asserted: parameters are counted from the built
networks, seconds are wall-clock training time on this machine, and `test_rmse` and `test_mae`
are in thousands of passengers on the test months.

//%% code
var comparison = Compare.of(shallow, deep, gru);
comparison.table().selectColumns("name", "layers", "parameters", "train_seconds", "epochs", "best_val_loss", "test_rmse", "test_mae")

//%% code
for (Run r : List.of(shallow, deep, gru)) {
    double rmse = r.metric("rmse");
    System.out.printf(Locale.ROOT, "%-13s test RMSE %6.1f  (%s the naive forecast's %.1f by %.0f%%)%n", r.name(), rmse,
            rmse < naiveRmse ? "below" : "above", naiveRmse, 100 * Math.abs(naiveRmse - rmse) / naiveRmse);
}
Run best = Collections.min(List.of(shallow, deep, gru), Comparator.comparingDouble(r -> r.metric("rmse")));
System.out.println(String.format(Locale.ROOT, "Lowest test RMSE: %s, with %d parameters and %.1f s of training.",
        best.name(), best.network().parameterCount(), best.trainSeconds()));

//%% md
## Where the forecasts land

The first chart shows the whole series with the deep LSTM's one-step forecasts on the training,
validation and test windows; the dashed lines mark where validation and test begin. The second
zooms into the test months, the only ones no model saw during training. The loss curves below
them show how quickly each model learned and at which epoch early stopping kept its weights.

//%% code
display(Plots.predictions(deep));
display(Plots.predictions(deep, air.test()));
comparison.loss()

//%% md
## A longer series: monthly sunspots

Sunspot numbers rise and fall in a cycle of roughly eleven years, with no trend, so levels are
fine here (no differencing). There are far more months, which makes every epoch more expensive,
so a single GRU trains for a few epochs with larger batches. The same question applies: does it
beat the naive forecast on the test months?

//%% code
var sun = Series.csv("datasets/sunspots_monthly.csv", "sunspot_number")
        .windows(SUN_WINDOW).scale(STANDARD).split(0.7, 0.15);
double sunNaive = Metrics.rmse(sun.truth(sun.test()), sun.naive(sun.test()));
Run sunGru = Experiment.of(Stack.gru(HIDDEN), sun).name("sunspot GRU")
        .adam(3e-3).clipNorm(1.0).epochs(SUN_EPOCHS).batch(64).seed(SEED)
        .train();
System.out.println(sun);
System.out.printf(Locale.ROOT, "Sunspot GRU: test RMSE %.1f against the naive forecast's %.1f: it %s the naive forecast.%n",
        sunGru.metric("rmse"), sunNaive, sunGru.metric("rmse") < sunNaive ? "beats" : "does not beat");
Plots.predictions(sunGru, sun.test())

//%% md
## Results

The last cell prints every number this notebook reports, one per line, so they can be compared
between runs (and checked by SeqLab's tests).

//%% code
System.out.printf(Locale.ROOT, "air_naive_rmse = %.4f%n", naiveRmse);
System.out.printf(Locale.ROOT, "air_drift_rmse = %.4f%n", driftRmse);
System.out.printf(Locale.ROOT, "air_levels_naive_rmse = %.4f%n", levelsNaive);
System.out.printf(Locale.ROOT, "air_levels_lstm_rmse = %.4f%n", onLevels.metric("rmse"));
System.out.printf(Locale.ROOT, "air_shallow_lstm_rmse = %.4f%n", shallow.metric("rmse"));
System.out.printf(Locale.ROOT, "air_deep_lstm_rmse = %.4f%n", deep.metric("rmse"));
System.out.printf(Locale.ROOT, "air_gru_rmse = %.4f%n", gru.metric("rmse"));
System.out.printf(Locale.ROOT, "sun_naive_rmse = %.4f%n", sunNaive);
System.out.println(String.format(Locale.ROOT, "sun_gru_rmse = %.4f", sunGru.metric("rmse")));

//%% md
## Try next

- Set `WINDOW` to 24 and see whether two years of context help the deep LSTM.
- Remove `.difference()` from `air` and re-run: the same models now face the levels trap.
- Raise `DEEP_LAYERS` and watch parameters and seconds grow in the table; does the test error follow?
