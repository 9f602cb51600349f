package dev.seqlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookTest {

    @TempDir
    Path dir;

    static final String SMALL = """
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {"custom": {"keep": 1}}, "outputs": [],
              "source": ["int a = 1;\\n", "a + 1"], "extra_field": "kept"}],
             "metadata": {"kernelspec": {"name": "seqlab", "language": "java", "display_name": "SeqLab (Java)"}, "mine": [1, 2]},
             "nbformat": 4, "nbformat_minor": 4}
            """;

    @Test
    void unknownFieldsAndMetadataSurviveARoundTrip() throws Exception {
        Notebook nb = Notebook.parse(SMALL, "small.ipynb");
        assertEquals("int a = 1;\na + 1", Notebook.source(nb.cells().get(0).getAsJsonObject()));
        Path out = dir.resolve("out.ipynb");
        nb.write(out);
        String text = Files.readString(out);
        assertEquals(JsonParser.parseString(SMALL), JsonParser.parseString(text));
        assertTrue(text.startsWith("{\n \"cells\": [\n  {\n"), text);
        assertTrue(text.endsWith("}\n"));
        assertEquals(1, Files.list(dir).count(), "no temporary file is left behind");
    }

    @Test
    void linesKeepTheirEnds() {
        assertEquals("[\"a\\n\",\"b\\n\",\"c\"]", Notebook.lines("a\nb\nc").toString());
        assertEquals("[]", Notebook.lines("").toString());
    }

    @Test
    void badNotebooksAreRefusedWithOneSentence() throws Exception {
        Path missing = dir.resolve("missing.ipynb");
        assertEquals("Notebook " + missing + " does not exist; check the path.",
                assertThrows(BadInputException.class, () -> Notebook.read(missing)).getMessage());
        Path text = dir.resolve("text.ipynb");
        Files.writeString(text, "this is not json\n");
        assertEquals("Notebook " + text + " is not valid JSON (line 1 column 1); is it really an .ipynb file?",
                assertThrows(BadInputException.class, () -> Notebook.read(text)).getMessage());
        Path truncated = dir.resolve("truncated.ipynb");
        Files.writeString(truncated, SMALL.substring(0, 60));
        assertTrue(assertThrows(BadInputException.class, () -> Notebook.read(truncated)).getMessage()
                .startsWith("Notebook " + truncated + " is not valid JSON"));
        Path v3 = dir.resolve("v3.ipynb");
        Files.writeString(v3, "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": [{\"cells\": []}]}");
        assertEquals("Notebook " + v3 + " is in nbformat 3, but SeqLab runs nbformat 4 only; convert it with "
                + "'jupyter nbconvert --to notebook " + v3 + "' first.",
                assertThrows(BadInputException.class, () -> Notebook.read(v3)).getMessage());
        Path other = dir.resolve("other.ipynb");
        Files.writeString(other, "[1, 2]");
        assertEquals("Notebook " + other + " is JSON but not a Jupyter notebook (it has no 'nbformat' and no 'cells'); give an .ipynb file.",
                assertThrows(BadInputException.class, () -> Notebook.read(other)).getMessage());
        // Before: an empty file was "JSON but not a notebook", and an object as a cell's source
        // ended the run with a Java stack trace when the cell was read.
        Path empty = Files.writeString(dir.resolve("empty.ipynb"), "");
        assertEquals("Notebook " + empty + " is empty (0 bytes); give a saved .ipynb file.",
                assertThrows(BadInputException.class, () -> Notebook.read(empty)).getMessage());
        Path objectSource = Files.writeString(dir.resolve("object-source.ipynb"), "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, "
                + "\"cells\": [{\"cell_type\": \"markdown\", \"source\": \"ok\"}, {\"cell_type\": \"code\", \"source\": {\"a\": 1}}]}");
        assertEquals("Notebook " + objectSource + " has a cell (cell 2) whose 'source' is not text (a string or a list of strings), "
                + "so the file is damaged; save it again from Jupyter.",
                assertThrows(BadInputException.class, () -> Notebook.read(objectSource)).getMessage());
    }
}
