package dev.seqlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Task;
import dev.seqlab.model.Network;
import dev.seqlab.runtime.Torch;

/**
 * Batched forward passes without gradients, each batch in its own sub-manager so that no
 * native memory outlives the call. Shared by the training loop (validation) and {@link Run}.
 */
final class Inference {

    static final int BATCH = 256;

    private Inference() {}

    /**
     * The result of one pass over a data part.
     *
     * @param loss mean loss per sample (NaN for an empty part)
     * @param outputs raw model outputs per sample (values or logits; flattened (T×V) for next-token), or null
     * @param attention attention weights per sample (B, T), or null
     */
    record Pass(double loss, float[][] outputs, float[][] attention) {}

    static Pass run(Network net, ParameterStore ps, NDManager parent, SeqSplit part, boolean keepOutputs) {
        return run(net, ps, parent, part, keepOutputs, true);
    }

    /**
     * Like {@link #run(Network, ParameterStore, NDManager, SeqSplit, boolean)}, optionally without
     * the loss: prediction needs no labels, and reading a loss back costs a synchronisation per
     * batch (the benchmark measured about 3% of an inference pass).
     */
    static Pass run(Network net, ParameterStore ps, NDManager parent, SeqSplit part, boolean keepOutputs, boolean withLoss) {
        Task task = net.spec().task();
        int n = part.size();
        if (n == 0) {
            return new Pass(Double.NaN, keepOutputs ? new float[0][] : null, null);
        }
        float[][] outputs = keepOutputs ? new float[n][] : null;
        float[][] attention = keepOutputs && net.hasAttention() ? new float[n][] : null;
        double lossSum = 0;
        for (int[] idx : part.batches(BATCH, false, 0)) {
            // Autograd off whatever this thread's mode: the mode picks the fused LSTM's kernel, so it must not depend on the thread.
            try (NDManager step = parent.newSubManager(); Torch.NoGrad off = Torch.noGrad()) {
                NDList in = part.inputs(step, idx);
                NDList out = net.forward(ps, in, false);
                NDArray pred = out.get(0);
                if (withLoss) {
                    lossSum += Losses.of(task, pred, part.labels(step, idx), in.get(1)).getFloat() * idx.length;
                }
                if (keepOutputs) {
                    copyRows(pred, idx, outputs);
                    if (attention != null) {
                        copyRows(out.get(1), idx, attention);
                    }
                }
            }
        }
        return new Pass(withLoss ? lossSum / n : Double.NaN, outputs, attention);
    }

    private static void copyRows(NDArray a, int[] idx, float[][] into) {
        float[] flat = a.toFloatArray();
        int width = flat.length / idx.length;
        for (int i = 0; i < idx.length; i++) {
            into[idx[i]] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
    }

    static int[] argmax(float[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int j = 1; j < rows[i].length; j++) {
                if (rows[i][j] > rows[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    static float[][] softmax(float[][] logits) {
        float[][] out = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            float[] row = logits[i];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            float[] p = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                p[j] = (float) Math.exp(row[j] - max);
                sum += p[j];
            }
            for (int j = 0; j < row.length; j++) {
                p[j] /= (float) sum;
            }
            out[i] = p;
        }
        return out;
    }
}
