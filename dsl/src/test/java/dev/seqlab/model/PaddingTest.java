package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Padding never changes a prediction: not its amount and not its content. */
class PaddingTest {

    static Stream<Stack> stacks() {
        return Stream.of(
                Stack.lstm(4),
                Stack.gru(4, 4).bidirectional(),
                Stack.rnn(5).layers(3).relu().bidirectional().residual().layerNorm(),
                Stack.lstm(4, 6).bidirectional().residualProjected().attention(),
                Stack.gru(4).layers(2).attention().layerNorm().dropout(0.3));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void extraPaddingWithOtherContentGivesTheSameOutput(Stack stack) {
        DataSpec spec = Fixtures.tokenClasses();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(stack, spec, m);
            long[] ids = {3, 7, 1, 9};
            NDArray shortX = m.create(new long[] {3, 7, 1, 9, 0}, new Shape(1, 5));
            NDArray shortMask = m.create(new float[] {1, 1, 1, 1, 0}, new Shape(1, 5));
            // eight steps, padded with non-zero junk that a careless layer would read
            NDArray longX = m.create(new long[] {ids[0], ids[1], ids[2], ids[3], 5, 2, 8, 4}, new Shape(1, 8));
            NDArray longMask = m.create(new float[] {1, 1, 1, 1, 0, 0, 0, 0}, new Shape(1, 8));
            NDList a = net.forward(Fixtures.store(m), new NDList(shortX, shortMask), false);
            NDList b = net.forward(Fixtures.store(m), new NDList(longX, longMask), false);
            assertTrue(Fixtures.maxDiff(a.get(0), b.get(0)) < 1e-6f, "prediction changed with padding");
            if (net.hasAttention()) {
                NDArray wa = a.get(1).get(":, :4");
                NDArray wb = b.get(1).get(":, :4");
                assertTrue(Fixtures.maxDiff(wa, wb) < 1e-6f, "attention changed with padding");
            }
            // unpadded: the same sequence alone, mask all ones
            NDList c = net.forward(Fixtures.store(m),
                    new NDList(m.create(ids, new Shape(1, 4)), m.ones(new Shape(1, 4))), false);
            assertTrue(Fixtures.maxDiff(a.get(0), c.get(0)) < 1e-6f, "prediction differs from the unpadded one");
        }
    }
}
