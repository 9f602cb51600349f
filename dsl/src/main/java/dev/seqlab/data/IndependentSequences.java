package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A set of independent multichannel sequences, each with its own target: the simplest research
 * data set (the adding problem, labelled sensor recordings, one trajectory per patient), as
 * opposed to windows cut from one long series ({@link Series}).
 *
 * <p>From arrays, one sequence per index:
 *
 * <pre>{@code
 * var adding = IndependentSequences.regression(x, y);            // x float[n][T][F], y float[n]
 * var multi  = IndependentSequences.regression(x, y2);           // y2 float[n][k]: k outputs
 * var cls    = IndependentSequences.classification(x, labels);   // labels String[n]
 * Run run = Experiment.of(Stack.lstm(32), adding.split(0.8, 0.1).seed(1)).train();
 * }</pre>
 *
 * <p>From a long-format table (one row per sequence and step): {@link #table(Table, String,
 * String, String, String...)} groups rows by an id column, orders them by an order column, reads
 * the feature columns and takes one target per id.
 *
 * <p>Sequences may differ in length (ragged {@code x[i]} arrays, or ids with different row
 * counts): shorter ones are zero-padded at the end and the mask marks their real steps, so the
 * model's summary is taken at each sequence's own last step. Sequences are assigned to training,
 * validation and test at random with the seed (they are independent: no time order to keep).
 * Scaling (none by default) is fitted on the real steps of the training sequences only, so
 * nothing leaks from validation and test; regression targets are scaled likewise and mapped back
 * by {@link #unscale}.
 *
 * <p>This class is also the documented route for custom data: anything that can be put into
 * arrays becomes a {@link SequenceData} here; implementing {@link SequenceData} directly is the
 * route for data that needs more (see its comment).
 */
public final class IndependentSequences implements SequenceData {

    private final float[][][] x;
    private final float[][] y;
    private final int[] classes;
    private final List<String> names;
    private final String source;
    private final double train;
    private final double validation;
    private final long seed;
    private final Scaling scaling;
    private volatile Parts parts;

    private IndependentSequences(float[][][] x, float[][] y, int[] classes, List<String> names, String source, double train,
            double validation, long seed, Scaling scaling) {
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.names = names;
        this.source = source;
        this.train = train;
        this.validation = validation;
        this.seed = seed;
        this.scaling = scaling;
    }

    // ---------------------------------------------------------------- factories

    /**
     * Sequences with one real-valued target each.
     *
     * @param x inputs [n][T_i][F] (lengths may differ, at least 1 step)
     * @param y one target per sequence
     * @return the data, split 70/15/15 with seed 42 until told otherwise
     */
    public static IndependentSequences regression(float[][][] x, float[] y) {
        float[][] yy = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            yy[i] = new float[] {y[i]};
        }
        return regression(x, yy, List.of("target"));
    }

    /**
     * Sequences with k real-valued targets each (multivariate output).
     *
     * @param x inputs [n][T_i][F]
     * @param y targets [n][k]
     * @return the data
     */
    public static IndependentSequences regression(float[][][] x, float[][] y) {
        int k = y.length == 0 ? 1 : y[0].length;
        List<String> n = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            n.add("target" + (j + 1));
        }
        return regression(x, y, n);
    }

    private static IndependentSequences regression(float[][][] x, float[][] y, List<String> targetNames) {
        check(x, y.length);
        for (int i = 0; i < y.length; i++) {
            SeqLabException.check(y[i] != null && y[i].length == targetNames.size(),
                    "Sequence %d has %d targets but the first has %d; give every sequence the same number of targets.", i,
                    y[i] == null ? 0 : y[i].length, targetNames.size());
        }
        return new IndependentSequences(copy(x), copy(y), null, List.copyOf(targetNames), "arrays", 0.7, 0.15, 42, Scaling.NONE);
    }

    /**
     * Sequences with one class label each (class names sorted: numerically when all look like
     * numbers, else alphabetically).
     *
     * @param x inputs [n][T_i][F]
     * @param labels one label per sequence
     * @return the data
     */
    public static IndependentSequences classification(float[][][] x, String[] labels) {
        check(x, labels.length);
        boolean numeric = Arrays.stream(labels).allMatch(l -> l != null && l.matches("-?\\d+(\\.\\d+)?"));
        TreeSet<String> set = numeric ? new TreeSet<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                : new TreeSet<>();
        for (String l : labels) {
            SeqLabException.check(l != null, "A label is missing; give every sequence a label.");
            set.add(l);
        }
        SeqLabException.check(set.size() >= 2, "All %d sequences have the label '%s'; a classifier needs at least two classes.",
                labels.length, set.isEmpty() ? "" : set.first());
        List<String> n = List.copyOf(set);
        int[] c = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            c[i] = n.indexOf(labels[i]);
        }
        return new IndependentSequences(copy(x), null, c, n, "arrays", 0.7, 0.15, 42, Scaling.NONE);
    }

    /**
     * Sequences from a long-format table: one row per (sequence, step). Rows are grouped by the
     * id column (sequences in order of first appearance), sorted by the order column within a
     * sequence; the target must be the same on every row of a sequence. A numeric target gives
     * regression, a text target classification (use {@link #classesFrom} for numeric labels).
     *
     * @param table the table
     * @param idColumn the sequence id
     * @param orderColumn the step order within a sequence (numeric)
     * @param targetColumn the target, one value per id
     * @param featureColumns the numeric feature columns, at least one
     * @return the data
     */
    public static IndependentSequences table(Table table, String idColumn, String orderColumn, String targetColumn,
            String... featureColumns) {
        return fromTable(table, idColumn, orderColumn, targetColumn, false, featureColumns);
    }

    /**
     * As {@link #table}, but the target column holds class labels even if they are numbers.
     *
     * @param table the table
     * @param idColumn the sequence id
     * @param orderColumn the step order within a sequence
     * @param labelColumn the class label, one per id
     * @param featureColumns the numeric feature columns
     * @return the data
     */
    public static IndependentSequences classesFrom(Table table, String idColumn, String orderColumn, String labelColumn,
            String... featureColumns) {
        return fromTable(table, idColumn, orderColumn, labelColumn, true, featureColumns);
    }

    private static IndependentSequences fromTable(Table table, String idColumn, String orderColumn, String targetColumn,
            boolean forceClasses, String... featureColumns) {
        String src = table.name();
        SeqLabException.check(featureColumns.length >= 1,
                "No feature columns were given; name at least one numeric column of %s after the target column.", src);
        Column<?> id = Columns.require(table, idColumn, src);
        double[] order = Columns.numeric(table, orderColumn, src);
        Column<?> target = Columns.require(table, targetColumn, src);
        Columns.requireComplete(target, src);
        double[][] feats = new double[featureColumns.length][];
        for (int f = 0; f < feats.length; f++) {
            feats[f] = Columns.numeric(table, featureColumns[f], src);
        }
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int r = 0; r < table.rowCount(); r++) {
            rows.computeIfAbsent(id.getString(r), k -> new ArrayList<>()).add(r);
        }
        int n = rows.size();
        float[][][] x = new float[n][][];
        String[] targets = new String[n];
        int i = 0;
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            List<Integer> rs = new ArrayList<>(e.getValue());
            rs.sort((a, b) -> Double.compare(order[a], order[b]));
            x[i] = new float[rs.size()][feats.length];
            for (int t = 0; t < rs.size(); t++) {
                for (int f = 0; f < feats.length; f++) {
                    x[i][t][f] = (float) feats[f][rs.get(t)];
                }
                String v = target.getString(rs.get(t));
                SeqLabException.check(t == 0 || v.equals(targets[i]),
                        "Target column '%s' changes within sequence '%s' of %s ('%s', then '%s'); give each sequence one target value on all its rows.",
                        targetColumn, e.getKey(), src, targets[i], v);
                targets[i] = v;
            }
            i++;
        }
        IndependentSequences d;
        if (forceClasses || !(target instanceof NumericColumn<?>)) {
            d = classification(x, targets);
        } else {
            float[][] y = new float[n][1];
            for (int k = 0; k < n; k++) {
                y[k][0] = Float.parseFloat(targets[k]);
            }
            d = regression(x, y, List.of(targetColumn));
        }
        return new IndependentSequences(d.x, d.y, d.classes, d.names, src, d.train, d.validation, d.seed, d.scaling);
    }

    private static void check(float[][][] x, int targets) {
        SeqLabException.check(x != null && x.length >= 3, "There are %d sequences; give at least 3 so that a split is possible.",
                x == null ? 0 : x.length);
        SeqLabException.check(x.length == targets, "There are %d sequences but %d targets; give one target per sequence.", x.length,
                targets);
        int f = -1;
        for (int i = 0; i < x.length; i++) {
            SeqLabException.check(x[i] != null && x[i].length >= 1, "Sequence %d is empty; every sequence needs at least one step.", i);
            for (float[] step : x[i]) {
                if (f < 0) {
                    f = step.length;
                }
                SeqLabException.check(step.length == f && f >= 1,
                        "Sequence %d has a step with %d features but the first step of the data has %d; give every step the same features.",
                        i, step.length, f);
            }
        }
    }

    private static float[][][] copy(float[][][] x) {
        float[][][] c = new float[x.length][][];
        for (int i = 0; i < x.length; i++) {
            c[i] = copy(x[i]);
        }
        return c;
    }

    private static float[][] copy(float[][] y) {
        float[][] c = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            c[i] = y[i].clone();
        }
        return c;
    }

    // ---------------------------------------------------------------- settings

    /**
     * Sets the fractions of sequences for training and validation (the rest is the test part).
     *
     * @param trainFraction in (0, 1]
     * @param validationFraction in [0, 1)
     * @return a new data set
     */
    public IndependentSequences split(double trainFraction, double validationFraction) {
        SeqLabException.check(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1,
                "Split fractions %s (train) and %s (validation) must be positive and sum to at most 1; use for example split(0.7, 0.15).",
                trainFraction, validationFraction);
        return new IndependentSequences(x, y, classes, names, source, trainFraction, validationFraction, seed, scaling);
    }

    /**
     * @param s the seed of the random assignment to parts
     * @return a new data set
     */
    public IndependentSequences seed(long s) {
        return new IndependentSequences(x, y, classes, names, source, train, validation, s, scaling);
    }

    /**
     * Scales every feature (and regression target) with statistics of the training part only.
     *
     * @param s the scaling
     * @return a new data set
     */
    public IndependentSequences scale(Scaling s) {
        return new IndependentSequences(x, y, classes, names, source, train, validation, seed, java.util.Objects.requireNonNull(s));
    }

    // ---------------------------------------------------------------- parts

    private record Parts(SeqSplit train, SeqSplit validation, SeqSplit test, Scaler[] targetScalers, int[][] index) {}

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            synchronized (this) {
                if (parts == null) {
                    parts = build();
                }
                p = parts;
            }
        }
        return p;
    }

    private Parts build() {
        int n = x.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int nTrain = Math.max(1, (int) Math.round(n * train));
        int nVal = Math.min(n - nTrain, (int) Math.round(n * validation));
        int[][] index = {Arrays.copyOfRange(order, 0, nTrain), Arrays.copyOfRange(order, nTrain, nTrain + nVal),
            Arrays.copyOfRange(order, nTrain + nVal, n)};
        for (int[] part : index) {
            Arrays.sort(part); // each part in the data's own order
        }
        int f = x[0][0].length;
        // Feature scalers from the real steps of the training sequences only.
        Scaler[] fs = new Scaler[f];
        for (int k = 0; k < f; k++) {
            List<Double> v = new ArrayList<>();
            for (int i : index[0]) {
                for (float[] step : x[i]) {
                    v.add((double) step[k]);
                }
            }
            fs[k] = Scaler.fit(scaling, v.stream().mapToDouble(Double::doubleValue).toArray(), 0, v.size());
        }
        Scaler[] ts = null;
        if (y != null) {
            ts = new Scaler[names.size()];
            for (int k = 0; k < ts.length; k++) {
                double[] v = new double[index[0].length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = y[index[0][j]][k];
                }
                ts[k] = Scaler.fit(scaling, v, 0, v.length);
            }
        }
        int t = maxLength();
        SeqSplit[] out = new SeqSplit[3];
        for (int p = 0; p < 3; p++) {
            int[] idx = index[p];
            float[][][] px = new float[idx.length][t][f];
            int[] lengths = new int[idx.length];
            for (int j = 0; j < idx.length; j++) {
                float[][] seq = x[idx[j]];
                lengths[j] = seq.length;
                for (int s = 0; s < seq.length; s++) {
                    for (int k = 0; k < f; k++) {
                        px[j][s][k] = (float) fs[k].apply(seq[s][k]);
                    }
                }
            }
            if (y != null) {
                float[][] py = new float[idx.length][names.size()];
                for (int j = 0; j < idx.length; j++) {
                    for (int k = 0; k < names.size(); k++) {
                        py[j][k] = (float) ts[k].apply(y[idx[j]][k]);
                    }
                }
                out[p] = SeqSplit.regression(px, lengths, py, idx.clone());
            } else {
                int[] pc = new int[idx.length];
                for (int j = 0; j < idx.length; j++) {
                    pc[j] = classes[idx[j]];
                }
                out[p] = SeqSplit.numericClassification(px, lengths, pc, idx.clone());
            }
        }
        return new Parts(out[0], out[1], out[2], ts, index);
    }

    private int maxLength() {
        int t = 0;
        for (float[][] s : x) {
            t = Math.max(t, s.length);
        }
        return t;
    }

    // ---------------------------------------------------------------- SequenceData

    @Override
    public DataSpec spec() {
        Task task = y != null ? Task.REGRESSION : Task.CLASSIFICATION;
        return new DataSpec(task, maxLength(), x[0][0].length, 0, names.size(), 1, names);
    }

    @Override
    public SeqSplit train() {
        return parts().train();
    }

    @Override
    public SeqSplit validation() {
        return parts().validation();
    }

    @Override
    public SeqSplit test() {
        return parts().test();
    }

    @Override
    public float[][] unscale(SeqSplit part, float[][] scaled) {
        if (y == null) {
            return scaled;
        }
        Scaler[] ts = parts().targetScalers();
        float[][] out = new float[scaled.length][];
        for (int i = 0; i < scaled.length; i++) {
            out[i] = new float[scaled[i].length];
            for (int k = 0; k < scaled[i].length; k++) {
                out[i][k] = (float) ts[k % ts.length].invert(scaled[i][k]);
            }
        }
        return out;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String fingerprint() {
        int size = 0;
        for (float[][] s : x) {
            size += 4 + s.length * s[0].length * 4;
        }
        size += y != null ? y.length * names.size() * 4 : classes.length * 4;
        ByteBuffer b = ByteBuffer.allocate(size);
        for (float[][] s : x) {
            b.putInt(s.length);
            for (float[] step : s) {
                for (float v : step) {
                    b.putFloat(v);
                }
            }
        }
        if (y != null) {
            for (float[] row : y) {
                for (float v : row) {
                    b.putFloat(v);
                }
            }
        } else {
            for (int c : classes) {
                b.putInt(c);
            }
        }
        return Fingerprint.of(b.array());
    }

    @Override
    public List<String> vocabulary() {
        return List.of();
    }

    /** @return the number of sequences */
    public int size() {
        return x.length;
    }

    /** @return class names (classification) or target names (regression) */
    public List<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "IndependentSequences[%s: %d sequences, T<=%d, %d features, %s %s, split %s/%s, seed %d, scaling %s]",
                source, x.length, maxLength(), x[0][0].length, y != null ? "regression of" : "classes", names, train, validation,
                seed, scaling);
    }
}
