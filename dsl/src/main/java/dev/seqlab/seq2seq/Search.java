package dev.seqlab.seq2seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.PairSplit;
import dev.seqlab.data.PairedTokens;
import dev.seqlab.data.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy and beam-search decoding of a trained {@link Seq2SeqModel}. All work happens in a
 * sub-manager closed at the end of each batch; results are plain Java.
 *
 * <p>Both pick the highest-scoring token with ties going to the lower id, so beam search of width
 * 1 follows exactly the greedy path.
 */
final class Search {

    private final Seq2SeqModel model;
    private final NDManager manager;
    private final ParameterStore ps;
    private final Vocabulary target;
    private final int start;
    private final int end;

    Search(Seq2SeqModel model, NDManager manager, Vocabulary target) {
        this.model = model;
        this.manager = manager;
        this.ps = new ParameterStore(manager, false);
        this.target = target;
        this.start = target.id(PairedTokens.START);
        this.end = target.id(PairedTokens.END);
    }

    /** The longest output tried for a source of n tokens. */
    static int maxSteps(int n) {
        return 2 * n + 5;
    }

    /**
     * Greedy decoding of the given pairs, in batches.
     *
     * @param part the pairs
     * @param idx which pairs
     * @param batch pairs per batch
     * @param minSource pad sources to at least this length (for the padding test)
     * @return one result per index
     */
    List<Decoded> greedy(PairSplit part, int[] idx, int batch, int minSource) {
        List<Decoded> out = new ArrayList<>();
        for (int from = 0; from < idx.length; from += batch) {
            int[] sub = Arrays.copyOfRange(idx, from, Math.min(idx.length, from + batch));
            out.addAll(greedyBatch(part, sub, minSource));
        }
        return out;
    }

