package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import dev.seqlab.model.Layer;
import dev.seqlab.model.Stack;
import org.junit.jupiter.api.Test;

/** The model declaration in run.json: checkpoints written before mixed stacks still load, and mixed stacks round-trip. */
class StackCodecTest {

    private static final Gson GSON = new Gson();

    /** The "stack" object exactly as the enum-based codec of round 1 wrote it. */
    @Test
    void checkpointsOfTheCellEnumEraStillLoad() {
        String old = "{\"cell\":\"RNN_RELU\",\"sizes\":[8,4],\"bidirectional\":true,\"dropout\":0.2,\"residual\":true,"
                + "\"residualProjected\":true,\"layerNorm\":true,\"attention\":false,\"embedding\":16,\"head\":\"NEXT_TOKEN\"}";
        Stack s = GSON.fromJson(old, StackCodec.class).toStack();
        assertEquals(Stack.rnn(8, 4).relu().bidirectional().dropout(0.2).residualProjected().layerNorm().embedding(16).nextToken(), s);
        String lstm = "{\"cell\":\"LSTM\",\"sizes\":[32,32],\"bidirectional\":false,\"dropout\":0.0,\"residual\":false,"
                + "\"residualProjected\":false,\"layerNorm\":false,\"attention\":true,\"embedding\":0,\"head\":\"AUTO\"}";
        assertEquals(Stack.lstm(32).layers(2).attention(), GSON.fromJson(lstm, StackCodec.class).toStack());
    }

    @Test
    void uniformStacksAreWrittenInTheOldFormat() {
        String json = GSON.toJson(StackCodec.of(Stack.gru(16).layers(2).dropout(0.1)));
        assertTrue(json.contains("\"cell\":\"GRU\"") && json.contains("\"sizes\":[16,16]"), json);
        assertFalse(json.contains("layers"), json);
    }

    @Test
    void mixedStacksRoundTrip() {
        Stack mixed = Stack.lstm(8).bidirectional().then(Layer.gru(16).residual().layerNorm())
                .then(Layer.rnn(4).relu().dropout(0.3).residualProjected()).attention().regression();
        StackCodec c = GSON.fromJson(GSON.toJson(StackCodec.of(mixed)), StackCodec.class);
        assertNull(c.cell());
        assertEquals(mixed, c.toStack());
    }
}
