package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.Task;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Output shapes for every cell x direction x pooling x head that the validation allows. */
class ShapesTest {

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        List<DataSpec> specs = List.of(Fixtures.regression(), Fixtures.numericClasses(), Fixtures.tokenClasses(),
                Fixtures.nextToken());
        for (LayerKind cell : LayerKind.values()) {
            for (boolean bi : new boolean[] {false, true}) {
                for (boolean att : new boolean[] {false, true}) {
                    for (DataSpec spec : specs) {
                        if (spec.task() == Task.NEXT_TOKEN && (bi || att)) {
                            continue; // refused by validation: they would see the future
                        }
                        all.add(Arguments.of(cell, bi, att, spec));
                    }
                }
            }
        }
        return all.stream();
    }

    static Stack stack(LayerKind cell, boolean bi, boolean att) {
        Stack s = cell == LayerKind.LSTM ? Stack.lstm(4, 5) : cell == LayerKind.GRU ? Stack.gru(4, 5) : Stack.rnn(4, 5);
        if (cell == LayerKind.RNN_RELU) {
            s = s.relu();
        }
        if (bi) {
            s = s.bidirectional();
        }
        if (att) {
            s = s.attention();
        }
        return s;
    }

    @ParameterizedTest(name = "{0} bidirectional={1} attention={2} {3}")
    @MethodSource("combinations")
    void outputShapesAndGradientsFlow(LayerKind cell, boolean bi, boolean att, DataSpec spec) {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(stack(cell, bi, att), spec, m);
            assertEquals(cell, net.stack().kind());
            // a different batch size and sequence length than at initialisation
            int t = spec.task() == Task.NEXT_TOKEN ? 4 : 5;
            NDList in = spec.task() == Task.CLASSIFICATION && spec.tokens()
                    ? Fixtures.inputs(m, spec, t, 5, 3)
                    : Fixtures.full(m, spec, 2, t);
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
                NDList out = net.forward(Fixtures.store(m), in, true);
                Shape expected = spec.task() == Task.NEXT_TOKEN ? new Shape(2, t, spec.outputs()) : new Shape(2, spec.outputs());
                assertEquals(expected, out.get(0).getShape());
                assertEquals(att ? 2 : 1, out.size());
                if (att) {
                    assertEquals(new Shape(2, t), out.get(1).getShape());
                }
                assertEquals(net.block().getOutputShapes(in.getShapes())[0], out.get(0).getShape());
                gc.backward(out.get(0).sum());
            }
            // every parameter took part in the forward pass
            net.block().getParameters().values().forEach(p ->
                    assertEquals(p.getArray().getShape(), p.getArray().getGradient().getShape(), p.getName()));
            assertEquals(2, net.depth());
            assertEquals(bi ? 10 : 5, net.stageSize(1));
            assertEquals(bi ? 2 : 1, net.recurrentBlocks(0).size());
        }
    }
}
