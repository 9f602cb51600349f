package dev.seqlab.model;

import ai.djl.nn.recurrent.RecurrentBlock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Long short-term memory: four gates (i, f, g, o in torch's order) and a cell state. */
final class LstmKind extends LayerKind {

    @Override
    public String name() {
        return "LSTM";
    }

    @Override
    public String label() {
        return "LSTM(tanh)";
    }

    @Override
    public String shortName() {
        return "LSTM";
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public int states() {
        return 2;
    }

    @Override
    public List<String> gateNames() {
        return List.of("input", "forget", "candidate", "output", "cell");
    }

    @Override
    public List<String> overviewGates() {
        return List.of("input", "forget", "output");
    }

    @Override
    RecurrentBlock block(int size) {
        // Qualified: inside a LayerKind, LSTM names the constant LayerKind.LSTM.
        return ai.djl.nn.recurrent.LSTM.builder().setStateSize(size).setNumLayers(1).optBatchFirst(true).optHasBiases(true)
                .optReturnState(true).build();
    }

    @Override
    void checkEngine(int size) {
        FusedLstmCheck.verify(size); // a wrong fused LSTM must not train
    }

    @Override
    GateTrace recompute(float[] x, int t, int in, int h, float[] wih, float[] whh, float[] bih, float[] bhh) {
        float[][] gi = new float[t][h];
        float[][] gf = new float[t][h];
        float[][] gg = new float[t][h];
        float[][] go = new float[t][h];
        float[][] gc = new float[t][h];
        float[][] hs = new float[t][h];
        double[] hPrev = new double[h];
        double[] cPrev = new double[h];
        for (int s = 0; s < t; s++) {
            double[] a = GateTrace.preActivations(x, s, in, h, 4, hPrev, wih, whh, bih, bhh, null);
            double[] hNext = new double[h];
            double[] cNext = new double[h];
            for (int j = 0; j < h; j++) {
                double i = GateTrace.sigmoid(a[j]);
                double f = GateTrace.sigmoid(a[h + j]);
                double g = Math.tanh(a[2 * h + j]);
                double o = GateTrace.sigmoid(a[3 * h + j]);
                cNext[j] = f * cPrev[j] + i * g;
                hNext[j] = o * Math.tanh(cNext[j]);
                gi[s][j] = (float) i;
                gf[s][j] = (float) f;
                gg[s][j] = (float) g;
                go[s][j] = (float) o;
                gc[s][j] = (float) cNext[j];
                hs[s][j] = (float) hNext[j];
            }
            hPrev = hNext;
            cPrev = cNext;
        }
        Map<String, float[][]> m = new LinkedHashMap<>();
        m.put("input", gi);
        m.put("forget", gf);
        m.put("candidate", gg);
        m.put("output", go);
        m.put("cell", gc);
        return new GateTrace(m, hs);
    }
}
