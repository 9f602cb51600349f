package dev.seqlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.seqlab.SeqLabException;
import java.util.Arrays;
import java.util.Random;

/**
 * One part (train, validation or test) of a sequence data set, held in memory as Java arrays.
 *
 * <p>The data sets SeqLab teaches with are small, so the whole part lives on the heap and each
 * batch is copied into fresh NDArrays owned by the caller's (per-step) manager: nothing here
 * holds native memory. Exactly one input form (numeric or tokens) and one target form
 * (values, classes or next tokens) is present.
 *
 * <p>Batches are {@code NDList[x, mask]}: x is float32 (B, T, F) or int64 token ids (B, T);
 * mask is float32 (B, T) with 1 for real steps and 0 for padding.
 */
public final class SeqSplit {

    private final float[][][] numeric;
    private final int[][] tokens;
    private final int[] lengths;
    private final float[][] values;
    private final int[] classes;
    private final int[][] nextTokens;
    private final int[] origin;
    private final int timeSteps;

    private SeqSplit(float[][][] numeric, int[][] tokens, int[] lengths, float[][] values, int[] classes,
            int[][] nextTokens, int[] origin) {
        this.numeric = numeric;
        this.tokens = tokens;
        this.lengths = lengths;
        this.values = values;
        this.classes = classes;
        this.nextTokens = nextTokens;
        this.origin = origin;
        int n = lengths.length;
        this.timeSteps = n == 0 ? 0 : (numeric != null ? numeric[0].length : tokens[0].length);
    }

    /**
     * A part of a windowed numeric series for regression.
     *
     * @param x inputs [N][T][F], already scaled
     * @param y targets [N][outputs], already scaled (horizon-major: step 1's targets first)
     * @param origin for each sample, the source row index of its first target step
     * @return the split
     */
    public static SeqSplit regression(float[][][] x, float[][] y, int[] origin) {
        SeqLabException.check(x.length == y.length && x.length == origin.length, "Inputs and targets differ in count.");
        int[] lengths = new int[x.length];
        Arrays.fill(lengths, x.length == 0 ? 0 : x[0].length);
        return new SeqSplit(x, null, lengths, y, null, null, origin);
    }

    /**
     * A part of independent numeric sequences of varying length for regression.
     *
     * @param x inputs [N][T][F], zero-padded after {@code lengths[i]} steps
     * @param lengths real length of each sample (at least 1)
     * @param y targets [N][outputs]
     * @param origin source index of each sample
     * @return the split
     */
    public static SeqSplit regression(float[][][] x, int[] lengths, float[][] y, int[] origin) {
        SeqLabException.check(x.length == y.length && x.length == lengths.length, "Inputs and targets differ in count.");
        return new SeqSplit(x, null, lengths, y, null, null, origin);
    }

    /**
     * A part of independent numeric sequences of varying length for classification.
     *
     * @param x inputs [N][T][F], zero-padded after {@code lengths[i]} steps
     * @param lengths real length of each sample (at least 1)
     * @param classes class index of each sample
     * @param origin source index of each sample
     * @return the split
     */
    public static SeqSplit numericClassification(float[][][] x, int[] lengths, int[] classes, int[] origin) {
        SeqLabException.check(x.length == classes.length && x.length == lengths.length, "Inputs and labels differ in count.");
        return new SeqSplit(x, null, lengths, null, classes, null, origin);
    }

    /**
     * A part of a token data set for classification.
     *
     * @param tokens token ids [N][T], padded with 0 after {@code lengths[i]}
     * @param lengths real length of each sample (at least 1)
     * @param classes class index of each sample
     * @param origin source row of each sample
     * @return the split
     */
    public static SeqSplit classification(int[][] tokens, int[] lengths, int[] classes, int[] origin) {
        SeqLabException.check(tokens.length == classes.length && tokens.length == lengths.length, "Inputs and labels differ in count.");
        return new SeqSplit(null, tokens, lengths, null, classes, null, origin);
    }

    /**
     * A part of a numeric data set for classification (for example labelled sensor windows).
     *
     * @param x inputs [N][T][F]
     * @param classes class index of each sample
     * @param origin source row of each sample
     * @return the split
     */
    public static SeqSplit numericClassification(float[][][] x, int[] classes, int[] origin) {
        int[] lengths = new int[x.length];
        Arrays.fill(lengths, x.length == 0 ? 0 : x[0].length);
        return new SeqSplit(x, null, lengths, null, classes, null, origin);
    }

    /**
     * A part of a corpus for next-token prediction.
     *
     * @param tokens input token ids [N][T]
     * @param next the token that follows each input position [N][T]
     * @param origin token offset of each sample in the corpus
     * @return the split
     */
    public static SeqSplit nextToken(int[][] tokens, int[][] next, int[] origin) {
        int[] lengths = new int[tokens.length];
        Arrays.fill(lengths, tokens.length == 0 ? 0 : tokens[0].length);
        return new SeqSplit(null, tokens, lengths, null, null, next, origin);
    }

    /** @return the number of samples */
    public int size() {
        return lengths.length;
    }

    /** @return the sequence length T */
    public int timeSteps() {
        return timeSteps;
    }

    /** @return the inputs as token ids, or null for numeric input */
    public int[][] tokens() {
        return tokens;
    }

    /** @return the numeric inputs [N][T][F], or null for token input */
    public float[][][] numeric() {
        return numeric;
    }

    /** @return real lengths of the samples */
    public int[] lengths() {
        return lengths;
    }

    /** @return regression targets [N][outputs] (scaled), or null */
    public float[][] values() {
        return values;
    }

