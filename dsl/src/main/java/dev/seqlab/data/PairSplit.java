package dev.seqlab.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One part (train, validation or test) of a {@link PairedTokens} data set: source and target ids
 * of every pair, unpadded; batches are padded to their longest member.
 */
public final class PairSplit {

    private final List<List<String>> sourceTokens;
    private final List<List<String>> targetTokens;
    private final int[][] source;
    private final int[][] target;
    private final int[] origin;
    private final int start;
    private final int end;

    PairSplit(List<List<String>> sourceTokens, List<List<String>> targetTokens, int[] origin, Vocabulary sv, Vocabulary tv) {
        this.sourceTokens = List.copyOf(sourceTokens);
        this.targetTokens = List.copyOf(targetTokens);
        this.origin = origin;
        this.start = tv.id(PairedTokens.START);
        this.end = tv.id(PairedTokens.END);
        source = new int[sourceTokens.size()][];
        target = new int[sourceTokens.size()][];
        for (int i = 0; i < source.length; i++) {
            source[i] = sv.encode(sourceTokens.get(i));
            target[i] = tv.encode(targetTokens.get(i));
        }
    }

    /** @return the number of pairs */
    public int size() {
        return source.length;
    }

    /**
     * @param i the pair
     * @return its source tokens
     */
    public List<String> sourceTokens(int i) {
        return sourceTokens.get(i);
    }

    /**
     * @param i the pair
     * @return its target tokens (without start and end)
     */
    public List<String> targetTokens(int i) {
        return targetTokens.get(i);
    }

    /**
     * @param i the pair
     * @return its source ids (a copy)
     */
    public int[] source(int i) {
        return source[i].clone();
    }

    /**
     * @param i the pair
     * @return its target ids without start and end (a copy)
     */
    public int[] target(int i) {
        return target[i].clone();
    }

    /** @return the longest target, in tokens (without start and end) */
    public int maxTargetLength() {
        int m = 0;
        for (int[] t : target) {
            m = Math.max(m, t.length);
        }
        return m;
    }

    /** @return the longest source, in tokens */
    public int maxSourceLength() {
        int m = 0;
        for (int[] s : source) {
            m = Math.max(m, s.length);
        }
        return m;
    }

    /**
     * @param i the pair
     * @return its row in the original data
     */
    public int origin(int i) {
        return origin[i];
    }

    /**
     * Copies a batch, padded with id 0 to its longest member (or longer).
     *
     * <p>Returns {@code NDList[source (B,S) int64, sourceMask (B,S) float32, decoderIn (B,U)
     * int64, decoderOut (B,U) int64, targetMask (B,U) float32]}: decoderIn is the start token
     * followed by the target, decoderOut the target followed by the end token, U the longest
     * target plus one; masks are 1 on real steps.
     *
     * @param manager the manager that will own the arrays
     * @param idx pair indices
     * @param minSource pad sources to at least this length (0 for the batch's longest)
     * @return the batch
     */
    public NDList batch(NDManager manager, int[] idx, int minSource) {
        int b = idx.length;
        int s = minSource;
        int u = 1;
        for (int i : idx) {
            s = Math.max(s, source[i].length);
            u = Math.max(u, target[i].length + 1);
        }
        long[] src = new long[b * s];
        float[] srcMask = new float[b * s];
        long[] in = new long[b * u];
        long[] out = new long[b * u];
        float[] tgtMask = new float[b * u];
        for (int r = 0; r < b; r++) {
            int[] x = source[idx[r]];
            for (int j = 0; j < x.length; j++) {
                src[r * s + j] = x[j];
                srcMask[r * s + j] = 1;
            }
            int[] y = target[idx[r]];
            in[r * u] = start;
            for (int j = 0; j < y.length; j++) {
                in[r * u + j + 1] = y[j];
                out[r * u + j] = y[j];
            }
            out[r * u + y.length] = end;
            for (int j = 0; j <= y.length; j++) {
                tgtMask[r * u + j] = 1;
            }
        }
        return new NDList(manager.create(src, new Shape(b, s)), manager.create(srcMask, new Shape(b, s)),
                manager.create(in, new Shape(b, u)), manager.create(out, new Shape(b, u)), manager.create(tgtMask, new Shape(b, u)));
    }

    /**
     * Splits the pair indices into batches, shuffled with the seed if asked.
     *
     * @param batchSize pairs per batch
     * @param shuffle whether to shuffle
     * @param seed the shuffle's seed
     * @return batches of indices
     */
    public int[][] batches(int batchSize, boolean shuffle, long seed) {
        dev.seqlab.SeqLabException.check(batchSize >= 1, "Batch size %d is below 1; use a batch size of 1 or more.", batchSize);
        int n = size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            java.util.Random r = new java.util.Random(seed);
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
            out[k] = java.util.Arrays.copyOfRange(order, k * batchSize, Math.min(n, (k + 1) * batchSize));
        }
        return out;
    }
}
