package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import org.junit.jupiter.api.Test;

/** Skip links: stage output = recurrent output + (projected) input. */
class ResidualTest {

    @Test
    void identitySkipAddsTheInputOfTheLayer() {
        DataSpec spec = Fixtures.numericClasses();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.gru(5).layers(3).bidirectional().residual(), spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec, 2, 6);
            NDList out = net.forwardWithStages(ps, in, false);
            for (int i = 1; i < 3; i++) {
                NDArray input = out.get(i);
                NDArray fwd = net.recurrentBlocks(i).get(0).forward(ps, new NDList(input), false).head();
                NDArray back = net.recurrentBlocks(i).get(1).forward(ps, new NDList(input.flip(1)), false).head().flip(1);
                NDArray expected = fwd.concat(back, 2).add(input);
                assertTrue(Fixtures.maxDiff(expected, out.get(i + 1)) < 1e-6f, "stage " + (i + 1));
            }
            // the first layer is fed by the data and has no skip: its output is the plain layer output
            NDArray first = net.recurrentBlocks(0).get(0).forward(ps, new NDList(in.get(0)), false).head();
            assertTrue(Fixtures.maxDiff(first, out.get(1).get(":, :, :5")) < 1e-6f);
        }
    }

    @Test
    void projectedSkipMapsBetweenSizesWithALearnedMatrix() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(6, 4, 4).residualProjected(), spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList out = net.forwardWithStages(ps, Fixtures.full(m, spec, 2, 6), false);
            NDArray input = out.get(1);
            NDArray layer = net.recurrentBlocks(1).get(0).forward(ps, new NDList(input), false).head();
            NDArray projection = ((StackBlock) net.block()).stages().get(1).getParameters().values().stream()
                    .filter(p -> p.getName().equals("weight")).findFirst().orElseThrow().getArray();
            assertEquals(new ai.djl.ndarray.types.Shape(4, 6), projection.getShape());
            NDArray expected = layer.add(input.matMul(projection.transpose()));
            assertTrue(Fixtures.maxDiff(expected, out.get(2)) < 1e-6f);
            // equal sizes (stage 3) use the identity even in projected mode: no extra parameters
            assertTrue(!((StackBlock) net.block()).stages().get(2).hasProjection());
            assertTrue(((StackBlock) net.block()).stages().get(1).hasProjection());
            NDArray third = net.recurrentBlocks(2).get(0).forward(ps, new NDList(out.get(2)), false).head();
            assertTrue(Fixtures.maxDiff(third.add(out.get(2)), out.get(3)) < 1e-6f);
        }
    }
}
