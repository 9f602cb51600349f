package dev.seqlab.e2e;

import static dev.seqlab.e2e.Jupyter.JUPYTER;
import static dev.seqlab.e2e.Jupyter.PYTHON;
import static dev.seqlab.e2e.Jupyter.exec;
import static dev.seqlab.e2e.Jupyter.jupyterPresent;
import static dev.seqlab.e2e.Jupyter.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.seqlab.e2e.Jupyter.Exec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./seqlab run} through the real launcher: the quickstart notebook with a parameter,
 * validated by Debian's nbformat, compared with the same notebook executed by
 * {@code jupyter nbconvert --execute} through the installed SeqLab kernel; bad input; a failing
 * cell. Jupyter-dependent checks must run in CI ({@code CI=true}) and are skipped elsewhere when
 * {@code /usr/bin/jupyter} is missing.
 */
class RunCommandTest {

    private static final Pattern RMSE = Pattern.compile("test RMSE \\(thousands of passengers\\): LSTM ([0-9.]+), naive ([0-9.]+)");

    @TempDir
    static Path tmp;

    static Path root;
    static Path quickstart;
    static Path headless;
    static Launcher.Result headlessRun;
    static String quickstartBefore;

    /** Output and exit code of a finished process. */

    @BeforeAll
    static void runQuickstartHeadless() throws Exception {
        root = Launcher.root();
        quickstart = root.resolve("notebooks/quickstart.ipynb");
        quickstartBefore = Files.readString(quickstart);
        headless = tmp.resolve("quickstart-3.ipynb");
        headlessRun = Launcher.run(tmp, 240, "run", quickstart.toString(), "-p", "epochs", "3", "-o", headless.toString());
    }



    private static JsonObject read(Path nb) throws IOException {
        return JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
    }

