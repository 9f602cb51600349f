//%% md
# Forecasting with recurrent networks: airline passengers and sunspots

A forecaster is only as good as the simplest thing it beats. For a monthly series the simplest
forecast of all is **naive**: next month will be like this month. It costs nothing, it is hard to
beat one step ahead, and a network that does not beat it has learned nothing useful, however
low its training loss. For a seasonal series the baseline forecasting papers report first is
**seasonal naive**: next January will be like this January. So every result in this notebook is
read against these baselines, measured on the same test months.

The data are the classic Box and Jenkins airline series: monthly international passengers,
1949 to 1960, in thousands. They grow year after year and swing with the seasons. That growth
is a trap. We fit scaling on the training years only (anything else would leak the future into
training), so the test years lie *above* everything the network saw, and a recurrent network
whose outputs are bounded by saturating activations struggles to reach them. The remedy is old
and simple: model the **changes** from month to month rather than the levels, and add the
predicted change to the last known value. `Series.difference()` does exactly that, and reports
every metric back in thousands of passengers.

We then compare the baselines with a shallow (one-layer) LSTM, a deep LSTM (three layers with
residual links, layer norm, dropout and attention pooling) and a one-layer GRU, and look at what
the extra depth costs in parameters and training time. A network's test error depends on the
seed that drew its initial weights and shuffled its batches, so every network is trained with
`SEEDS` seeds, and a verdict is printed only when the 95% interval of its mean error (a t
interval over the seeds) lies entirely on one side of the baseline; otherwise the notebook says
that no difference is detectable with that many seeds. The interval covers the variation from
seed to seed on these test months only, not what other test years would give. A section on forecasting six months at
once shows the error at each step of the horizon, and a second, longer series (sunspots, monthly
since 1749) closes the notebook.

**What to look at:** the comparison table (parameters, seconds, test error), the intervals and
verdicts against the baselines, the errors step by step, and where in the test years the
forecasts miss.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int EPOCHS = 80;          // upper bound; early stopping usually ends training sooner
int PATIENCE = 25;        // epochs without a better validation loss before stopping
int HIDDEN = 32;          // units per recurrent layer
int DEEP_LAYERS = 3;      // layers of the deep LSTM
int WINDOW = 12;          // months each forecast sees
long SEED = 42;           // the first seed; one seed drives initialisation, dropout and shuffling
int SEEDS = 5;            // seeds per network: SEED, SEED + 1, ...
int PERIOD = 12;          // season length of the seasonal naive forecast (months)
int HORIZON = 6;          // months forecast at once in the multi-step section
int SUN_EPOCHS = 8;       // epochs for the sunspot GRU
int SUN_WINDOW = 24;      // months each sunspot forecast sees

//%% md
## The data, and the baselines

`windows(WINDOW)` cuts the series into overlapping windows of `WINDOW` months, each followed by the
month to predict. The split is chronological: the first 70% of the months train, the next 15%
validate (early stopping watches them), the last 15% test. Printing a `Series` shows its whole
configuration and how many windows each part holds. The three baselines need no training and no
seed: naive repeats the last month, seasonal naive repeats the same month a year earlier
(`PERIOD` months back), drift extends the window's average monthly change.

//%% code
var air = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
        .windows(WINDOW).scale(STANDARD).difference().split(0.7, 0.15);
air

//%% code
var test = air.test();
double naiveRmse = Metrics.rmse(air.truth(test), air.naive(test));
double seasonalRmse = Metrics.rmse(air.truth(test), air.seasonalNaive(test, PERIOD));
double driftRmse = Metrics.rmse(air.truth(test), air.drift(test));
System.out.printf(Locale.ROOT, "Naive forecast (next month = this month), test RMSE: %.1f thousand passengers%n", naiveRmse);
System.out.printf(Locale.ROOT, "Seasonal naive forecast (next month = the same month %d months earlier), test RMSE: %.1f%n", PERIOD, seasonalRmse);
System.out.println(String.format(Locale.ROOT, "Drift forecast (this month + the window's mean monthly change), test RMSE: %.1f", driftRmse));

//%% md
Replicates: `replicate` trains one experiment with `SEEDS` seeds and keeps the runs. The first
seed's training shows its progress and its run's summary; the other seeds train inside
`Quietly.run` (no live display) and the helper prints each seed's test RMSE on one line instead.
`Interval` holds the mean of a measure over the seeds and its 95% t interval; `verdict` compares
an interval with a baseline's value and says "no difference detectable" when the interval
contains it.

