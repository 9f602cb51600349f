package dev.seqlab.model;

import java.util.Map;

/**
 * A recurrent layer replayed step by step for one sample: each gate's activations and the hidden
 * states, [timeSteps][size], as {@link LayerKind#recompute} returns them.
 *
 * @param gates gate name to activations, in the kind's order
 * @param hidden the hidden states
 */
record GateTrace(Map<String, float[][]> gates, float[][] hidden) {

    /**
     * Returns {@code W_ih x_s + b_ih + W_hh h + b_hh} for all stacked gates; when {@code hiddenPart}
     * is given it receives {@code W_hh h + b_hh} alone.
     */
    static double[] preActivations(float[] x, int s, int in, int h, int gates, double[] hPrev, float[] wih,
            float[] whh, float[] bih, float[] bhh, double[] hiddenPart) {
        double[] a = new double[gates * h];
        for (int row = 0; row < gates * h; row++) {
            double u = bih[row];
            for (int k = 0; k < in; k++) {
                u += (double) wih[row * in + k] * x[s * in + k];
            }
            double v = bhh[row];
            for (int k = 0; k < h; k++) {
                v += (double) whh[row * h + k] * hPrev[k];
            }
            a[row] = u + v;
            if (hiddenPart != null) {
                hiddenPart[row] = v;
            }
        }
        return a;
    }

    static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }
}
