package dev.seqlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.seqlab.engine.SeqLabEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless runner on one shared engine: outputs as Jupyter saves them, errors, timeouts. */
class NotebookRunnerTest {

    static SeqLabEngine engine;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void start() {
        engine = SeqLabEngine.create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private String console() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String... cells) {
        Notebook nb = Notebook.empty();
        for (String c : cells) {
            if (c.startsWith("#md ")) {
                JsonObject md = new JsonObject();
                md.addProperty("cell_type", "markdown");
                md.add("metadata", new JsonObject());
                md.add("source", Notebook.lines(c.substring(4)));
                nb.cells().add(md);
            } else if (c.startsWith("#parameters\n")) {
                nb.cells().add(nb.newCodeCell(c.substring("#parameters\n".length()), List.of("parameters")));
            } else {
                nb.cells().add(nb.newCodeCell(c, List.of()));
            }
        }
        Path p = dir.resolve(name);
        nb.write(p);
        return p;
    }

    private RunReport run(RunOptions o) {
        return NotebookRunner.withEngine(console, engine).run(o);
    }

    private static JsonObject cell(Notebook nb, int index) {
        return nb.cells().get(index).getAsJsonObject();
    }

    private static List<String> types(JsonObject cell) {
        List<String> t = new ArrayList<>();
        cell.getAsJsonArray("outputs").forEach(o -> t.add(o.getAsJsonObject().get("output_type").getAsString()));
        return t;
    }

    @Test
    void outputsAreSavedAsJupyterRecordsThem() throws Exception {
        Path in = write("basic.ipynb", "#md # Title", "#parameters\nint n = 2;", "int a = n * 10;",
                "a + 1", "System.out.println(\"one\");\nSystem.out.println(\"two\");\nSystem.err.println(\"warn\");\nSystem.out.print(\"three\");",
                "", "String id = display(\"first\");\nupdateDisplay(id, \"second\");\nupdateDisplay(id, \"final\");\n\"done\"");
        String before = Files.readString(in);
        RunReport r = run(RunOptions.of(in).parameters(new Parameters().add("n", "3")));
        assertEquals(0, r.exitCode(), console());
        assertEquals(before, Files.readString(in), "the input is never changed");
        Path out = dir.resolve("basic.out.ipynb");
        NbValidator.validate(out);
        Notebook nb = Notebook.read(out);
        assertEquals(8, nb.cells().size());
        assertEquals(List.of("injected-parameters"), Notebook.tags(cell(nb, 2)));
        assertEquals(List.of("execute_result"), types(cell(nb, 4)));
        assertEquals("31", Notebook.text(cell(nb, 4).getAsJsonArray("outputs").get(0).getAsJsonObject()
                .getAsJsonObject("data").get("text/plain")));
        assertEquals(4, cell(nb, 4).get("execution_count").getAsInt());
        assertEquals(4, cell(nb, 4).getAsJsonArray("outputs").get(0).getAsJsonObject().get("execution_count").getAsInt());
        // Consecutive text on one stream is one output; a change of stream starts another. How
        // stdout and stderr interleave is not fixed (separate streams, as in ipykernel), so check
        // each stream's whole text and that no two neighbours share a stream.
        JsonArray streams = cell(nb, 5).getAsJsonArray("outputs");
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        String previous = null;
        for (int i = 0; i < streams.size(); i++) {
            JsonObject o = streams.get(i).getAsJsonObject();
            assertEquals("stream", o.get("output_type").getAsString());
            String name = o.get("name").getAsString();
            assertFalse(name.equals(previous), "neighbouring outputs of one stream are merged: " + streams);
            previous = name;
            (name.equals("stdout") ? stdout : stderr).append(Notebook.text(o.get("text")));
        }
        assertEquals("one\ntwo\nthree", stdout.toString());
        assertEquals("warn\n", stderr.toString());
        // an empty cell is not run, as nbclient does
        assertTrue(cell(nb, 6).get("execution_count").isJsonNull());
        assertFalse(cell(nb, 6).getAsJsonObject("metadata").has("seqlab"));
        // a display updated in place is saved in its final state
        JsonObject shown = cell(nb, 7);
        assertEquals(List.of("display_data", "execute_result"), types(shown));
        assertEquals("final", Notebook.text(shown.getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonObject("data").get("text/plain")));
        // timings and status like nbclient and papermill
        JsonObject meta = cell(nb, 3).getAsJsonObject("metadata");
        assertTrue(meta.getAsJsonObject("execution").has("iopub.execute_input"));
        assertTrue(meta.getAsJsonObject("execution").has("shell.execute_reply"));
        assertEquals("ok", meta.getAsJsonObject("seqlab").get("status").getAsString());
        assertTrue(meta.getAsJsonObject("seqlab").get("duration_s").getAsDouble() >= 0);
        JsonObject nbMeta = nb.metadata().getAsJsonObject("seqlab");
        assertEquals("ok", nbMeta.get("status").getAsString());
        assertTrue(nbMeta.has("start_time") && nbMeta.has("end_time") && nbMeta.has("duration_s"));
        assertEquals("{\"n\":3}", nb.metadata().getAsJsonObject("papermill").get("parameters").toString());
        assertTrue(console().contains("[1/6] cell 2 ok "), console());
        assertTrue(console().contains("[6/6] cell 8 ok "), console());
    }

