package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.Task;
import dev.seqlab.runtime.Torch;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The builder: defaults, immutability, printing and every validation message. */
class StackTest {

    @BeforeAll
    static void engine() {
        Torch.engine();
    }

    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(SeqLabException.class, e).getMessage());
    }

    @Test
    void toStringListsEveryDefault() {
        assertEquals("Stack[cell=LSTM(tanh) sizes=[64] bidirectional=false dropout=0.0 residual=false layerNorm=false"
                + " attention=false embedding=auto(32) head=auto]", Stack.lstm(64).toString());
        assertEquals("Stack[cell=LSTM(tanh) sizes=[64, 64, 64, 64] bidirectional=false dropout=0.2 residual=true"
                + " layerNorm=true attention=true embedding=auto(32) head=regression]",
                Stack.lstm(64).layers(4).dropout(0.2).residual().layerNorm().attention().regression().toString());
        assertEquals("Stack[cell=RNN(relu) sizes=[8, 4] bidirectional=true dropout=0.0 residual=projected"
                + " layerNorm=false attention=false embedding=16 head=next-token]",
                Stack.rnn(8, 4).relu().bidirectional().residualProjected().embedding(16).nextToken().toString());
        assertEquals("GRU(tanh)", Stack.gru(3).kind().label());
    }

    @Test
    void gettersAndDefaults() {
        Stack s = Stack.gru(16);
        assertEquals(LayerKind.GRU, s.kind());
        assertArrayEquals(new int[] {16}, s.sizes());
        assertEquals(1, s.layers());
        assertFalse(s.isBidirectional());
        assertEquals(0.0, s.dropout());
        assertFalse(s.isResidual());
        assertFalse(s.isResidualProjected());
        assertFalse(s.isLayerNorm());
        assertFalse(s.hasAttention());
        assertEquals(0, s.embeddingDim());
        assertEquals(Head.AUTO, s.head());
        Stack t = s.layers(3).bidirectional().dropout(0.1).residualProjected().layerNorm().attention().embedding(8)
                .classification();
        assertArrayEquals(new int[] {16, 16, 16}, t.sizes());
        assertTrue(t.isBidirectional() && t.isResidual() && t.isResidualProjected() && t.isLayerNorm() && t.hasAttention());
        assertEquals(0.1, t.dropout());
        assertEquals(8, t.embeddingDim());
        assertEquals(Head.CLASSIFICATION, t.head());
        assertEquals(LayerKind.RNN_TANH, Stack.rnn(2).kind());
        assertEquals(LayerKind.RNN_RELU, Stack.rnn(2).relu().kind());
    }

    @Test
    void immutableWithValueEquality() {
        Stack base = Stack.lstm(32);
        Stack deep = base.layers(4);
        assertEquals(1, base.layers());
        assertEquals(4, deep.layers());
        int[] sizes = deep.sizes();
        sizes[0] = 1;
        assertEquals(32, deep.sizes()[0]);
        assertEquals(Stack.lstm(32, 32, 32, 32), deep);
        assertEquals(Stack.lstm(32, 32, 32, 32).hashCode(), deep.hashCode());
        assertNotEquals(deep, deep.dropout(0.1));
        assertNotEquals(deep, deep.residual());
        assertNotEquals(deep.residual(), deep.residualProjected());
        assertEquals(Stack.lstm(8, 4), Stack.lstm(8, 4).layers(2));
    }

    @Test
    void autoHeadAndEmbeddingFollowTheData() {
        assertEquals(Head.REGRESSION, Stack.lstm(4).resolvedHead(Fixtures.regression()));
        assertEquals(Head.CLASSIFICATION, Stack.lstm(4).resolvedHead(Fixtures.tokenClasses()));
        assertEquals(Head.NEXT_TOKEN, Stack.lstm(4).resolvedHead(Fixtures.nextToken()));
        assertEquals(32, Stack.lstm(4).resolvedEmbedding(Fixtures.tokenClasses()));
        assertEquals(7, Stack.lstm(4).embedding(7).resolvedEmbedding(Fixtures.tokenClasses()));
        assertEquals(0, Stack.lstm(4).resolvedEmbedding(Fixtures.regression()));
        // one layer: dropout and residual links have nothing between layers to act on
        Network one = Stack.lstm(4).dropout(0.5).residual().build(Fixtures.regression());
        assertEquals(1, one.depth());
    }

    @Test
    void builderRefusesBadValuesAtOnce() {
        fails("Stack.lstm() needs at least one layer size; use for example Stack.lstm(64).", () -> Stack.lstm());
        fails("Layer size 0 is below 1; use sizes of 1 or more.", () -> Stack.gru(32, 0));
        fails("Layer size -4 is below 1; use sizes of 1 or more.", () -> Stack.rnn(-4));
        fails("Layer count 0 is below 1; use .layers(1) or more.", () -> Stack.lstm(8).layers(0));
        fails(".layers(3) conflicts with the 2 explicit sizes [8, 16]; give one size or drop .layers().",
                () -> Stack.lstm(8, 16).layers(3));
        fails("Dropout 1.0 is outside [0, 1); use a rate such as 0.2.", () -> Stack.lstm(8).dropout(1));
        fails("Dropout -0.1 is outside [0, 1); use a rate such as 0.2.", () -> Stack.lstm(8).dropout(-0.1));
        fails(".relu() applies only to plain RNN cells, not LSTM; use Stack.rnn(...).relu() or drop .relu().",
                () -> Stack.lstm(8).relu());
        fails(".relu() applies only to plain RNN cells, not GRU; use Stack.rnn(...).relu() or drop .relu().",
                () -> Stack.gru(8).relu());
        fails("Embedding size 0 is below 1; use .embedding(32) or another positive size.",
                () -> Stack.lstm(8).embedding(0));
    }

    @Test
    void buildRefusesWhatDoesNotFitTheData() {
        fails("Residual links need equal layer sizes but layer 1 has 64 and layer 2 has 32; use equal sizes or"
                + " .residualProjected().", () -> Stack.lstm(64, 32).residual().build(Fixtures.regression()));
        fails("A bidirectional stack cannot predict the next token because its backward half would see the future;"
                + " remove .bidirectional().", () -> Stack.lstm(8).bidirectional().build(Fixtures.nextToken()));
        fails("Attention pooling cannot predict the next token because it would see the future; remove .attention().",
                () -> Stack.gru(8).attention().build(Fixtures.nextToken()));
        fails("A classification head does not fit REGRESSION data; use .regression() or leave the head out to choose"
                + " it from the data.", () -> Stack.lstm(8).classification().build(Fixtures.regression()));
        fails("A next-token head does not fit CLASSIFICATION data; use .classification() or leave the head out to"
                + " choose it from the data.", () -> Stack.lstm(8).nextToken().build(Fixtures.numericClasses()));
        fails("A regression head does not fit NEXT_TOKEN data; use .nextToken() or leave the head out to choose it"
                + " from the data.", () -> Stack.lstm(8).regression().build(Fixtures.nextToken()));
        fails("An embedding needs token input but this data has 3 numeric features; remove .embedding(16).",
                () -> Stack.lstm(8).embedding(16).build(Fixtures.regression()));
        DataSpec spec = new DataSpec(Task.REGRESSION, 4, 2, 0, 1, 1, List.of("y"));
        String uninitialised = "The network is not initialised; call initialize(manager) or let a trainer initialise it first.";
        fails(uninitialised, () -> Stack.lstm(8).build(spec).parameterCount());
        fails(uninitialised, () -> Stack.lstm(8).build(spec).summary());
        fails("Stage 2 does not exist; use 0 to 1.", () -> Stack.lstm(8).layers(2).build(spec).stageSize(2));
    }
}