    private static String text(JsonElement e) {
        if (e == null) {
            return "";
        }
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
            return b.toString();
        }
        return e.getAsString();
    }

    private static List<String> tags(JsonObject cell) {
        List<String> t = new ArrayList<>();
        JsonObject meta = cell.getAsJsonObject("metadata");
        if (meta != null && meta.has("tags")) {
            meta.getAsJsonArray("tags").forEach(x -> t.add(x.getAsString()));
        }
        return t;
    }

    /** Output types per cell, consecutive repeats merged (Jupyter front ends merge stream chunks; nbclient keeps them apart). */
    private static List<List<String>> outputTypes(JsonObject nb) {
        List<List<String>> all = new ArrayList<>();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            List<String> types = new ArrayList<>();
            JsonArray outs = c.getAsJsonObject().getAsJsonArray("outputs");
            if (outs != null) {
                for (JsonElement o : outs) {
                    JsonObject out = o.getAsJsonObject();
                    String t = out.get("output_type").getAsString() + (out.has("name") ? ":" + out.get("name").getAsString() : "");
                    if (types.isEmpty() || !types.get(types.size() - 1).equals(t)) {
                        types.add(t);
                    }
                }
            }
            all.add(types);
        }
        return all;
    }

    private static String allText(JsonObject nb) {
        StringBuilder b = new StringBuilder();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonArray outs = c.getAsJsonObject().getAsJsonArray("outputs");
            if (outs != null) {
                outs.forEach(o -> b.append(text(o.getAsJsonObject().get("text"))));
            }
        }
        return b.toString();
    }

    @Test
    void quickstartRunsHeadlessWithAParameter() throws Exception {
        assertEquals(0, headlessRun.exitCode(), headlessRun.stderr());
        assertEquals(quickstartBefore, Files.readString(quickstart), "the input notebook is never changed");
        validate(headless);
        JsonObject nb = read(headless);
        JsonArray cells = nb.getAsJsonArray("cells");
        int params = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (tags(cells.get(i).getAsJsonObject()).contains("parameters")) {
                params = i;
                break;
            }
        }
        assertTrue(params >= 0, "quickstart has a parameters cell");
        JsonObject injected = cells.get(params + 1).getAsJsonObject();
        assertEquals(List.of("injected-parameters"), tags(injected));
        assertTrue(text(injected.get("source")).endsWith("int epochs = 3;"), text(injected.get("source")));
        assertEquals("{\"epochs\":3}", nb.getAsJsonObject("metadata").getAsJsonObject("papermill").get("parameters").toString());
        boolean pngDisplay = false;
        boolean pngResult = false;
        for (JsonElement c : cells) {
            JsonArray outs = c.getAsJsonObject().getAsJsonArray("outputs");
            if (outs == null) {
                continue;
            }
            for (JsonElement o : outs) {
                JsonObject out = o.getAsJsonObject();
                boolean png = out.has("data") && out.getAsJsonObject("data").has("image/png");
                pngDisplay |= png && out.get("output_type").getAsString().equals("display_data");
                pngResult |= png && out.get("output_type").getAsString().equals("execute_result");
            }
        }
        assertTrue(pngDisplay, "the forecast chart is a PNG display_data");
        assertTrue(pngResult, "Plots.loss(run), the last expression, is a PNG execute_result");
        assertTrue(RMSE.matcher(allText(nb)).find(), allText(nb));
        assertTrue(headlessRun.stderr().contains("[1/7] cell 2 ok "), headlessRun.stderr());
        assertTrue(headlessRun.stderr().contains("epoch 3/3"), "training progress on stderr: " + headlessRun.stderr());
    }

    @Test
    void sameCellsOutputTypesAndNumbersAsJupyterNbconvert() throws Exception {
        Assumptions.assumeTrue(jupyterPresent(), "Debian's Jupyter (/usr/bin/jupyter, nbclient, nbconvert) is not installed");
        assertEquals(0, headlessRun.exitCode(), headlessRun.stderr());
        Path prepared = tmp.resolve("prepared.ipynb");
        Launcher.Result prep = Launcher.run(tmp, 60, "run", quickstart.toString(), "-p", "epochs", "3", "--prepare-only", "-o", prepared.toString());
        assertEquals(0, prep.exitCode(), prep.stderr());
        validate(prepared);
        Path prefix = tmp.resolve("jupyter");
        String kernel = "seqlab-run-test";
        Launcher.Result install = Launcher.run(tmp, 60, "install", "--prefix", prefix.toString(), "--name", kernel, "--no-class-archive");
        assertEquals(0, install.exitCode(), install.stderr());
        Map<String, String> env = Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "JUPYTER_RUNTIME_DIR", prefix.resolve("runtime").toString(), "PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Exec nbc = exec(List.of(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=" + kernel, "--ExecutePreprocessor.timeout=240",
                "--output-dir", tmp.toString(), "--output", "nbconvert", prepared.toString()), env, 300);
        assertEquals(0, nbc.code(), nbc.output());
        Path viaJupyter = tmp.resolve("nbconvert.ipynb");
        validate(viaJupyter);
        JsonObject a = read(headless);
        JsonObject b = read(viaJupyter);
        assertEquals(b.getAsJsonArray("cells").size(), a.getAsJsonArray("cells").size());
        assertEquals(outputTypes(b), outputTypes(a));
        Matcher ma = RMSE.matcher(allText(a));
        Matcher mb = RMSE.matcher(allText(b));
        assertTrue(ma.find() && mb.find(), allText(a) + "\n---\n" + allText(b));
        assertEquals(mb.group(0), ma.group(0), "one seed, the same numbers");
    }

    @Test
    void badInputIsOneSentenceExitTwoAndNothingWritten() throws Exception {
        Path notJson = tmp.resolve("bad.ipynb");
        Files.writeString(notJson, "not json at all");
        Path v3 = tmp.resolve("v3.ipynb");
        Files.writeString(v3, "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": []}");
        Path out = tmp.resolve("never.ipynb");
        String[][] cases = {
            {"Notebook " + tmp.resolve("missing.ipynb") + " does not exist; check the path.", tmp.resolve("missing.ipynb").toString()},
            {"Notebook " + notJson + " is not valid JSON (line 1 column 1); is it really an .ipynb file?", notJson.toString()},
            {"Notebook " + v3 + " is in nbformat 3, but SeqLab runs nbformat 4 only; convert it with 'jupyter nbconvert --to notebook " + v3
                    + "' first.", v3.toString()},
            {"Parameter name 'learning-rate' is not a Java identifier; use letters, digits and _ , starting with a letter (for example learningRate).",
                quickstart.toString(), "-p", "learning-rate", "0.1"},
            {"Cannot infer a Java type for parameter 'sizes' from [1, \"a\"]: a list must hold values of one kind (numbers, true/false or text); "
                    + "use a number, true/false, text, or a list of one kind such as [1, 2, 3].", quickstart.toString(), "-p", "sizes", "[1, \"a\"]"},
            {"seqlab: Unknown option: '--frobnicate'", quickstart.toString(), "--frobnicate"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(List.of(c).subList(1, c.length));
            args.addAll(List.of("-o", out.toString()));
            Launcher.Result r = Launcher.run(tmp, 60, args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
            String first = r.stderr().lines().findFirst().orElse("");
            assertEquals(c[0].startsWith("seqlab:") ? c[0] : "seqlab run: " + c[0], first, r.stderr());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", args));
        }
        assertEquals(quickstartBefore, Files.readString(quickstart));
        assertEquals("not json at all", Files.readString(notJson));
    }

    @Test
    void aFailingCellStopsTheRunWithCellAndLineAndCwdSetsRelativePaths() throws Exception {
        Path nb = tmp.resolve("fails.ipynb");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("greeting.txt"), "hello from the cwd");
        Files.writeString(nb, """
                {"cells": [
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "int a = 1;\\nSystem.out.println(Files.readString(Path.of(\\"greeting.txt\\")));"},
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "int b = 2;\\nint c = a / 0;"},
                  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "System.out.println(a);"}],
                 "metadata": {"kernelspec": {"name": "seqlab", "language": "java", "display_name": "SeqLab (Java)"}},
                 "nbformat": 4, "nbformat_minor": 4}
                """);
        Launcher.Result bad = Launcher.run(tmp, 60, "run", nb.toString(), "--cwd", tmp.resolve("nowhere").toString());
        assertEquals(2, bad.exitCode(), bad.stderr());
        assertEquals("seqlab run: --cwd " + tmp.resolve("nowhere") + " is not a folder; give an existing directory.", bad.stderr().strip());
        Launcher.Result r = Launcher.run(tmp, 120, "run", nb.toString(), "--cwd", data.toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("\ncell 2, line 2: ArithmeticException: / by zero\n"), r.stderr());
        Path out = tmp.resolve("fails.out.ipynb");
        validate(out);
        JsonObject saved = read(out);
        assertEquals(List.of(List.of("stream:stdout"), List.of("error"), List.of()), outputTypes(saved));
        assertTrue(allText(saved).contains("hello from the cwd"), allText(saved));
    }

}
