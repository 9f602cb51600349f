package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seqlab.model.Layer;
import dev.seqlab.model.Stack;
import dev.seqlab.runtime.Torch;
import org.junit.jupiter.api.Test;

class StepThreadsTest {

    @Test
    void smallGruAndRnnStepsTrainOnOneThreadLstmKeepsTheSessionCount() {
        assertEquals(1, StepThreads.choose(Stack.rnn(128).layers(2), 64, 2), "tanh RNN (e): 64 x 128 x 128 = 1.0 M");
        assertEquals(1, StepThreads.choose(Stack.gru(128).layers(2), 64, 2), "GRU (d): 64 x 128 x 384 = 3.1 M");
        assertEquals(2, StepThreads.choose(Stack.gru(256).layers(2), 64, 2), "GRU 64 x 256 x 768 = 12.6 M");
        assertEquals(1, StepThreads.choose(Stack.gru(32), 16, 4));
        assertEquals(2, StepThreads.choose(Stack.lstm(8), 16, 2), "LSTM runs as oneDNN's fused kernel");
        assertEquals(2, StepThreads.choose(Stack.rnn(16).then(Layer.lstm(8)), 16, 2), "a mixed stack with an LSTM layer");
        assertEquals(3, StepThreads.choose(Stack.rnn(16).then(Layer.gru(512)), 64, 3), "one large layer is enough");
        assertEquals(1, StepThreads.choose(Stack.lstm(64), 64, 1), "never more than the session has");
    }

    @Test
    void aRunWithoutAThreadCountRecordsTheChosenOneAndLeavesTheSessionAlone() {
        int session = Torch.threads();
        Torch.threads(2);
        try (Run rnn = Experiment.of(Stack.rnn(8), Fixtures.air()).epochs(1).batch(16).seed(3).train();
                Run fixed = Experiment.of(Stack.rnn(8), Fixtures.air()).epochs(1).batch(16).seed(3).threads(2).train()) {
            assertEquals(1, rnn.threads(), "the run says what it chose");
            assertEquals(2, fixed.threads(), "a named count wins");
            assertEquals(2, Torch.threads(), "the session's count is back after the run");
        } finally {
            Torch.threads(session);
        }
    }
}