    /** @return class labels, or null */
    public int[] classes() {
        return classes;
    }

    /** @return next-token targets [N][T], or null */
    public int[][] nextTokens() {
        return nextTokens;
    }

    /** @return for each sample its position in the source (row or token offset) */
    public int[] origin() {
        return origin;
    }

    /**
     * Copies the inputs of the given samples into {@code NDList[x, mask]}.
     *
     * @param manager the manager that will own the arrays (use a per-step sub-manager)
     * @param idx sample indices
     * @return x (float32 (B,T,F) or int64 (B,T)) and mask float32 (B,T)
     */
    public NDList inputs(NDManager manager, int[] idx) {
        int b = idx.length;
        int t = timeSteps;
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            Arrays.fill(mask, i * t, i * t + lengths[idx[i]], 1f);
        }
        NDArray m = manager.create(mask, new Shape(b, t));
        if (numeric != null) {
            int f = numeric[idx[0]][0].length;
            float[] flat = new float[b * t * f];
            int k = 0;
            for (int i : idx) {
                for (float[] step : numeric[i]) {
                    if (f == 1) {
                        flat[k++] = step[0]; // one feature: a call per value would cost more than the copy
                    } else {
                        System.arraycopy(step, 0, flat, k, f);
                        k += f;
                    }
                }
            }
            return new NDList(manager.create(flat, new Shape(b, t, f)), m);
        }
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) {
            int[] row = tokens[idx[i]];
            for (int j = 0; j < t; j++) {
                flat[i * t + j] = row[j];
            }
        }
        return new NDList(manager.create(flat, new Shape(b, t)), m);
    }

    /**
     * Copies the targets of the given samples: float32 (B, outputs) for regression, int64 (B)
     * for classes, int64 (B, T) for next tokens.
     *
     * @param manager the manager that will own the array
     * @param idx sample indices
     * @return the targets
     */
    public NDArray labels(NDManager manager, int[] idx) {
        int b = idx.length;
        if (values != null) {
            int o = values[idx[0]].length;
            float[] flat = new float[b * o];
            for (int i = 0; i < b; i++) {
                System.arraycopy(values[idx[i]], 0, flat, i * o, o);
            }
            return manager.create(flat, new Shape(b, o));
        }
        if (classes != null) {
            long[] flat = new long[b];
            for (int i = 0; i < b; i++) {
                flat[i] = classes[idx[i]];
            }
            return manager.create(flat, new Shape(b));
        }
        int t = timeSteps;
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                flat[i * t + j] = nextTokens[idx[i]][j];
            }
        }
        return manager.create(flat, new Shape(b, t));
    }

    /**
     * Splits the sample indices into batches, shuffled with the seed if asked. The same seed
     * and epoch always give the same order, independent of any global random state.
     *
     * @param batchSize samples per batch (the last batch may be smaller)
     * @param shuffle whether to shuffle
     * @param seed seed for the shuffle (combine the run seed with the epoch number)
     * @return batches of sample indices
     */
    public int[][] batches(int batchSize, boolean shuffle, long seed) {
        SeqLabException.check(batchSize >= 1, "Batch size %d is below 1; use a batch size of 1 or more.", batchSize);
        int n = size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random r = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        int count = (n + batchSize - 1) / batchSize;
        int[][] out = new int[count][];
        for (int k = 0; k < count; k++) {
            out[k] = Arrays.copyOfRange(order, k * batchSize, Math.min(n, (k + 1) * batchSize));
        }
        return out;
    }

    /**
     * Exposes this part as a plain DJL {@link ai.djl.training.dataset.Dataset}, for users who
     * train with DJL's own {@code Trainer}: data are {@code [x, mask]} and labels the targets,
     * batched with a seeded shuffle (see {@link SeededSampler}).
     *
     * @param manager the manager that will own the arrays (close it when done)
     * @param batchSize samples per batch
     * @param shuffle whether to shuffle each pass
     * @param seed the shuffle's seed
     * @return the data set
     */
    public ai.djl.training.dataset.ArrayDataset dataset(NDManager manager, int batchSize, boolean shuffle, long seed) {
        SeqLabException.check(batchSize >= 1, "Batch size %d is below 1; use a batch size of 1 or more.", batchSize);
        SeqLabException.check(size() > 0, "This part is empty, so it cannot become a data set; use a larger fraction for it.");
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        NDList in = inputs(manager, all);
        ai.djl.training.dataset.Sampler.SubSampler sub = shuffle
                ? new SeededSampler(seed)
                : new ai.djl.training.dataset.SequenceSampler();
        return new ai.djl.training.dataset.ArrayDataset.Builder()
                .setData(in.get(0), in.get(1))
                .optLabels(labels(manager, all))
                .setSampling(new ai.djl.training.dataset.BatchSampler(sub, batchSize))
                .build();
    }

    /**
     * Returns the first {@code n} samples as a new split (for learning curves and quick tests).
     *
     * @param n how many samples to keep
     * @return the head of this split
     */
    public SeqSplit head(int n) {
        int k = Math.min(n, size());
        return new SeqSplit(
                numeric == null ? null : Arrays.copyOf(numeric, k),
                tokens == null ? null : Arrays.copyOf(tokens, k),
                Arrays.copyOf(lengths, k),
                values == null ? null : Arrays.copyOf(values, k),
                classes == null ? null : Arrays.copyOf(classes, k),
                nextTokens == null ? null : Arrays.copyOf(nextTokens, k),
                Arrays.copyOf(origin, k));
    }
}