//%% code
List<Run> replicate(Experiment e) {
    List<Run> runs = new ArrayList<>();
    for (int k = 0; k < SEEDS; k++) {
        Experiment one = e.seed(SEED + k).name(e.name() + " s" + (SEED + k));
        runs.add(k == 0 ? one.train() : Quietly.run(one::train));
    }
    System.out.println(e.name() + ", test RMSE per seed " + SEED + " to " + (SEED + SEEDS - 1) + ": "
            + runs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.metric("rmse"))).collect(java.util.stream.Collectors.joining(", ")));
    return runs;
}
record Interval(double mean, double lo, double hi, int n) {
    // Two-sided 95% quantiles of Student's t for 1 to 9 degrees of freedom, then the normal's.
    static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262};
    static Interval of(double[] x) {
        int n = x.length;
        double mean = Arrays.stream(x).average().orElse(Double.NaN);
        if (n < 2) return new Interval(mean, Double.NaN, Double.NaN, n);
        double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
        double half = (n - 1 <= T975.length ? T975[n - 2] : 1.96) * sd / Math.sqrt(n);
        return new Interval(mean, mean - half, mean + half, n);
    }
    public String toString() {
        return Double.isNaN(lo) ? String.format(Locale.ROOT, "%.1f (1 seed, no interval)", mean)
                : String.format(Locale.ROOT, "%.1f (95%% interval %.1f to %.1f, %d seeds)", mean, lo, hi, n);
    }
}
Interval rmseOf(List<Run> runs) {
    return Interval.of(runs.stream().mapToDouble(r -> r.metric("rmse")).toArray());
}
String verdict(Interval i, double baseline, String name) {
    if (Double.isNaN(i.lo())) return "one seed cannot show a difference from the " + name + " forecast";
    if (i.hi() < baseline) return "it beats the " + name + " forecast";
    if (i.lo() > baseline) return "it does not beat the " + name + " forecast";
    return "no difference from the " + name + " forecast detectable with " + i.n() + " seeds";
}

//%% md
## The levels trap

