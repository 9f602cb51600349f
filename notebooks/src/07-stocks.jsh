//%% md
# Stock prices, honestly

Stock indices are the classic temptation for sequence models: a long, clean, daily series, and the
promise of a forecast worth money. They are also the classic disappointment. If past prices
predicted future prices in any simple way, traders would already have used that and, in doing so,
removed it; what is left looks very much like a **random walk**, for which the best forecast of
tomorrow's price is today's price.

So the question of this notebook is not "how good is the LSTM?" but "is it better than doing
nothing clever?". Two baselines set the bar:

- **naive**: every day of the horizon equals the last close;
- **drift**: the last close plus the window's average daily change, carried forward.

The data are daily closes of four European indices (DAX, SMI, CAC, FTSE) from 1991 to 1998, in
trading days. We forecast the DAX `HORIZON` trading days ahead from the last `WINDOW` days,
modelling daily changes (`difference()`) because prices trend out of any range seen in training,
and compare two LSTMs (the DAX alone, and all four indices as inputs) with the baselines on the
test period, step by step over the horizon.

**What to look at:** the table of errors per horizon step, and the verdict printed from it. Read
the verdict as it comes: on data like these, not beating the naive forecast is an honest and
common result, not a bug.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int HORIZON = 5;          // trading days forecast at once
int WINDOW = 30;          // trading days each forecast sees
int EPOCHS = 30;          // upper bound; early stopping usually ends training sooner
int PATIENCE = 8;
int HIDDEN = 32;
long SEED = 42;
int REPLICATES = 5;       // seeds 1..REPLICATES for the verdict (each LSTM trained once per seed)

//%% md
## Data and baselines

The split is chronological: the first 70% of the days train, the next 15% validate, the last 15%
test. Errors are in DAX index points.

//%% code
var dax = Series.csv("datasets/eu_stock_markets_daily.csv", "DAX")
        .windows(WINDOW).horizon(HORIZON).scale(STANDARD).difference().split(0.7, 0.15);
var test = dax.test();
float[][] truth = dax.truth(test);
double naiveRmse = Metrics.rmse(truth, dax.naive(test));
double driftRmse = Metrics.rmse(truth, dax.drift(test));
System.out.println(dax);
System.out.println(String.format(Locale.ROOT, "Test RMSE over all %d steps: naive %.1f points, drift %.1f points.", HORIZON, naiveRmse, driftRmse));

//%% md
## Two LSTMs

Both models are trained the same way, with early stopping on the validation days. The second one
sees the daily changes of all four indices; if European markets led each other by a day, it could
use that.

//%% code
Experiment setup(Series data, String name) {
    return Experiment.of(Stack.lstm(HIDDEN), data).name(name)
            .adam(1e-3).clipNorm(1.0).epochs(EPOCHS).batch(32).earlyStop(PATIENCE).seed(SEED);
}
var daxAll = Series.csv("datasets/eu_stock_markets_daily.csv", "DAX").features("DAX", "SMI", "CAC", "FTSE")
        .windows(WINDOW).horizon(HORIZON).scale(STANDARD).difference().split(0.7, 0.15);
Run alone = setup(dax, "LSTM, DAX only").train();
Run withOthers = setup(daxAll, "LSTM, four indices").train();

//%% md
## Errors step by step

Each row is one step of the horizon (1 = the next trading day); each column a forecaster's RMSE
on the test windows, in DAX points. Errors grow with the horizon for everyone; the question is
the order of the columns.

//%% code
double[] perStep(float[][] t, float[][] p) {
    double[] out = new double[HORIZON];
    for (int h = 0; h < HORIZON; h++) {
        double s = 0;
        for (int i = 0; i < t.length; i++) s += (t[i][h] - p[i][h]) * (double) (t[i][h] - p[i][h]);
        out[h] = Math.sqrt(s / t.length);
    }
    return out;
}
float[][] alonePred = alone.predict(test);
float[][] othersPred = withOthers.predict(daxAll.test());
var steps = Table.create("test RMSE per horizon step (DAX points)",
        IntColumn.create("step", java.util.stream.IntStream.rangeClosed(1, HORIZON).toArray()),
        DoubleColumn.create("naive", perStep(truth, dax.naive(test))),
        DoubleColumn.create("drift", perStep(truth, dax.drift(test))),
        DoubleColumn.create("LSTM, DAX only", perStep(truth, alonePred)),
        DoubleColumn.create("LSTM, four indices", perStep(dax.truth(daxAll.test()), othersPred)));
steps

//%% md
A lower RMSE on one test period is not yet a better forecaster: the difference must be large
against the scatter of the errors from window to window. The **t statistic** below divides the
mean difference in squared error (model minus naive, per test window) by its standard error;
only a value below -2 counts as clearly better. It is a rough check (neighbouring windows
overlap, so they are not independent, which makes it too generous if anything).