    private List<Decoded> greedyBatch(PairSplit part, int[] idx, int minSource) {
        int b = idx.length;
        try (NDManager m = manager.newSubManager()) {
            NDList batch = part.batch(m, idx, minSource);
            int s = (int) batch.get(0).getShape().get(1);
            Seq2SeqModel.Encoded enc = model.encode(ps, batch.get(0), batch.get(1), false);
            NDList state = enc.state();
            NDArray context = model.initialContext(enc);
            long[] prev = new long[b];
            Arrays.fill(prev, start);
            int maxLen = 0;
            for (int i : idx) {
                maxLen = Math.max(maxLen, maxSteps(part.source(i).length));
            }
            List<List<Integer>> ids = new ArrayList<>();
            List<List<float[]>> rows = new ArrayList<>();
            double[] score = new double[b];
            boolean[] done = new boolean[b];
            for (int i = 0; i < b; i++) {
                ids.add(new ArrayList<>());
                rows.add(new ArrayList<>());
            }
            int v = model.targetVocabSize();
            for (int t = 0; t < maxLen; t++) {
                Seq2SeqModel.Step step = model.step(ps, enc, m.create(prev, new Shape(b)), state, context, false);
                float[] logp = step.logits().logSoftmax(1).toFloatArray();
                float[] w = step.weights() == null ? null : step.weights().toFloatArray();
                boolean all = true;
                for (int i = 0; i < b; i++) {
                    int best = argMax(logp, i * v, v);
                    if (!done[i]) {
                        score[i] += logp[i * v + best];
                        if (w != null) {
                            rows.get(i).add(Arrays.copyOfRange(w, i * s, i * s + part.source(idx[i]).length));
                        }
                        if (best == end) {
                            done[i] = true;
                        } else {
                            ids.get(i).add(best);
                            done[i] = ids.get(i).size() >= maxSteps(part.source(idx[i]).length); // out of room
                        }
                    }
                    prev[i] = best;
                    all &= done[i];
                }
                state = step.state();
                context = step.context();
                if (all) {
                    break;
                }
            }
            List<Decoded> out = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                out.add(result(part, idx[i], ids.get(i), score[i], 0, rows.get(i)));
            }
            return out;
        }
    }

    private Decoded result(PairSplit part, int i, List<Integer> ids, double score, double alpha, List<float[]> rows) {
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            tokens.add(target.token(id));
        }
        double norm = score / Math.pow(ids.size() + 1, alpha);
        float[][] align = model.scorer() == null ? null : rows.toArray(new float[0][]);
        return new Decoded(part.sourceTokens(i), tokens, part.targetTokens(i), score, norm, align);
    }

    /** Index of the largest value in a[from, from+n), the lowest index on ties. */
    static int argMax(float[] a, int from, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (a[from + j] > a[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /** A partial hypothesis. */
    private record Hyp(List<Integer> ids, List<float[]> rows, double score, int parent) {}

    /**
     * Beam search for one pair.
     *
     * @param part the pairs
     * @param i which pair
     * @param width the beam width
     * @param alpha length normalisation: finished candidates are ranked by score / (length + 1)^alpha
     * @return up to {@code width} finished candidates, best first
     */
    List<Decoded> beam(PairSplit part, int i, int width, double alpha) {
        dev.seqlab.SeqLabException.check(width >= 1, "Beam width %d is below 1; use 1 (greedy) or more.", width);
        dev.seqlab.SeqLabException.check(alpha >= 0, "Length normalisation %s is negative; use 0 (none) to 1.", alpha);
        int srcLen = part.source(i).length;
        int maxLen = maxSteps(srcLen);
        int v = model.targetVocabSize();
        try (NDManager m = manager.newSubManager()) {
            NDList batch = part.batch(m, new int[] {i}, 0);
            Seq2SeqModel.Encoded one = model.encode(ps, batch.get(0), batch.get(1), false);
            List<Hyp> alive = List.of(new Hyp(List.of(), List.of(), 0, 0));
            NDList state = one.state();
            NDArray context = model.initialContext(one);
            List<Hyp> finished = new ArrayList<>();
            for (int t = 0; t < maxLen && !alive.isEmpty() && finished.size() < width; t++) {
                int k = alive.size();
                Seq2SeqModel.Encoded enc = k == 1 ? one : one.repeat(k);
                long[] prev = new long[k];
                for (int h = 0; h < k; h++) {
                    List<Integer> ids = alive.get(h).ids();
                    prev[h] = ids.isEmpty() ? start : ids.get(ids.size() - 1);
                }
                Seq2SeqModel.Step step = model.step(ps, enc, m.create(prev, new Shape(k)), state, context, false);
                float[] logp = step.logits().logSoftmax(1).toFloatArray();
                float[] w = step.weights() == null ? null : step.weights().toFloatArray();
                // Every extension of every live hypothesis, best first (ties: lower hypothesis, lower id).
                Integer[] order = new Integer[k * v];
                double[] cand = new double[k * v];
                for (int h = 0; h < k; h++) {
                    for (int j = 0; j < v; j++) {
                        order[h * v + j] = h * v + j;
                        cand[h * v + j] = alive.get(h).score() + logp[h * v + j];
                    }
                }
                Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -cand[c]).thenComparingInt(c -> c));
                List<Hyp> next = new ArrayList<>();
                for (int c : order) {
                    if (next.size() >= width || finished.size() >= width) {
                        break;
                    }
                    int h = c / v;
                    int token = c % v;
                    Hyp parent = alive.get(h);
                    List<float[]> rows = new ArrayList<>(parent.rows());
                    if (w != null) {
                        rows.add(Arrays.copyOfRange(w, h * srcLen, (h + 1) * srcLen));
                    }
                    if (token == end) {
                        finished.add(new Hyp(parent.ids(), rows, cand[c], h));
                    } else {
                        List<Integer> ids = new ArrayList<>(parent.ids());
                        ids.add(token);
                        if (ids.size() >= maxLen) {
                            finished.add(new Hyp(ids, rows, cand[c], h)); // out of room: kept as it is
                        } else {
                            next.add(new Hyp(ids, rows, cand[c], h));
                        }
                    }
                }
                if (next.isEmpty()) {
                    break;
                }
                long[] parents = new long[next.size()];
                for (int h = 0; h < parents.length; h++) {
                    parents[h] = next.get(h).parent();
                }
                NDArray index = m.create(parents);
                NDList reordered = new NDList();
                for (NDArray a : step.state()) {
                    reordered.add(rows(a.squeeze(0), index).expandDims(0));
                }
                state = reordered;
                context = step.context() == null ? null : rows(step.context(), index);
                alive = next;
            }
            if (finished.isEmpty()) {
                finished.addAll(alive);
            }
            List<Decoded> out = new ArrayList<>();
            for (Hyp h : finished) {
                out.add(result(part, i, h.ids(), h.score(), alpha, h.rows()));
            }
            out.sort(Comparator.comparingDouble((Decoded d) -> -d.normalizedScore()));
            return out;
        }
    }

    /** Rows of a (N, H) array picked by an int64 index (k): a row lookup. */
    private static NDArray rows(NDArray a, NDArray index) {
        return a.getNDArrayInternal().embedding(index, a, ai.djl.ndarray.types.SparseFormat.DENSE).head();
    }
}
