package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.Torch;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks, once per hidden size and process, that libtorch's fused LSTM computes the LSTM
 * equations. On an AVX-512 machine libtorch 2.7.1's oneDNN LSTM returned outputs off by up to
 * 1.1 for hidden sizes that are not a multiple of 32, silently (see
 * {@link dev.seqlab.runtime.NativeEnv}); a network with wrong numbers must not train. The check
 * runs a batch of 2 sequences of 5 steps through a one-layer fused LSTM with fixed weights
 * (no random numbers are drawn, so seeds are not disturbed) and compares every hidden state
 * with {@link Gates}' step-by-step recomputation.
 */
final class FusedLstmCheck {

    /** Largest difference accepted: float32 against a double recomputation of 5 steps. */
    static final float TOLERANCE = 1e-4f;

    private static final Set<Integer> VERIFIED = ConcurrentHashMap.newKeySet();
    private static final int BATCH = 2;
    private static final int STEPS = 5;
    private static final int IN = 3;

    private FusedLstmCheck() {}

    /**
     * Verifies the fused LSTM for one hidden size (at once when already verified).
     *
     * @param hidden the hidden size
     * @throws SeqLabException when the fused LSTM's outputs are wrong
     */
    static void verify(int hidden) {
        if (VERIFIED.contains(hidden)) {
            return;
        }
        float worst = largestError(hidden);
        if (!(worst <= TOLERANCE)) {
            throw new SeqLabException(String.format(java.util.Locale.ROOT,
                    "PyTorch's fused LSTM computes wrong outputs on this CPU (off by %.3g for hidden size %d); "
                            + "set ONEDNN_MAX_CPU_ISA=AVX2 in this JVM's environment (./seqlab and the SeqLab kernel "
                            + "set it) and restart.", worst, hidden));
        }
        VERIFIED.add(hidden);
    }

    /** @return the largest difference between the fused LSTM and the equations, for fixed weights and inputs */
    static float largestError(int hidden) {
        try (NDManager m = Torch.engine().newBaseManager()) {
            LSTM lstm = LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
            lstm.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            lstm.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
            lstm.initialize(m, DataType.FLOAT32, new Shape(BATCH, STEPS, IN));
            int salt = 1;
            for (Parameter p : lstm.getParameters().values()) {
                NDArray a = p.getArray();
                Torch.assign(a, pattern((int) a.size(), salt++));
            }
            float[] x = pattern(BATCH * STEPS * IN, 99);
            float[] out = lstm.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(BATCH, STEPS, IN))), false)
                    .head().toFloatArray();
            float[] wih = lstm.getParameters().get("l_0_i2h_WEIGHT").getArray().toFloatArray();
            float[] whh = lstm.getParameters().get("l_0_h2h_WEIGHT").getArray().toFloatArray();
            float[] bih = lstm.getParameters().get("l_0_i2h_BIAS").getArray().toFloatArray();
            float[] bhh = lstm.getParameters().get("l_0_h2h_BIAS").getArray().toFloatArray();
            float worst = 0f;
            for (int b = 0; b < BATCH; b++) {
                float[] xb = java.util.Arrays.copyOfRange(x, b * STEPS * IN, (b + 1) * STEPS * IN);
                float[][] h = LayerKind.LSTM.recompute(xb, STEPS, IN, hidden, wih, whh, bih, bhh).hidden();
                for (int s = 0; s < STEPS; s++) {
                    for (int j = 0; j < hidden; j++) {
                        // Math.max keeps a NaN, and a NaN fails the check in verify().
                        worst = Math.max(worst, Math.abs(h[s][j] - out[(b * STEPS + s) * hidden + j]));
                    }
                }
            }
            return worst;
        }
    }

    /** Deterministic values in [-0.9, 0.9] that differ from index to index (no engine random numbers). */
    private static float[] pattern(int n, int salt) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.9 * Math.sin(0.7 * i + 1.3 * salt));
        }
        return v;
    }
}
