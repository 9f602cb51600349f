package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a reader of the committed notebooks sees: every notebook in {@code notebooks/} (the
 * quickstart included) is committed executed, and no cell shows the same thing twice: no image
 * repeated (as {@code image/png} or inline in HTML) and no run summary repeated, the failure that
 * a live training display followed by the same run as the cell's result produced; and no HTML
 * table cell shows a raw double ({@code 0.926166819}).
 */
class NotebookOutputsTest {

    /**
     * A table cell holding a double printed in full: a decimal number with eight or more
     * significant digits (0.926166819, 43.57909650705734), where SeqLab shows at most six.
     */
    private static final Pattern RAW_CELL = Pattern.compile("<td>-?0*\\.?0*([1-9][0-9]*\\.?[0-9]*)</td>");

    static boolean raw(Matcher m) {
        String text = m.group(0);
        return text.contains(".") && m.group(1).replace(".", "").length() >= 8;
    }

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(Launcher.root().resolve("notebooks"))) {
            List<Path> all = s.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
                    .filter(p -> !p.getFileName().toString().endsWith(".out.ipynb") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            assertTrue(all.stream().anyMatch(p -> p.getFileName().toString().equals("quickstart.ipynb")), all.toString());
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void everyCellIsExecutedAndShowsEachOutputOnce(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        List<String> repeats = new ArrayList<>();
        int code = 0;
        int withOutputs = 0;
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            JsonObject cell = e.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString()) || OutputArea.text(cell.get("source")).isBlank()) {
                continue;
            }
            code++;
            assertFalse(cell.get("execution_count").isJsonNull(), notebook.getFileName() + " has a code cell never executed:\n"
                    + OutputArea.text(cell.get("source")));
            JsonArray outputs = cell.getAsJsonArray("outputs");
            if (!outputs.isEmpty()) {
                withOutputs++;
            }
            for (String r : OutputArea.repeats(outputs)) {
                repeats.add("cell " + cell.get("execution_count") + ": " + r);
            }
            for (JsonElement o : outputs) {
                JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
                Matcher m = data == null || !data.has("text/html") ? null : RAW_CELL.matcher(OutputArea.text(data.get("text/html")));
                while (m != null && m.find()) {
                    if (raw(m)) {
                        repeats.add("cell " + cell.get("execution_count") + ": a table cell shows a raw double " + m.group());
                        break;
                    }
                }
            }
        }
        assertTrue(code > 0 && withOutputs > 0, notebook.getFileName() + " has executed code cells with outputs");
        assertEquals(List.of(), repeats, notebook.getFileName() + " shows outputs twice or raw doubles");
    }
}
