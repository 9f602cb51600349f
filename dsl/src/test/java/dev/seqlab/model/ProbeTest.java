package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import org.junit.jupiter.api.Test;

/** Zero probes: free to add, and their gradient is dL/d(stage output) per step. */
class ProbeTest {

    @Test
    void zeroProbesChangeNothingAndReceiveStageGradients() {
        DataSpec spec = Fixtures.tokenClasses();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(4, 6).bidirectional().residualProjected().layerNorm().dropout(0.5), spec, m);
            NDList in = Fixtures.inputs(m, spec, 6, 6, 4);
            NDArray plain = net.forward(Fixtures.store(m), in, false).head();
            NDList probed = new NDList(in.get(0), in.get(1));
            for (int i = 0; i < net.depth(); i++) {
                NDArray probe = m.zeros(new Shape(2, 6, net.stageSize(i)));
                probe.setRequiresGradient(true);
                probed.add(probe);
            }
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
                NDArray y = net.forward(Fixtures.store(m), probed, false).head();
                // Adding zeros changes nothing; recording gradients may pick libtorch's training
                // kernels, which round differently by an ulp (seen with oneDNN limited to AVX2).
                assertTrue(Fixtures.maxDiff(plain, y) < 1e-6f, "probes changed the output by " + Fixtures.maxDiff(plain, y));
                gc.backward(y.sum());
            }
            for (int i = 0; i < net.depth(); i++) {
                NDArray g = probed.get(2 + i).getGradient();
                assertEquals(new Shape(2, 6, net.stageSize(i)), g.getShape());
                assertTrue(g.abs().sum().getFloat() > 0f, "stage " + i + " got no gradient");
            }
            // the last stage is pooled at the last real step (forward half) and at step 0 (backward
            // half): the second sequence's padded steps 4 and 5 receive no gradient at all
            NDArray last = probed.get(3).getGradient();
            assertEquals(0f, last.get("1, 4:, :").abs().sum().getFloat());
            assertTrue(last.get("1, 3, :6").abs().sum().getFloat() > 0f);
        }
    }
}
