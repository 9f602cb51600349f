package dev.seqlab.model;

import ai.djl.nn.recurrent.RecurrentBlock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gated recurrent unit: three gates (r, z, n in torch's order), no separate cell state. */
final class GruKind extends LayerKind {

    @Override
    public String name() {
        return "GRU";
    }

    @Override
    public String label() {
        return "GRU(tanh)";
    }

    @Override
    public String shortName() {
        return "GRU";
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public int states() {
        return 1;
    }

    @Override
    public List<String> gateNames() {
        return List.of("reset", "update", "candidate");
    }

    @Override
    public List<String> overviewGates() {
        return List.of("reset", "update");
    }

    @Override
    RecurrentBlock block(int size) {
        // Qualified: inside a LayerKind, GRU names the constant LayerKind.GRU.
        return ai.djl.nn.recurrent.GRU.builder().setStateSize(size).setNumLayers(1).optBatchFirst(true).optHasBiases(true)
                .optReturnState(true).build();
    }

    @Override
    GateTrace recompute(float[] x, int t, int in, int h, float[] wih, float[] whh, float[] bih, float[] bhh) {
        float[][] gr = new float[t][h];
        float[][] gz = new float[t][h];
        float[][] gn = new float[t][h];
        float[][] hs = new float[t][h];
        double[] hPrev = new double[h];
        for (int s = 0; s < t; s++) {
            double[] hidden = new double[3 * h];
            double[] a = GateTrace.preActivations(x, s, in, h, 3, hPrev, wih, whh, bih, bhh, hidden);
            double[] hNext = new double[h];
            for (int j = 0; j < h; j++) {
                // a holds input part + hidden part for r and z; for n the two parts are kept apart
                double r = GateTrace.sigmoid(a[j]);
                double z = GateTrace.sigmoid(a[h + j]);
                double n = Math.tanh(a[2 * h + j] - hidden[2 * h + j] + r * hidden[2 * h + j]);
                hNext[j] = (1 - z) * n + z * hPrev[j];
                gr[s][j] = (float) r;
                gz[s][j] = (float) z;
                gn[s][j] = (float) n;
                hs[s][j] = (float) hNext[j];
            }
            hPrev = hNext;
        }
        Map<String, float[][]> m = new LinkedHashMap<>();
        m.put("reset", gr);
        m.put("update", gz);
        m.put("candidate", gn);
        return new GateTrace(m, hs);
    }
}
