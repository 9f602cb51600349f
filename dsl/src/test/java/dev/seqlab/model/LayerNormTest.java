package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import org.junit.jupiter.api.Test;

/** Layer norm works over features only, so it leaves the sequence length free. */
class LayerNormTest {

    @Test
    void normalisesEachStepOverFeaturesAndAcceptsAnotherLength() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(8).layers(2).bidirectional().layerNorm(), spec, m);
            for (Pair<String, Parameter> p : net.block().getParameters()) {
                if (p.getKey().contains("gamma") || p.getKey().contains("beta")) {
                    assertEquals(new Shape(16), p.getValue().getShape(), p.getKey());
                }
            }
            // initialised with T = 6; run with T = 9
            NDList out = net.forwardWithStages(Fixtures.store(m), Fixtures.full(m, spec, 3, 9), false);
            for (int i = 1; i <= 2; i++) {
                NDArray stage = out.get(i);
                assertEquals(new Shape(3, 9, 16), stage.getShape());
                NDArray mean = stage.mean(new int[] {2});
                NDArray var = stage.sub(mean.expandDims(2)).pow(2).mean(new int[] {2});
                assertEquals(0f, mean.abs().max().getFloat(), 1e-5f);
                // biased variance is v / (v + 1e-5): a little under 1 when the layer's own
                // variance v is small (tanh outputs of a fresh layer are around 0.1)
                assertEquals(1f, var.min().getFloat(), 2e-2f);
                assertEquals(1f, var.max().getFloat(), 1e-3f);
            }
            assertEquals(new Shape(3, 2), out.get(0).getShape());
        }
    }
}
