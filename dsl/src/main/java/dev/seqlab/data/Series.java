package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.Locations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Numeric sliding windows over a table for forecasting: each sample is {@code window} rows of
 * the feature columns, and its targets are the next {@code horizon} values of the target column.
 *
 * <pre>{@code
 * var air = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
 *         .windows(24).horizon(1).scale(Scaling.MIN_MAX).split(0.7, 0.15);
 * }</pre>
 *
 * <p>Splits are chronological: with n rows, trainEnd = floor(n*train) and valEnd =
 * floor(n*(train+validation)). A window belongs to train when all its target rows are before
 * trainEnd, to validation when they all lie in [trainEnd, valEnd), and to test when its first
 * target row is at or after valEnd; windows whose targets straddle a boundary are left out.
 * Scaling is fitted per column on the rows before trainEnd only.
 *
 * <p>Instances are immutable: every configuring method returns a new {@code Series}. The windows
 * are built on the first call to {@link #spec()}, {@link #train()} and the like, then cached;
 * that is safe from several threads.
 */
public final class Series extends LazyData<Windows.Built> {

    private final Table table;
    private final String target;
    private final List<String> features;
    private final int window;
    private final int horizon;
    private final int stride;
    private final Scaling scaling;
    private final double trainFraction;
    private final double validationFraction;
    private final boolean differenced;

    private Series(Table table, String name, Path file, String target, List<String> features, int window,
            int horizon, int stride, Scaling scaling, double trainFraction, double validationFraction, boolean differenced) {
        super(name, file);
        this.table = table;
        this.target = target;
        this.features = List.copyOf(features);
        this.window = window;
        this.horizon = horizon;
        this.stride = stride;
        this.scaling = scaling;
        this.trainFraction = trainFraction;
        this.validationFraction = validationFraction;
        this.differenced = differenced;
    }

    /**
     * Reads a CSV file (header row required) and forecasts one of its numeric columns.
     *
     * @param path a path or a bundled data set, resolved with {@link Locations#resolve}
     * @param target the numeric column to forecast
     * @return a series with default settings (window 12, horizon 1, stride 1, MIN_MAX, 0.7/0.15)
     * @throws SeqLabException if the file or column is missing, not numeric or has missing values
     */
    public static Series csv(String path, String target) {
        return csv(path, target, CsvFormat.detect());
    }

    /**
     * Reads a CSV file with a given delimiter or decimal separator, for files that
     * {@link #csv(String, String)} cannot read unambiguously (such as {@code 1,234} in a
     * semicolon-separated file).
     *
     * @param path a path or a bundled data set, resolved with {@link Locations#resolve}
     * @param target the numeric column to forecast
     * @param format the delimiter and decimal separator, for example {@code CsvFormat.detect().delimiter(';').decimal(',')}
     * @return a series with default settings (window 12, horizon 1, stride 1, MIN_MAX, 0.7/0.15)
     * @throws SeqLabException as for {@link #csv(String, String)}
     */
    public static Series csv(String path, String target, CsvFormat format) {
        Path file = Locations.resolve(path);
        return create(Csv.read(file, format), file.getFileName().toString(), file, target);
    }

    /**
     * Forecasts a numeric column of a table already in memory.
     *
     * @param table the rows in time order
     * @param target the numeric column to forecast
     * @return a series with default settings (window 12, horizon 1, stride 1, MIN_MAX, 0.7/0.15)
     * @throws SeqLabException if the column is missing, not numeric or has missing values
     */
    public static Series of(Table table, String target) {
        SeqLabException.check(table != null, "The table is null; give a Tablesaw table such as Table.read().csv(...).");
        String name = table.name() == null || table.name().isBlank() ? "the table" : table.name();
        SeqLabException.check(table.rowCount() > 0, "Table '%s' has no rows; give a table with data.", name);
        return create(table, name, null, target);
    }

    private static Series create(Table table, String name, Path file, String target) {
        Columns.numeric(table, target, name);
        return new Series(table, name, file, target, List.of(target), 12, 1, 1, Scaling.MIN_MAX, 0.7, 0.15, false);
    }

    /**
     * Sets the input columns (the target may or may not be among them).
     *
     * @param columns numeric column names, in the order the model sees them
     * @return a new series
     * @throws SeqLabException if no column is given or one is missing, not numeric or incomplete
     */
    public Series features(String... columns) {
        SeqLabException.check(columns != null && columns.length > 0,
                "features() needs at least one column; name one such as '%s'.", target);
        Set<String> unique = new LinkedHashSet<>(Arrays.asList(columns));
        for (String c : unique) {
            Columns.numeric(table, c, name);
        }
        return new Series(table, name, file, target, new ArrayList<>(unique), window, horizon, stride, scaling,
                trainFraction, validationFraction, differenced);
    }

    /**
     * Sets the window length: how many past rows each sample sees.
     *
     * @param length rows per window, at least 1
     * @return a new series
     */
    public Series windows(int length) {
        SeqLabException.check(length >= 1, "Window length %d is below 1; use a window of 1 or more rows, such as 12.", length);
        return new Series(table, name, file, target, features, length, horizon, stride, scaling, trainFraction,
                validationFraction, differenced);
    }

    /**
     * Sets how many steps ahead are predicted.
     *
     * @param steps target steps per sample, at least 1
     * @return a new series
     */
    public Series horizon(int steps) {
        SeqLabException.check(steps >= 1, "Horizon %d is below 1; predict at least 1 step ahead.", steps);
        return new Series(table, name, file, target, features, window, steps, stride, scaling, trainFraction,
                validationFraction, differenced);
    }

    /**
     * Sets the distance in rows between the starts of consecutive windows.
     *
     * @param s the stride, at least 1 (1 = every possible window)
     * @return a new series
     */
    public Series stride(int s) {
        SeqLabException.check(s >= 1, "Stride %d is below 1; use a stride of 1 or more rows.", s);
        return new Series(table, name, file, target, features, window, horizon, s, scaling, trainFraction,
                validationFraction, differenced);
    }

    /**
     * Sets the scaling, fitted per column on the training rows.
     *
     * @param s the scaling
     * @return a new series
     */
    public Series scale(Scaling s) {
        SeqLabException.check(s != null, "Scaling is null; use Scaling.NONE, MIN_MAX or STANDARD.");
        return new Series(table, name, file, target, features, window, horizon, stride, s, trainFraction,
                validationFraction, differenced);
    }

    /**
     * Sets the chronological split; the test part gets the rest.
     *
     * @param train fraction of rows for training, in (0, 1)
     * @param validation fraction of rows for validation, in [0, 1)
     * @return a new series
     * @throws SeqLabException if a fraction is out of range or they leave no test part
     */
    public Series split(double train, double validation) {
        Fractions.check(train, validation);
        return new Series(table, name, file, target, features, window, horizon, stride, scaling, train, validation, differenced);
    }

    /**
     * Models changes instead of levels: every input column becomes its step-to-step difference
     * and the targets become the change from the window's last observed value. Predictions are
     * turned back into levels by adding those changes to that last value, so metrics stay in
     * the data's own units. Use it for trending series (prices, passenger counts), whose test
     * values lie outside the range seen in training and cannot be reached by a saturating RNN.
     *
     * @return a new series
     */
    public Series difference() {
        return new Series(table, name, file, target, features, window, horizon, stride, scaling, trainFraction,
                validationFraction, true);
    }

    /** @return whether inputs and targets are differences ({@link #difference()}) */
    public boolean isDifferenced() {
        return differenced;
    }

    @Override
    Windows.Built build() {
        double[][] cols = new double[features.size()][];
        for (int f = 0; f < cols.length; f++) {
            cols[f] = Columns.numeric(table, features.get(f), name);
        }
        return Windows.build(name, cols, values(), window, horizon, stride, scaling, trainFraction, validationFraction,
                differenced);
    }

    @Override
    String fingerprintInMemory() {
        return Fingerprint.ofTable(table);
    }

    /** {@inheritDoc} Regression with {@code outputs = horizon} and the target as the one label. */
    @Override
    public DataSpec spec() {
        built();
        return new DataSpec(Task.REGRESSION, window, features.size(), 0, horizon, horizon, List.of(target));
    }

    /**
     * {@inheritDoc} Inverts the target column's scaling; for a {@link #difference() differenced}
     * series also adds each sample's predicted change to its last observed value.
     */
    @Override
    public float[][] unscale(SeqSplit part, float[][] scaled) {
        Scaler s = built().target();
        SeqLabException.check(scaled.length == part.size(), "%d rows of predictions do not match the part's %d samples; predict the same part you unscale.",
                scaled.length, part.size());
        double[] v = differenced ? values() : null;
        int[] origin = differenced ? origins(part) : null;
        float[][] out = new float[scaled.length][];
        for (int i = 0; i < scaled.length; i++) {
            out[i] = new float[scaled[i].length];
            for (int j = 0; j < scaled[i].length; j++) {
                double x = s.invert(scaled[i][j]);
                out[i][j] = (float) (differenced ? v[origin[i] - 1] + x : x);
            }
        }
        return out;
    }

    /**
     * Returns the targets of a part in the data's own units, read from the raw column (not
     * unscaled floats), so errors are measured against the true values.
     *
     * @param part a split of this series
     * @return [N][horizon] true values
     */
    public float[][] truth(SeqSplit part) {
        double[] v = values();
        int[] origin = origins(part);
        float[][] out = new float[origin.length][horizon];
        for (int i = 0; i < origin.length; i++) {
            for (int h = 0; h < horizon; h++) {
                out[i][h] = (float) v[origin[i] + h];
            }
        }
        return out;
    }

    /**
     * The naive forecast: the last observed target value repeated over the horizon. A model that
     * does not beat it has learned nothing useful.
     *
     * @param part a split of this series
     * @return [N][horizon] forecasts in original units
     */
    public float[][] naive(SeqSplit part) {
        double[] v = values();
        int[] origin = origins(part);
        float[][] out = new float[origin.length][horizon];
        for (int i = 0; i < origin.length; i++) {
            Arrays.fill(out[i], (float) v[origin[i] - 1]);
        }
        return out;
    }

    /**
     * The drift forecast: the last value plus the window's average change per step, times the
     * steps ahead. With a window of 1 there is no change to average and it equals {@link #naive}.
     *
     * @param part a split of this series
     * @return [N][horizon] forecasts in original units
     */
    public float[][] drift(SeqSplit part) {
        double[] v = values();
        int[] origin = origins(part);
        float[][] out = new float[origin.length][horizon];
        for (int i = 0; i < origin.length; i++) {
            double last = v[origin[i] - 1];
            double slope = window > 1 ? (last - v[origin[i] - window]) / (window - 1) : 0;
            for (int h = 0; h < horizon; h++) {
                out[i][h] = (float) (last + slope * (h + 1));
            }
        }
        return out;
    }

    /**
     * The seasonal naive forecast: each step of the horizon equals the last observed value from
     * the same season, {@code y[T + h - period * (floor((h - 1) / period) + 1)]} for the last
     * observed row T (so with period 12 next January is this January, for any horizon). The
     * baseline forecasting papers report first for seasonal series. The season may lie before
     * the window: it is read from the series itself, never from the future.
     *
     * @param part a split of this series
     * @param period the season length in rows, for example 12 for monthly data, 7 for daily
     * @return [N][horizon] forecasts in original units
     * @throws SeqLabException if the period is below 1 or a sample has no full season before it
     */
    public float[][] seasonalNaive(SeqSplit part, int period) {
        SeqLabException.check(period >= 1, "Season length %d is below 1; use the rows per season, such as 12 for monthly data.", period);
        double[] v = values();
        int[] origin = origins(part);
        float[][] out = new float[origin.length][horizon];
        for (int i = 0; i < origin.length; i++) {
            SeqLabException.check(origin[i] - period >= 0,
                    "Seasonal naive with period %d needs %d rows before the first forecast, but this part starts forecasting at row %d; "
                            + "use a shorter period or a later part.", period, period, origin[i]);
            for (int h = 0; h < horizon; h++) {
                // h is 0-based here: the forecast of row origin + h, one or more whole seasons back.
                out[i][h] = (float) v[origin[i] + h - period * (h / period + 1)];
            }
        }
        return out;
    }

    private int[] origins(SeqSplit part) {
        SeqLabException.check(part != null && (part.size() == 0 || part.values() != null && part.timeSteps() == window),
                "That split does not come from this series; pass series.train(), validation() or test().");
        int[] origin = part.origin();
        for (int o : origin) {
            SeqLabException.check(o - window >= 0 && o + horizon <= table.rowCount(),
                    "That split does not come from this series; pass series.train(), validation() or test().");
        }
        return origin;
    }

    /**
     * Returns the raw target column.
     *
     * @return a copy of the target values in original units, one per row
     */
    public double[] values() {
        return Columns.numeric(table, target, name);
    }

    /**
     * Returns the first date, time or text column as strings, for axis labels.
     *
     * @return one label per row, or empty if the table has no such column
     */
    public Optional<List<String>> index() {
        for (Column<?> c : table.columns()) {
            ColumnType t = c.type();
            if (t == ColumnType.LOCAL_DATE || t == ColumnType.LOCAL_DATE_TIME || t == ColumnType.LOCAL_TIME
                    || t == ColumnType.INSTANT || t == ColumnType.STRING || t == ColumnType.TEXT) {
                List<String> out = new ArrayList<>(c.size());
                for (int i = 0; i < c.size(); i++) {
                    out.add(c.getString(i));
                }
                return Optional.of(List.copyOf(out));
            }
        }
        return Optional.empty();
    }

    /**
     * The exit to the layer below.
     *
     * @return the Tablesaw table this series reads (do not modify it)
     */
    public Table table() {
        return table;
    }

    /** @return the target column's name */
    public String target() {
        return target;
    }

    /** @return the feature column names, in input order */
    public List<String> features() {
        return features;
    }

    /** @return the number of rows in the table */
    public int rows() {
        return table.rowCount();
    }

    /** {@inheritDoc} Always empty: a series has no tokens. */
    @Override
    public List<String> vocabulary() {
        return List.of();
    }

    /**
     * Prints the whole configuration, defaults included, and the window counts per part (or why
     * the configuration cannot be built).
     */
    @Override
    public String toString() {
        String head = String.format(Locale.ROOT, "Series[%s target=%s features=%s window=%d horizon=%d stride=%d scale=%s difference=%s split=%s/%s/%s",
                name, target, features, window, horizon, stride, scaling, differenced, Fractions.format(trainFraction),
                Fractions.format(validationFraction), Fractions.format(1 - trainFraction - validationFraction));
        return describe(head, b -> String.format(Locale.ROOT, "train=%d val=%d test=%d windows",
                b.train().size(), b.validation().size(), b.test().size()));
    }
}