    @Test
    void anErrorStopsTheRunSavesTheNotebookAndNamesCellAndLine() throws Exception {
        Path in = write("fail.ipynb", "int x = 1;", "int y = 2;\nint z = x / 0;", "System.out.println(\"after\");");
        Path out = dir.resolve("fail.out.ipynb");
        RunReport r = run(RunOptions.of(in));
        assertEquals(1, r.exitCode());
        assertEquals(2, r.failedCell());
        assertEquals("cell 2, line 2: ArithmeticException: / by zero", r.message());
        assertTrue(console().contains("cell 2, line 2: ArithmeticException: / by zero\n"), console());
        NbValidator.validate(out);
        Notebook nb = Notebook.read(out);
        assertEquals(List.of("error"), types(cell(nb, 1)));
        assertEquals("error", cell(nb, 1).getAsJsonObject("metadata").getAsJsonObject("seqlab").get("status").getAsString());
        assertEquals(List.of(), types(cell(nb, 2)));
        assertEquals("skipped", cell(nb, 2).getAsJsonObject("metadata").getAsJsonObject("seqlab").get("status").getAsString());
        assertEquals("error", nb.metadata().getAsJsonObject("seqlab").get("status").getAsString());
        assertTrue(nb.metadata().getAsJsonObject("papermill").get("exception").getAsBoolean());

        Path compile = write("compile.ipynb", "int a = 1;\n\nString s = a;");
        RunReport c = run(RunOptions.of(compile));
        assertEquals(1, c.exitCode());
        assertTrue(c.message().startsWith("cell 1, line 3: incompatible types"), c.message());
    }

    @Test
    void allowErrorsRunsOn() throws Exception {
        Path in = write("allow.ipynb", "throw new IllegalStateException(\"boom\");", "System.out.println(\"after\");");
        RunReport r = run(RunOptions.of(in).allowErrors(true));
        assertEquals(0, r.exitCode());
        assertEquals("cell 1, line 1: IllegalStateException: boom", r.message());
        Path out = dir.resolve("allow.out.ipynb");
        NbValidator.validate(out);
        Notebook nb = Notebook.read(out);
        assertEquals(List.of("error"), types(cell(nb, 0)));
        assertEquals(List.of("stream"), types(cell(nb, 1)));
        assertEquals("ok with errors", nb.metadata().getAsJsonObject("seqlab").get("status").getAsString());
    }

