package dev.seqlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectorTest {

    static Notebook notebook(String... cells) {
        Notebook nb = Notebook.empty();
        for (String c : cells) {
            String[] parts = c.split("\\|", 2);
            List<String> tags = parts[0].isEmpty() ? List.of() : List.of(parts[0].split(","));
            nb.cells().add(nb.newCodeCell(parts[1], tags));
        }
        return nb;
    }

    static List<String> sources(Notebook nb) {
        return nb.cells().asList().stream().map(e -> Notebook.source(e.getAsJsonObject())).toList();
    }

    private static final String HEADER = "// Parameters injected by seqlab run\n";

    @Test
    void injectedCellGoesRightAfterTheFirstParametersCell() {
        Notebook nb = notebook("|import java.time.*;", "parameters|int epochs = 30;", "|epochs", "parameters|int other = 1;");
        Injector.Placement p = Injector.inject(nb, new Parameters().add("epochs", "3"));
        assertEquals(2, p.index());
        assertNull(p.warning());
        assertEquals(List.of("import java.time.*;", "int epochs = 30;", HEADER + "int epochs = 3;", "epochs", "int other = 1;"), sources(nb));
        assertEquals(List.of("injected-parameters"), Notebook.tags(nb.cells().get(2).getAsJsonObject()));
        assertEquals("{\"epochs\":3}", nb.metadata().getAsJsonObject("papermill").get("parameters").toString());
        assertEquals("{\"epochs\":3}", nb.metadata().getAsJsonObject("seqlab").get("parameters").toString());
    }

    @Test
    void anInjectedCellFromAnEarlierRunIsReplaced() {
        Notebook nb = notebook("parameters|int epochs = 30;", "injected-parameters|int epochs = 3;", "|epochs");
        Injector.inject(nb, new Parameters().add("epochs", "7"));
        assertEquals(List.of("int epochs = 30;", HEADER + "int epochs = 7;", "epochs"), sources(nb));
        // again, with no parameters cell: the new one takes the old one's place
        Notebook old = notebook("|int a = 1;", "injected-parameters|int epochs = 3;", "|epochs");
        Injector.Placement p = Injector.inject(old, new Parameters().add("epochs", "8"));
        assertEquals(List.of("int a = 1;", HEADER + "int epochs = 8;", "epochs"), sources(old));
        assertEquals(1, p.index());
        assertNull(p.warning());
    }

    @Test
    void withoutATaggedCellTheParametersGoAtTheTopWithAWarning() {
        Notebook nb = notebook("|int epochs = 30;", "|epochs");
        Injector.Placement p = Injector.inject(nb, new Parameters().add("epochs", "2").add("name", "x"));
        assertEquals(0, p.index());
        assertEquals("No cell is tagged 'parameters', so the parameters were injected at the top of the notebook; "
                + "tag the cell that holds the defaults 'parameters' to place them after it.", p.warning());
        assertEquals(List.of(HEADER + "int epochs = 2;\nString name = \"x\";", "int epochs = 30;", "epochs"), sources(nb));
    }

    @Test
    void noParametersInjectNothingButAreRecorded() {
        Notebook nb = notebook("parameters|int epochs = 30;");
        Injector.Placement p = Injector.inject(nb, new Parameters());
        assertEquals(-1, p.index());
        assertEquals(1, nb.cells().size());
        JsonObject papermill = nb.metadata().getAsJsonObject("papermill");
        assertTrue(papermill.getAsJsonObject("parameters").isEmpty());
    }
}
