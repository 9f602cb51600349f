package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-made bidirectional layer: biases on, real part reversed, padding left alone. */
class BidirectionalTest {

    static List<LayerKind> allKinds() {
        return LayerKind.values();
    }

    static List<LayerKind> gatedKinds() {
        return List.of(LayerKind.LSTM, LayerKind.GRU);
    }


    /** Which (step, half) outputs of a one-stage network change when input step {@code p} changes. */
    private static boolean[][] changed(Network net, NDManager m, NDList in, int p, int length) {
        ParameterStore ps = Fixtures.store(m);
        NDArray before = net.forwardWithStages(ps, in, false).get(1);
        NDArray x = in.get(0).duplicate();
        x.set(new NDIndex("0, {}, :", p), 5f);
        NDArray after = net.forwardWithStages(ps, new NDList(x, in.get(1)), false).get(1);
        int h = net.stageSize(0) / 2;
        boolean[][] result = new boolean[length][2];
        for (int t = 0; t < length; t++) {
            result[t][0] = Fixtures.maxDiff(before.get("0, {}, :{}", t, h), after.get("0, {}, :{}", t, h)) > 1e-7f;
            result[t][1] = Fixtures.maxDiff(before.get("0, {}, {}:", t, h), after.get("0, {}, {}:", t, h)) > 1e-7f;
        }
        return result;
    }

    @ParameterizedTest
    @MethodSource("allKinds")
    void backwardHalfAtStepTDependsOnlyOnLaterRealSteps(LayerKind cell) {
        DataSpec spec = Fixtures.numericClasses();
        // 16 units: with ReLU a handful of units can all be dead at one step, hiding a dependency.
        Stack s = cell == LayerKind.LSTM ? Stack.lstm(16) : cell == LayerKind.GRU ? Stack.gru(16) : Stack.rnn(16);
        s = cell == LayerKind.RNN_RELU ? s.relu() : s;
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(s.bidirectional(), spec, m);
            int length = 5; // one padded step at the end (T = 6)
            NDList in = Fixtures.inputs(m, spec, Fixtures.T, length);
            int p = 2;
            boolean[][] c = changed(net, m, in, p, length);
            for (int t = 0; t < length; t++) {
                assertEquals(t >= p, c[t][0], "forward half at step " + t);
                assertEquals(t <= p, c[t][1], "backward half at step " + t);
            }
            // perturbing the padded step changes no real output in either direction
            boolean[][] pad = changed(net, m, in, Fixtures.T - 1, length);
            for (int t = 0; t < length; t++) {
                assertTrue(!pad[t][0] && !pad[t][1], "step " + t + " saw the padding");
            }
        }
    }

    @Test
    void backwardHalfEqualsTheBackwardBlockOnTheReversedRealPart() {
        DataSpec spec = Fixtures.numericClasses();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(4).bidirectional(), spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.inputs(m, spec, Fixtures.T, 4, 6);
            NDArray stage = net.forwardWithStages(ps, in, false).get(1);
            List<Block> blocks = net.recurrentBlocks(0);
            for (int b = 0; b < 2; b++) {
                int len = b == 0 ? 4 : 6;
                NDArray real = in.get(0).get("{}:{}, :{}, :", b, b + 1, len);
                NDArray back = blocks.get(1).forward(ps, new NDList(real.flip(1)), false).head().flip(1);
                NDArray fwd = blocks.get(0).forward(ps, new NDList(real), false).head();
                assertTrue(Fixtures.maxDiff(back, stage.get("{}:{}, :{}, 4:", b, b + 1, len)) < 1e-6f);
                assertTrue(Fixtures.maxDiff(fwd, stage.get("{}:{}, :{}, :4", b, b + 1, len)) < 1e-6f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("gatedKinds")
    void runsWithBiasesWhereDjlsOwnBidirectionalDoesNot(LayerKind cell) {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Stack s = cell == LayerKind.LSTM ? Stack.lstm(4, 4) : Stack.gru(4, 4);
            Network net = Fixtures.init(s.bidirectional(), Fixtures.regression(), m);
            boolean biases = net.recurrentBlocks(1).get(1).getParameters().keys().stream().anyMatch(k -> k.contains("BIAS"));
            assertTrue(biases);
            NDArray y = net.forward(Fixtures.store(m), Fixtures.full(m, Fixtures.regression(), 3, 6), false).head();
            assertEquals(new Shape(3, 2), y.getShape());
        }
    }
}