    @Test
    void timeoutInterruptsATightLoopLikeTheKernel() throws Exception {
        Path in = write("loop.ipynb", "long c = 0;", "while (true) { c++; }", "c > 0");
        long t0 = System.nanoTime();
        RunReport r = run(RunOptions.of(in).timeout(Duration.ofMillis(1000)));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, r.exitCode());
        assertTrue(secs < 4, "stopped after " + secs + " s");
        assertEquals("cell 2: the cell ran longer than the --timeout of 1 s and was interrupted.", r.message());
        Path out = dir.resolve("loop.out.ipynb");
        NbValidator.validate(out);
        Notebook nb = Notebook.read(out);
        assertEquals("timeout", cell(nb, 1).getAsJsonObject("metadata").getAsJsonObject("seqlab").get("status").getAsString());
        assertEquals(List.of("error"), types(cell(nb, 1)));
        // the session is usable afterwards, and a quick cell is not touched by the watchdog
        Path next = write("after.ipynb", "c > 0");
        RunReport ok = run(RunOptions.of(next).timeout(Duration.ofSeconds(5)));
        assertEquals(0, ok.exitCode(), console());
    }

    @Test
    void timeoutEndsALoopThatSwallowsThrowableAndTheNotebookIsWritten() throws Exception {
        // Before: `seqlab run --timeout 2` ran forever on this cell and wrote nothing.
        Path in = write("swallow.ipynb", "int done = 1;", "while (true) { try { Thread.sleep(5); } catch (Throwable t) { } }", "done");
        long t0 = System.nanoTime();
        RunReport r = run(RunOptions.of(in).timeout(Duration.ofMillis(1000)));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, r.exitCode());
        assertTrue(secs < 10, "stopped after " + secs + " s");
        Notebook nb = Notebook.read(dir.resolve("swallow.out.ipynb"));
        assertEquals("timeout", cell(nb, 1).getAsJsonObject("metadata").getAsJsonObject("seqlab").get("status").getAsString());
        assertTrue(cell(nb, 1).getAsJsonArray("outputs").toString().contains("could not be stopped"), cell(nb, 1).toString());
    }

    @Test
    void aCommentBeforeAnImportKeepsTheRunsVariables() throws Exception {
        Path in = write("imports.ipynb", "var names = new java.util.ArrayList<String>(java.util.List.of(\"a\"));",
                "// helpers\nimport java.util.concurrent.*;", "System.out.println(names.size());");
        RunReport r = run(RunOptions.of(in));
        assertEquals(0, r.exitCode(), console());
        Notebook nb = Notebook.read(dir.resolve("imports.out.ipynb"));
        assertEquals("1\n", cell(nb, 2).getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonArray("text").get(0).getAsString());
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeAnyCellRuns() throws Exception {
        // Before: every cell ran, then the write failed and all results were lost.
        Path marker = dir.resolve("ran.txt");
        Path in = write("unwritable.ipynb", "Files.writeString(Path.of(\"" + marker + "\"), \"ran\");");
        Path notAFolder = Files.writeString(dir.resolve("plain-file.txt"), "user's file");
        BadInputException e = assertThrows(BadInputException.class,
                () -> run(RunOptions.of(in).output(notAFolder.resolve("out.ipynb"))));
        assertTrue(e.getMessage().contains("is a file, not a folder") && e.getMessage().contains("-o"), e.getMessage());
        assertFalse(Files.exists(marker), "a cell ran before the output was checked");
        assertEquals("user's file", Files.readString(notAFolder));
    }

    @Test
    void aWriteThatFailsAfterTheRunSavesTheNotebookNextToTheInputAndSaysWhere() throws Exception {
        // The output folder is fine when the run starts and gone (a file in its place) when it ends.
        Path outDir = Files.createDirectories(dir.resolve("vanishing"));
        Path in = write("rescue.ipynb", "int answer = 42;",
                "Files.delete(Path.of(\"" + outDir + "\"));\nFiles.writeString(Path.of(\"" + outDir + "\"), \"now a file\");",
                "System.out.println(answer);");
        RunReport r = run(RunOptions.of(in).output(outDir.resolve("out.ipynb")));
        assertEquals(1, r.exitCode(), console());
        assertTrue(r.message().contains("could not write") && r.message().contains("saved to"), r.message());
        List<Path> rescued;
        try (var files = Files.list(dir)) {
            rescued = files.filter(p -> p.getFileName().toString().startsWith("rescue.rescued-")).toList();
        }
        assertEquals(1, rescued.size(), console());
        assertTrue(r.message().contains(rescued.get(0).toString()), r.message());
        NbValidator.validate(rescued.get(0));
        Notebook nb = Notebook.read(rescued.get(0));
        assertEquals("42\n", cell(nb, 2).getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonArray("text").get(0).getAsString());
        assertEquals("now a file", Files.readString(outDir));
    }

    @Test
    void anOutputNotebookKeepsItsModeAndASymlinkedOutputWritesItsTarget() throws Exception {
        Path in = write("modes.ipynb", "1 + 1");
        Path out = dir.resolve("modes.out.ipynb");
        Files.writeString(out, "{}");
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        assertEquals(0, run(RunOptions.of(in).output(out)).exitCode(), console());
        assertEquals("rw-rw-r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Path target = Files.createDirectories(dir.resolve("real")).resolve("target.ipynb");
        Files.writeString(target, "{}");
        Path link = Files.createSymbolicLink(dir.resolve("link.ipynb"), target);
        assertEquals(0, run(RunOptions.of(in).output(link)).exitCode(), console());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a file");
        assertTrue(Files.readString(target).contains("\"execution_count\": 1"), Files.readString(target));
    }

    @Test
    void prepareOnlyInjectsAndWritesWithoutRunning() throws Exception {
        Path in = write("prep.ipynb", "int epochs = 30;", "System.out.println(epochs);");
        Path out = dir.resolve("prepared.ipynb");
        RunReport r = run(RunOptions.of(in).output(out).prepareOnly(true).parameters(new Parameters().add("epochs", "4")));
        assertEquals(0, r.exitCode());
        assertEquals(0, r.cellsRun());
        NbValidator.validate(out);
        Notebook nb = Notebook.read(out);
        assertEquals(3, nb.cells().size());
        assertEquals(List.of("injected-parameters"), Notebook.tags(cell(nb, 0)));
        assertTrue(console().contains("warning: No cell is tagged 'parameters'"), console());
        assertEquals("prepared", nb.metadata().getAsJsonObject("seqlab").get("status").getAsString());
        assertTrue(cell(nb, 2).get("execution_count").isJsonNull());
    }

    @Test
    void badInputWritesNothingAndLeavesAnOldOutputAlone() throws Exception {
        Path v3 = dir.resolve("old.ipynb");
        Files.writeString(v3, "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": []}");
        Path out = dir.resolve("old.out.ipynb");
        Files.writeString(out, "previous result");
        try {
            run(RunOptions.of(v3));
        } catch (BadInputException e) {
            assertTrue(e.getMessage().contains("nbformat 3"));
        }
        assertEquals("previous result", Files.readString(out));
        Path python = dir.resolve("py.ipynb");
        Files.writeString(python, "{\"nbformat\": 4, \"nbformat_minor\": 4, \"cells\": [], \"metadata\": "
                + "{\"kernelspec\": {\"name\": \"python3\", \"language\": \"python\"}}}");
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> run(RunOptions.of(python)));
        assertEquals("Notebook " + python + " is written in python, but seqlab run runs Java notebooks only; use Jupyter or papermill for it.",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("py.out.ipynb")));
    }

    @Test
    void defaultOutputIsBesideTheInput() {
        assertEquals(Path.of("a/b/quick.out.ipynb"), RunOptions.defaultOutput(Path.of("a/b/quick.ipynb")));
        assertEquals(Path.of("notes.out.ipynb"), RunOptions.defaultOutput(Path.of("notes")));
        assertNull(RunOptions.of(Path.of("x.ipynb")).timeout());
    }
}
