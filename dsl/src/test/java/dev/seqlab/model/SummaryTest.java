package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.seqlab.runtime.Torch;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The summary table: one row per part and a total. */
class SummaryTest {

    @Test
    void rowsPerPartAndATotal() {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.rnn(4, 6).embedding(5).layerNorm().residualProjected().attention(),
                    Fixtures.tokenClasses(), m);
            Table t = net.summary();
            assertEquals(List.of("layer", "kind", "output shape", "parameters"), t.columnNames());
            assertEquals(List.of("embedding", "stage 1", "stage 2", "attention", "head", "total"),
                    t.stringColumn("layer").asList());
            assertEquals(List.of(55, 52, 108, 48, 21, 284), t.intColumn("parameters").asList());
            assertEquals("(B, 6, 6)", t.stringColumn("output shape").get(2));
            assertEquals("(B, 3)", t.stringColumn("output shape").get(4));
            assertTrue(t.stringColumn("kind").get(2).contains("projected residual"), t.print());
            assertTrue(t.stringColumn("kind").get(2).contains("layer norm"), t.print());
        }
    }

    @Test
    void nextTokenHeadHasAStepAxis() {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.gru(4).layers(2).dropout(0.25), Fixtures.nextToken(), m);
            Table t = net.summary();
            assertEquals(5, t.rowCount()); // embedding, 2 stages, head, total
            assertEquals("(B, 6, 11)", t.stringColumn("output shape").get(3));
            assertTrue(t.stringColumn("kind").get(2).contains("dropout 0.25"), t.print());
        }
    }
}
