package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gates recomputed from the weights reproduce the fused layers' own outputs. */
class GatesTest {

    @Test
    void lstmGatesReproduceTheFusedLayer() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            // plain stack: the stage output is the fused layer's output, an independent check
            Network net = Fixtures.init(Stack.lstm(4).layers(2), spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.inputs(m, spec, Fixtures.T, 6, 4, 6);
            NDList stages = net.forwardWithStages(ps, in, false);
            float worst = 0f;
            for (int stage = 0; stage < 2; stage++) {
                for (int sample = 0; sample < 3; sample++) {
                    Gates g = Gates.of(net, ps, in, sample, stage);
                    assertEquals(List.of("input", "forget", "candidate", "output", "cell"), g.names());
                    assertEquals(Fixtures.T, g.timeSteps());
                    assertEquals(4, g.size());
                    assertEquals(sample == 1 ? 4 : 6, g.length());
                    assertGateRanges(g, List.of("input", "forget", "output"), List.of("candidate"));
                    worst = Math.max(worst, g.maxAbsDifference());
                    assertTrue(g.maxAbsDifference() < 1e-5f, "stage " + stage + " sample " + sample + ": " + g.maxAbsDifference());
                    float[] own = stages.get(1 + stage).get(sample).toFloatArray();
                    assertTrue(maxDiff(g.hidden(), own) < 1e-5f);
                    // h = o * tanh(c), from the returned gates
                    float[][] o = g.gate("output");
                    float[][] c = g.gate("cell");
                    float[][] h = g.hidden();
                    for (int t = 0; t < g.timeSteps(); t++) {
                        for (int j = 0; j < g.size(); j++) {
                            assertEquals(o[t][j] * (float) Math.tanh(c[t][j]), h[t][j], 1e-6f);
                        }
                    }
                }
            }
            System.out.printf("Gates LSTM: largest |recomputed h - fused output| = %.3g%n", worst);
        }
    }

    @Test
    void lstmGatesBehindResidualLayerNormAndDropout() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(3, 5).residualProjected().layerNorm().dropout(0.5), spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.inputs(m, spec, Fixtures.T, 5, 6);
            for (int stage = 0; stage < 2; stage++) {
                Gates g = Gates.of(net, ps, in, 1, stage);
                assertEquals(stage == 0 ? 3 : 5, g.size());
                assertTrue(g.maxAbsDifference() < 1e-5f, "stage " + stage + ": " + g.maxAbsDifference());
            }
        }
    }

    @Test
    void gruGatesReproduceTheFusedLayer() {
        DataSpec spec = Fixtures.tokenClasses();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.gru(4).layers(2).residual().layerNorm().bidirectional(), spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.inputs(m, spec, Fixtures.T, 6, 3);
            float worst = 0f;
            for (int stage = 0; stage < 2; stage++) {
                for (int sample = 0; sample < 2; sample++) {
                    Gates g = Gates.of(net, ps, in, sample, stage);
                    assertEquals(List.of("reset", "update", "candidate"), g.names());
                    assertGateRanges(g, List.of("reset", "update"), List.of("candidate"));
                    worst = Math.max(worst, g.maxAbsDifference());
                    assertTrue(g.maxAbsDifference() < 1e-5f, "stage " + stage + " sample " + sample + ": " + g.maxAbsDifference());
                }
            }
            System.out.printf("Gates GRU: largest |recomputed h - fused output| = %.3g%n", worst);
        }
        // and numeric input, plain stack: the hidden states are the stage outputs
        DataSpec numeric = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.gru(4, 3), numeric, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, numeric, 2, Fixtures.T);
            NDList stages = net.forwardWithStages(ps, in, false);
            for (int stage = 0; stage < 2; stage++) {
                Gates g = Gates.of(net, ps, in, 1, stage);
                assertTrue(maxDiff(g.hidden(), stages.get(1 + stage).get(1).toFloatArray()) < 1e-5f);
            }
        }
    }

    @Test
    void errorsNameTheFix() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec, 2, Fixtures.T);
            Network rnn = Fixtures.init(Stack.rnn(3), spec, m);
            SeqLabException e = assertThrows(SeqLabException.class, () -> Gates.of(rnn, ps, in, 0, 0));
            assertTrue(e.getMessage().contains("RNN(tanh)") && e.getMessage().contains("Stack.lstm(...)"), e.getMessage());
            Network lstm = Fixtures.init(Stack.lstm(3).layers(2), spec, m);
            e = assertThrows(SeqLabException.class, () -> Gates.of(lstm, ps, in, 2, 0));
            assertEquals("Sample 2 is not in the batch; use 0 to 1.", e.getMessage());
            e = assertThrows(SeqLabException.class, () -> Gates.of(lstm, ps, in, 0, 2));
            assertEquals("Stage 2 does not exist; use 0 to 1.", e.getMessage());
            Gates g = Gates.of(lstm, ps, in, 0, 1);
            e = assertThrows(SeqLabException.class, () -> g.gate("reset"));
            assertTrue(e.getMessage().contains("[input, forget, candidate, output, cell]"), e.getMessage());
        }
    }

    private static void assertGateRanges(Gates g, List<String> sigmoids, List<String> tanhs) {
        for (String name : sigmoids) {
            for (float[] row : g.gate(name)) {
                for (float v : row) {
                    assertTrue(v > 0f && v < 1f, name + " " + v);
                }
            }
        }
        for (String name : tanhs) {
            for (float[] row : g.gate(name)) {
                for (float v : row) {
                    assertTrue(v > -1f && v < 1f, name + " " + v);
                }
            }
        }
    }

    private static float maxDiff(float[][] a, float[] flat) {
        float d = 0f;
        int w = a[0].length;
        for (int t = 0; t < a.length; t++) {
            for (int j = 0; j < w; j++) {
                d = Math.max(d, Math.abs(a[t][j] - flat[t * w + j]));
            }
        }
        return d;
    }
}
