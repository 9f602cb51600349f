package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Truncated BPTT: chunks carrying state equal one long forward; detached state cuts the graph. */
class TruncatedBpttTest {

    private static final int T = 12;
    private static final int[][] CHUNKS = {{0, 5}, {5, 9}, {9, 12}};

    @Test
    void lstmChunksEqualOneForward() {
        chunksEqualOneForward(Stack.lstm(5).layers(2).residual().layerNorm(), 2 * 2);
    }

    @Test
    void gruChunksEqualOneForward() {
        chunksEqualOneForward(Stack.gru(5).layers(2).residual().layerNorm(), 1 * 2);
    }

    @Test
    void rnnChunksEqualOneForward() {
        chunksEqualOneForward(Stack.rnn(4, 6).residualProjected().layerNorm().dropout(0.3), 1 * 2);
    }

    /** Each layer carries its own kind's state: h (GRU), h and c (LSTM), h (RNN), in order. */
    @Test
    void mixedChunksEqualOneForward() {
        chunksEqualOneForward(Stack.gru(5).then(Layer.lstm(6).residualProjected().layerNorm()).then(Layer.rnn(4).dropout(0.2)), 1 + 2 + 1);
    }

    private static void chunksEqualOneForward(Stack stack, int stateArrays) {
        List<Integer> stateSizes = new ArrayList<>();
        for (Layer l : stack.layerList()) {
            for (int k = 0; k < l.kind().states(); k++) {
                stateSizes.add(l.size());
            }
        }
        DataSpec spec = Fixtures.nextToken();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(stack, spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec, 3, T);
            NDArray whole = net.forward(ps, in, false).head();
            Network.Chunk all = net.forwardWithState(ps, in, new NDList(), false);
            assertEquals(0f, Fixtures.maxDiff(whole, all.outputs().head()));
            assertEquals(stateArrays, all.state().size());
            for (int i = 0; i < all.state().size(); i++) {
                assertEquals(new Shape(1, 3, stateSizes.get(i)), all.state().get(i).getShape());
            }
            NDList state = new NDList();
            float worst = 0f;
            for (int[] c : CHUNKS) {
                NDList part = slice(in, c[0], c[1]);
                Network.Chunk chunk = net.forwardWithState(ps, part, state, false);
                NDArray expected = whole.get(new NDIndex(":, {}:{}, :", c[0], c[1]));
                worst = Math.max(worst, Fixtures.maxDiff(expected, chunk.outputs().head()));
                state = detach(chunk.state());
            }
            System.out.printf("TBPTT %s: chunks 5+4+3 vs one forward, max |diff| = %.3g%n", stack.kindLabel(), worst);
            assertTrue(worst < 1e-5f, "chunked outputs differ by " + worst);
            for (int i = 0; i < state.size(); i++) {
                assertTrue(Fixtures.maxDiff(all.state().get(i), state.get(i)) < 1e-5f, "final state " + i);
            }
        }
    }

    @Test
    void detachedStateStopsGradientsAtTheChunkBoundary() {
        DataSpec spec = Fixtures.nextToken();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(4).layers(2).layerNorm(), spec, m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec, 2, T);
            assertEquals(0f, lastChunkGradientOnFirstChunk(net, ps, in, true));
            assertTrue(lastChunkGradientOnFirstChunk(net, ps, in, false) > 0f, "control: attached state carries gradient");
        }
    }

    /** Sum of |gradient| that a loss on the last chunk puts on probes of the first chunk. */
    private static float lastChunkGradientOnFirstChunk(Network net, ParameterStore ps, NDList in, boolean detach) {
        NDManager m = in.head().getManager();
        NDList first = slice(in, 0, 5);
        for (int i = 0; i < net.depth(); i++) {
            NDArray probe = m.zeros(new Shape(2, 5, net.stageSize(i)));
            probe.setRequiresGradient(true);
            first.add(probe);
        }
        try (GradientCollector gc = Torch.engine().newGradientCollector()) {
            NDList state = net.forwardWithState(ps, first, new NDList(), true).state();
            NDArray last = null;
            for (int[] c : new int[][] {{5, 9}, {9, 12}}) {
                Network.Chunk chunk = net.forwardWithState(ps, slice(in, c[0], c[1]), detach ? detach(state) : state, true);
                state = chunk.state();
                last = chunk.outputs().head();
            }
            NDArray loss = last.square().mean();
            gc.backward(loss);
        }
        float total = 0f;
        for (int i = 0; i < net.depth(); i++) {
            total += first.get(2 + i).getGradient().abs().sum().getFloat();
        }
        return total;
    }

    @Test
    void stacksThatCannotCarryStateSayHowToFixIt() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec, 2, 6);
            Network bi = Fixtures.init(Stack.gru(3).bidirectional(), spec, m);
            SeqLabException e = assertThrows(SeqLabException.class, () -> bi.forwardWithState(ps, in, new NDList(), false));
            assertTrue(e.getMessage().contains("remove .bidirectional()"), e.getMessage());
            Network att = Fixtures.init(Stack.gru(3).attention(), spec, m);
            e = assertThrows(SeqLabException.class, () -> att.forwardWithState(ps, in, new NDList(), false));
            assertTrue(e.getMessage().contains("remove .attention()"), e.getMessage());
            Network lstm = Fixtures.init(Stack.lstm(3).layers(2), spec, m);
            NDList wrong = new NDList(m.zeros(new Shape(1, 2, 3)));
            e = assertThrows(SeqLabException.class, () -> lstm.forwardWithState(ps, in, wrong, false));
            assertTrue(e.getMessage().contains("carries 4"), e.getMessage());
            // a regression head reads the last step of the chunk, exactly as forward does
            NDArray y = lstm.forwardWithState(ps, in, new NDList(), false).outputs().head();
            assertEquals(0f, Fixtures.maxDiff(lstm.forward(ps, in, false).head(), y));
        }
    }

    private static NDList slice(NDList in, int from, int to) {
        return new NDList(in.get(0).get(new NDIndex(":, {}:{}", from, to)), in.get(1).get(new NDIndex(":, {}:{}", from, to)));
    }

    private static NDList detach(NDList state) {
        NDList out = new NDList();
        for (NDArray a : state) {
            out.add(a.stopGradient());
        }
        return out;
    }

}
