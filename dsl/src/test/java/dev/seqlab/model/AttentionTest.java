package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import org.junit.jupiter.api.Test;

/** Attention weights: a distribution over the real steps of each sequence. */
class AttentionTest {

    @Test
    void rowsSumToOneAndPaddingGetsExactlyZero() {
        DataSpec spec = Fixtures.tokenClasses();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.gru(4).layers(2).bidirectional().attention(), spec, m);
            assertTrue(net.hasAttention());
            int[] lengths = {6, 3, 1, 5};
            NDList out = net.forward(Fixtures.store(m), Fixtures.inputs(m, spec, 6, lengths), false);
            float[] w = out.get(1).toFloatArray();
            for (int b = 0; b < lengths.length; b++) {
                double sum = 0;
                for (int t = 0; t < 6; t++) {
                    float a = w[b * 6 + t];
                    if (t >= lengths[b]) {
                        assertEquals(0f, a, "weight on padding at (" + b + ", " + t + ")");
                    } else {
                        assertTrue(a > 0f, "real step without weight");
                    }
                    sum += a;
                }
                assertEquals(1.0, sum, 1e-6);
            }
            assertEquals(1f, w[2 * 6], "a one-step sequence puts all weight on it");
        }
    }

    @Test
    void contextIsTheWeightedSumOfTheLastStage() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(3).attention(), spec, m);
            NDList in = Fixtures.full(m, spec, 2, 6);
            NDList all = net.forwardWithStages(Fixtures.store(m), in, false);
            NDArray weights = all.get(1);
            NDArray stage = all.get(2);
            NDArray context = stage.mul(weights.expandDims(2)).sum(new int[] {1});
            // the head is linear: prediction = context W^T + b
            NDList head = ((StackBlock) net.block()).output().forward(Fixtures.store(m), new NDList(context), false);
            assertTrue(Fixtures.maxDiff(head.head(), all.get(0)) < 1e-6f);
        }
    }
}