First the tempting mistake: the same kind of LSTM trained on the passenger numbers themselves,
min-max scaled on the training years, with each of the `SEEDS` seeds. The sentence printed below
the chart says whether it beats the naive forecast; the chart (the first seed's run) shows why it
does or does not: look at the test months on the right, and whether the forecast reaches up to
them.

//%% code
var levels = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
        .windows(WINDOW).scale(MIN_MAX).split(0.7, 0.15);
double levelsNaive = Metrics.rmse(levels.truth(levels.test()), levels.naive(levels.test()));
List<Run> onLevels = replicate(Experiment.of(Stack.lstm(HIDDEN), levels).name("LSTM on levels")
        .adam(5e-3).clipNorm(1.0).epochs(EPOCHS).batch(16).earlyStop(PATIENCE));
display(Plots.predictions(onLevels.get(0)));
Interval levelsRmse = rmseOf(onLevels);
System.out.println(String.format(Locale.ROOT, "LSTM on levels: test RMSE %s against the naive forecast's %.1f on the same months: %s.",
        levelsRmse, levelsNaive, verdict(levelsRmse, levelsNaive, "naive")));

//%% md
## Three networks on the monthly changes

One helper fixes everything but the model, so the comparison is fair: Adam, gradient clipping
by norm, batches of 16 windows, early stopping on the validation months (the best epoch's
weights are restored); `replicate` trains each with `SEEDS` seeds. Each `train()` shows its
progress while it runs.

//%% code
Experiment setup(Stack model, String name) {
    return Experiment.of(model, air).name(name)
            .adam(5e-3).clipNorm(1.0).epochs(EPOCHS).batch(16).earlyStop(PATIENCE);
}

List<Run> shallows = replicate(setup(Stack.lstm(HIDDEN), "shallow LSTM"));
List<Run> deeps = replicate(setup(Stack.lstm(HIDDEN).layers(DEEP_LAYERS).residual().layerNorm().dropout(0.1).attention(), "deep LSTM"));
List<Run> grus = replicate(setup(Stack.gru(HIDDEN), "GRU"));
Run shallow = shallows.get(0), deep = deeps.get(0), gru = grus.get(0);

//%% md
The comparison below is measured, not asserted: parameters are counted from the built
networks, seconds are wall-clock training time on this machine, and `test_rmse` and `test_mae`
are in thousands of passengers on the test months. It shows each network's first-seed run and,
below them, the three baselines on the same test months (no parameters, nothing trained).

//%% code
var comparison = Compare.of(shallow, deep, gru);
comparison.withBaselines(PERIOD).table()
        .selectColumns("name", "layers", "parameters", "train_seconds", "epochs", "best_val_loss", "test_rmse", "test_mae")

//%% md
Over all seeds: each network's mean test RMSE with its 95% interval, read against the naive and
the seasonal naive forecasts, and the deep LSTM against the shallow one (their difference seed by
seed, since both were trained with the same seeds).

//%% code
Interval shallowRmse = rmseOf(shallows), deepRmse = rmseOf(deeps), gruRmse = rmseOf(grus);
for (var e : List.of(Map.entry("shallow LSTM", shallowRmse), Map.entry("deep LSTM", deepRmse), Map.entry("GRU", gruRmse))) {
    System.out.println(String.format(Locale.ROOT, "%-13s test RMSE %s: %s; %s.", e.getKey(), e.getValue(),
            verdict(e.getValue(), naiveRmse, "naive"), verdict(e.getValue(), seasonalRmse, "seasonal naive")));
}
double[] deepMinusShallow = new double[SEEDS];
for (int k = 0; k < SEEDS; k++) deepMinusShallow[k] = deeps.get(k).metric("rmse") - shallows.get(k).metric("rmse");
Interval depthGain = Interval.of(deepMinusShallow);
System.out.println(String.format(Locale.ROOT, "Deep minus shallow LSTM, test RMSE: %s: %s.", depthGain,
        Double.isNaN(depthGain.lo()) ? "one seed cannot show a difference"
        : depthGain.hi() < 0 ? "the deep LSTM is more accurate"
        : depthGain.lo() > 0 ? "the deep LSTM is less accurate"
        : "no difference detectable with " + SEEDS + " seeds"));

//%% md
## Where the forecasts land

The first chart shows the whole series with the deep LSTM's one-step forecasts (first seed) on
the training, validation and test windows; the dashed lines mark where validation and test begin.
The second zooms into the test months, the only ones no model saw during training, with the three
baselines dashed beside the deep LSTM (x is the row of the series, 0 = January 1949). The loss
curves below them show how quickly each model learned and at which epoch early stopping kept its
weights.

//%% code
display(Plots.predictions(deep));
display(HorizonCharts.baselines(deep, air.test(), PERIOD));
comparison.loss()

//%% md
## Six months at once: the error at each step

A planner needs more than next month. Here every window forecasts the next `HORIZON` months at
once (the network's head has `HORIZON` outputs), and each step of the horizon gets its own error:
step 1 is next month, step `HORIZON` the month furthest ahead. The table holds the test RMSE and
MAE per step for the baselines and the first seed's LSTM, and in the row "all" the overall figure
over every step. The chart draws the RMSE column of each forecaster.

//%% code
var airH = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
        .windows(WINDOW).horizon(HORIZON).scale(STANDARD).difference().split(0.7, 0.15);
var testH = airH.test();
float[][] truthH = airH.truth(testH);
List<Run> multi = replicate(Experiment.of(Stack.lstm(HIDDEN), airH).name("LSTM " + HORIZON + " months")
        .adam(5e-3).clipNorm(1.0).epochs(EPOCHS).batch(16).earlyStop(PATIENCE));
var forecasts = new LinkedHashMap<String, float[][]>();
forecasts.put("naive", airH.naive(testH));
forecasts.put("seasonal naive", airH.seasonalNaive(testH, PERIOD));
forecasts.put("drift", airH.drift(testH));
forecasts.put("LSTM", multi.get(0).predict(testH));
var perStep = Metrics.byStep(truthH, forecasts);
display(perStep);
Plots.horizonErrors(perStep, "rmse")

//%% md
Over all seeds, step by step: the LSTM's mean test RMSE at each step with its 95% interval, next
to the seasonal naive forecast's RMSE at that step, and the verdict for each step.

//%% code
double[] seasonalSteps = Metrics.rmseByStep(truthH, airH.seasonalNaive(testH, PERIOD));
double[][] lstmSteps = new double[HORIZON][SEEDS];
for (int k = 0; k < SEEDS; k++) {
    double[] e = Metrics.rmseByStep(truthH, multi.get(k).predict(testH));
    for (int h = 0; h < HORIZON; h++) lstmSteps[h][k] = e[h];
}
var stepTable = Table.create("test RMSE per step over " + SEEDS + " seeds (thousands of passengers)",
        IntColumn.create("step"), DoubleColumn.create("LSTM mean"), DoubleColumn.create("LSTM 95% lo"),
        DoubleColumn.create("LSTM 95% hi"), DoubleColumn.create("seasonal naive"), StringColumn.create("verdict"));
List<Interval> stepIntervals = new ArrayList<>();
for (int h = 0; h < HORIZON; h++) {
    Interval i = Interval.of(lstmSteps[h]);
    stepIntervals.add(i);
    stepTable.intColumn(0).append(h + 1);
    stepTable.doubleColumn(1).append(i.mean());
    stepTable.doubleColumn(2).append(i.lo());
    stepTable.doubleColumn(3).append(i.hi());
    stepTable.doubleColumn(4).append(seasonalSteps[h]);
    stepTable.stringColumn(5).append(verdict(i, seasonalSteps[h], "seasonal naive"));
}
Interval multiRmse = rmseOf(multi);
System.out.println(String.format(Locale.ROOT, "All %d steps: LSTM test RMSE %s against the seasonal naive forecast's %.1f: %s.",
        HORIZON, multiRmse, Metrics.rmse(truthH, airH.seasonalNaive(testH, PERIOD)),
        verdict(multiRmse, Metrics.rmse(truthH, airH.seasonalNaive(testH, PERIOD)), "seasonal naive")));
stepTable

//%% md
## A longer series: monthly sunspots

Sunspot numbers rise and fall in a cycle of roughly eleven years, with no trend, so levels are
fine here (no differencing). There are far more months, which makes every epoch more expensive,
so a single GRU trains for a few epochs with larger batches, with one seed only: the cell prints
its test error next to the naive forecast's as a measurement, and draws no verdict from it.

//%% code
var sun = Series.csv("datasets/sunspots_monthly.csv", "sunspot_number")
        .windows(SUN_WINDOW).scale(STANDARD).split(0.7, 0.15);
double sunNaive = Metrics.rmse(sun.truth(sun.test()), sun.naive(sun.test()));
Run sunGru = Experiment.of(Stack.gru(HIDDEN), sun).name("sunspot GRU")
        .adam(3e-3).clipNorm(1.0).epochs(SUN_EPOCHS).batch(64).seed(SEED)
        .train();
System.out.println(sun);
System.out.printf(Locale.ROOT, "Sunspot GRU (seed %d only): test RMSE %.1f; naive forecast: %.1f.%n",
        SEED, sunGru.metric("rmse"), sunNaive);
Plots.predictions(sunGru, sun.test())

//%% md
## Results

The last cell prints every number this notebook reports, one per line, so they can be compared
between runs (and checked by SeqLab's tests).

//%% code
System.out.printf(Locale.ROOT, "air_naive_rmse = %.4f%n", naiveRmse);
System.out.printf(Locale.ROOT, "air_seasonal_naive_rmse = %.4f%n", seasonalRmse);
System.out.printf(Locale.ROOT, "air_drift_rmse = %.4f%n", driftRmse);
System.out.printf(Locale.ROOT, "air_levels_naive_rmse = %.4f%n", levelsNaive);
System.out.printf(Locale.ROOT, "seeds = %d%n", SEEDS);
// Networks: the mean over the seeds, and the 95% interval's ends (NaN with one seed).
for (var e : List.of(Map.entry("air_levels_lstm", levelsRmse), Map.entry("air_shallow_lstm", shallowRmse),
        Map.entry("air_deep_lstm", deepRmse), Map.entry("air_gru", gruRmse), Map.entry("air_deep_minus_shallow", depthGain),
        Map.entry("multi_lstm", multiRmse))) {
    System.out.printf(Locale.ROOT, "%s_rmse = %.4f%n%s_rmse_lo = %.4f%n%s_rmse_hi = %.4f%n", e.getKey(), e.getValue().mean(),
            e.getKey(), e.getValue().lo(), e.getKey(), e.getValue().hi());
}
System.out.printf(Locale.ROOT, "multi_seasonal_naive_rmse = %.4f%n", Metrics.rmse(truthH, airH.seasonalNaive(testH, PERIOD)));
System.out.printf(Locale.ROOT, "multi_seasonal_naive_step1_rmse = %.4f%n", seasonalSteps[0]);
System.out.printf(Locale.ROOT, "multi_seasonal_naive_last_step_rmse = %.4f%n", seasonalSteps[HORIZON - 1]);
System.out.printf(Locale.ROOT, "multi_lstm_step1_rmse = %.4f%n", stepIntervals.get(0).mean());
System.out.printf(Locale.ROOT, "multi_lstm_last_step_rmse = %.4f%n", stepIntervals.get(HORIZON - 1).mean());
System.out.printf(Locale.ROOT, "sun_naive_rmse = %.4f%n", sunNaive);
System.out.println(String.format(Locale.ROOT, "sun_gru_rmse = %.4f", sunGru.metric("rmse")));

//%% md
## Try next

- Set `WINDOW` to 24 and see whether two years of context help the deep LSTM.
- Remove `.difference()` from `air` and re-run: the same models now face the levels trap.
- Raise `DEEP_LAYERS` and watch parameters and seconds grow in the table; does the test error follow?
- Raise `SEEDS` and watch the intervals narrow: a difference too small to detect with five seeds
  may become detectable with twenty, or stay undetectable.
