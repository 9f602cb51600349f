package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./seqlab run} through the real launcher on what the shared cell loop gives both
 * runners: {@code --timeout} stops an endless loop in a {@code .jsh} script (exit 1), images
 * ({@code BufferedImage}) come out as PNG in a script's and a notebook's output, and a script's
 * {@code vars()} prints the {@code %vars} table.
 */
class ScriptRunTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path tmp;

    @Test
    void timeoutStopsAnEndlessLoopInAScriptAndExitsNonZero() throws Exception {
        Path script = tmp.resolve("endless.jsh");
        Files.writeString(script, """
                System.out.println("before");

                while (true) {}

                System.out.println("never");
                """);
        long t0 = System.nanoTime();
        Launcher.Result r = Launcher.run(tmp, 120, "run", script.toString(), "--timeout", "2");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("before"), r.stdout());
        assertFalse(r.stdout().contains("never"), r.stdout());
        assertTrue(r.stderr().contains("cell 2 timeout"), r.stderr());
        assertTrue(r.stderr().contains("cell 2: the cell ran longer than the --timeout of 2 s and was interrupted."), r.stderr());
        assertTrue(seconds < 100, "the run ended " + seconds + " s after it started");
    }

    @Test
    void imagesAndVarsInAScript() throws Exception {
        Path script = tmp.resolve("picture.jsh");
        Files.writeString(script, """
                import java.awt.image.BufferedImage;
                BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
                List<String> words = List.of("a", "b");

                display(img);

                img

                vars();
                """);
        Launcher.Result r = Launcher.run(tmp, 120, "run", script.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        for (int i = 1; i <= 2; i++) {
            Path fig = tmp.resolve("picture-fig" + i + ".png");
            assertTrue(r.stdout().contains("[figure saved to " + fig + "]"), r.stdout());
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(fig), 8);
            assertEquals(java.util.Arrays.toString(PNG), java.util.Arrays.toString(head), fig.toString());
        }
        String table = r.stdout().substring(r.stdout().indexOf("name"));
        assertTrue(table.lines().anyMatch(l -> l.startsWith("img ") && l.contains("BufferedImage")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("words ") && l.contains("2 items")), table);
    }

    @Test
    void aCellEndingInAnImageIsAPngResultInARunNotebook() throws Exception {
        Path nb = tmp.resolve("image.ipynb");
        Files.writeString(nb, """
                {"cells": [
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "var img = new java.awt.image.BufferedImage(8, 6, java.awt.image.BufferedImage.TYPE_INT_ARGB);\\ndisplay(img);"},
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "img"}],
                 "metadata": {"kernelspec": {"name": "seqlab", "language": "java", "display_name": "SeqLab (Java)"}},
                 "nbformat": 4, "nbformat_minor": 4}
                """);
        Launcher.Result r = Launcher.run(tmp, 120, "run", nb.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Path out = tmp.resolve("image.out.ipynb");
        Jupyter.validate(out);
        JsonArray cells = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonArray("cells");
        JsonObject shown = cells.get(0).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
        JsonObject result = cells.get(1).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertEquals("display_data", shown.get("output_type").getAsString());
        assertEquals("execute_result", result.get("output_type").getAsString());
        for (JsonObject o : new JsonObject[] {shown, result}) {
            byte[] png = Base64.getMimeDecoder().decode(o.getAsJsonObject("data").get("image/png").getAsString());
            assertEquals(java.util.Arrays.toString(PNG), java.util.Arrays.toString(java.util.Arrays.copyOf(png, 8)), o.toString());
        }
    }
}