//%% code
double aloneRmse = Metrics.rmse(truth, alonePred);
double othersRmse = Metrics.rmse(dax.truth(daxAll.test()), othersPred);
double bestBaseline = Math.min(naiveRmse, driftRmse);
double tStat(float[][] t, float[][] model, float[][] base) {
    int n = t.length;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
        for (int h = 0; h < t[i].length; h++) {
            d[i] += (Math.pow(t[i][h] - model[i][h], 2) - Math.pow(t[i][h] - base[i][h], 2)) / t[i].length;
        }
    }
    double mean = Arrays.stream(d).average().orElse(0);
    double var = Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
    return mean / Math.sqrt(var / n);
}
double aloneT = tStat(truth, alonePred, dax.naive(test));
double othersT = tStat(truth, othersPred, dax.naive(test));
for (var e : List.of(List.of("LSTM, DAX only", aloneRmse, aloneT), List.of("LSTM, four indices", othersRmse, othersT))) {
    System.out.println(String.format(Locale.ROOT, "%-19s seed %d: RMSE %.1f points (naive %.1f, drift %.1f), t = %.2f", e.get(0), SEED,
            (Double) e.get(1), naiveRmse, driftRmse, (Double) e.get(2)));
}

//%% md
One training seed is one draw: another seed gives another LSTM, and a t statistic below -2 on one
seed can be luck. The verdict therefore trains each LSTM with `REPLICATES` seeds (the same seeds
for both) and calls a model clearly better only when the whole 95% interval of its test RMSE over
the seeds lies below the better baseline and the interval of its t statistic lies below -2.

//%% code
SweepResult seeds = Sweep.over(Grid.of("inputs", "DAX only", "four indices")).replicates(REPLICATES).name("seeds")
        .measure(c -> {
            Series data = c.getString("inputs").equals("four indices") ? daxAll : dax;
            try (Run r = setup(data, "LSTM, " + c.getString("inputs")).seed(c.seed()).train()) {
                float[][] p = r.predict(data.test());
                return Map.of("rmse", Metrics.rmse(dax.truth(data.test()), p), "t", tStat(truth, p, dax.naive(test)));
            }
        });
boolean anyBeats = false;
Map<String, Estimate> rmseOver = new LinkedHashMap<>(), tOver = new LinkedHashMap<>();
for (Config c : seeds.configs()) {
    Estimate rmse = seeds.estimate("rmse", c.values()), t = seeds.estimate("t", c.values());
    rmseOver.put(c.getString("inputs"), rmse);
    tOver.put(c.getString("inputs"), t);
    boolean clearly = rmse.n() >= 2 && rmse.high() < bestBaseline && t.high() < -2;
    anyBeats |= clearly;
    System.out.println(String.format(Locale.ROOT, "LSTM, %-12s over %d seeds: RMSE %s, t %s: %s", c.getString("inputs"), rmse.n(), rmse, t,
            clearly ? "clearly better than both baselines."
                    : rmse.n() >= 2 && rmse.high() < bestBaseline ? "lower RMSE than the baselines, but not clearly better."
                    : "not distinguishable from the better baseline, or worse."));
}
System.out.println(anyBeats
        ? "Verdict over " + REPLICATES + " seeds: on this test period an LSTM clearly beats both baselines."
        : "Verdict over " + REPLICATES + " seeds: on this test period neither LSTM clearly beats the naive forecast; the random walk is as good a forecaster here.");

//%% md
## What a forecast looks like

One test window: the days the model saw, the true next days, its forecast and the naive one. The
second chart shows the one-day-ahead forecasts over the whole test period: compare them with the
truth and notice how closely a forecast that has learned little tracks the previous day's close.

//%% code
display(Plots.horizon(alone, test, test.size() / 2));
Plots.predictions(alone, test)

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests).

//%% code
System.out.printf(Locale.ROOT, "naive_rmse = %.4f%n", naiveRmse);
System.out.printf(Locale.ROOT, "drift_rmse = %.4f%n", driftRmse);
System.out.printf(Locale.ROOT, "lstm_dax_rmse = %.4f%n", aloneRmse);
System.out.printf(Locale.ROOT, "lstm_four_rmse = %.4f%n", othersRmse);
System.out.printf(Locale.ROOT, "lstm_dax_t = %.4f%n", aloneT);
System.out.printf(Locale.ROOT, "lstm_four_t = %.4f%n", othersT);
System.out.printf(Locale.ROOT, "replicates = %d%n", REPLICATES);
System.out.printf(Locale.ROOT, "lstm_dax_rmse_ci_high = %.4f%nlstm_four_rmse_ci_high = %.4f%n", rmseOver.get("DAX only").high(), rmseOver.get("four indices").high());
System.out.printf(Locale.ROOT, "lstm_dax_t_ci_high = %.4f%nlstm_four_t_ci_high = %.4f%n", tOver.get("DAX only").high(), tOver.get("four indices").high());
System.out.println(String.format(Locale.ROOT, "clearly_beats_baselines = %d", anyBeats ? 1 : 0));

//%% md
## Try next

- Set `HORIZON` to 1: is the next day any easier to beat the naive forecast on?
- Forecast the FTSE instead (change the target column): does the verdict change?
- Raise `HIDDEN` and `EPOCHS`: a bigger model fits the training days better; does the test verdict move?
