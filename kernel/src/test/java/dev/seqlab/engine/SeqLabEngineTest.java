package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the engine directly, as the kernel and the headless runner do. */
class SeqLabEngineTest {

    static SeqLabEngine engine;

    @BeforeAll
    static void start() {
        engine = SeqLabEngine.create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static RecordingOutputs run(String code) {
        RecordingOutputs out = new RecordingOutputs();
        engine.eval(code, out);
        return out;
    }

    /**
     * A statement prefix by which a cell's code says it runs. Tests of what an interrupt does to
     * running code wait for it: under load a fixed sleep could interrupt the cell while it still
     * compiles, which tests the other path (the pending interrupt) and made these tests flaky.
     */
    private static final String MARK = "System.setProperty(\"seqlab.test.running\", ";

    private static void awaitRunning(String key) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!key.equals(System.getProperty("seqlab.test.running"))) {
            assertTrue(System.nanoTime() < end, "the cell's code did not start within 60 s");
            Thread.sleep(5);
        }
        Thread.sleep(50); // inside its loop by now
    }

    @Test
    void expressionValueIsTheResult() {
        RecordingOutputs out = new RecordingOutputs();
        EvalResult r = engine.eval("6 * 7", out);
        assertTrue(r.ok());
        assertEquals("42", r.value().get("text/plain"));
        assertEquals(1, out.of("result").size());
        assertEquals("42", out.of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void expressionCellsShowTheirValueButKeepNoDollarVariable() {
        long before = engine.activeVariableCount();
        for (int i = 0; i < 30; i++) {
            assertEquals(String.valueOf(i * 2), run(i + " * 2").of("result").get(0).bundle().get("text/plain"));
        }
        assertEquals(before, engine.activeVariableCount(), "$N variables are dropped once shown");
        assertTrue(run("int keptNamed = 5;").of("error").isEmpty());
        assertEquals(before + 1, engine.activeVariableCount(), "named variables stay");
        assertEquals("6", run("keptNamed + 1").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void statementsHaveNoResultAndStringsAreUnquoted() {
        assertTrue(run("int unusedZ = 3;").of("result").isEmpty());
        assertEquals("abc", run("\"abc\"").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void printfAsLastLinePrintsWithoutShowingTheStream() {
        RecordingOutputs out = run("System.out.printf(\"rmse %.1f%n\", 2.25)");
        assertEquals("rmse 2.3\n", out.stream("stdout"));
        assertTrue(out.of("result").isEmpty(), "no java.io.PrintStream@... result");
    }

    @Test
    void capturesStdoutAndStderr() {
        RecordingOutputs out = run("System.out.println(\"hello\");\nSystem.err.println(\"oops\");");
        assertEquals("hello\n", out.stream("stdout"));
        assertEquals("oops\n", out.stream("stderr"));
    }

    @Test
    void multiSnippetCellKeepsStateAndShowsLastValue() {
        RecordingOutputs out = run("int a = 2;\nint twice(int x) {\n  return 2 * x;\n}\ntwice(a) + 1");
        assertEquals("5", out.of("result").get(0).bundle().get("text/plain"));
        assertEquals("5", run("twice(a) + 1").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void defaultImportsNeedNoImportLine() {
        assertTrue(engine.imports().contains("java.util.*"));
        assertTrue(engine.imports().contains("tech.tablesaw.api.*"));
        assertEquals("[1, 2]", run("new ArrayList<>(List.of(1, 2))").of("result").get(0).bundle().get("text/plain"));
        assertTrue(run("SeqLabException.class").of("error").isEmpty());
    }

    @Test
    void everySeqLabClassNameResolvesWithoutAmbiguity() {
        for (String imp : engine.imports()) {
            if (imp.startsWith("dev.seqlab") && imp.endsWith(".*")) {
                String pkg = imp.substring(0, imp.length() - 2);
                for (String name : DefaultImports.classNames(pkg, getClass().getClassLoader())) {
                    try {
                        if (!java.lang.reflect.Modifier.isPublic(Class.forName(pkg + "." + name).getModifiers())) {
                            continue;
                        }
                    } catch (ClassNotFoundException e) {
                        continue;
                    }
                    EvalResult r = engine.eval(name + ".class", new RecordingOutputs());
                    assertTrue(r.ok(), pkg + "." + name + ": " + r.evalue());
                }
            }
        }
    }

    @Test
    void compileErrorNamesCellLineAndCode() {
        RecordingOutputs out = new RecordingOutputs();
        EvalResult r = engine.eval("int ok = 1;\n\nString s = 42;", out);
        assertEquals(EvalResult.Status.ERROR, r.status());
        assertEquals("CompileError", r.ename());
        assertTrue(r.evalue().startsWith("line 3:"), r.evalue());
        String tb = String.join("\n", r.traceback());
        assertTrue(tb.contains("String s = 42;"), tb);
        assertTrue(tb.contains("incompatible types"), tb);
    }

    @Test
    void runtimeErrorShowsUserFramesAsCellLines() {
        EvalResult r = engine.eval("int divide(int x) {\n  int y = 0;\n  return x / y;\n}\n\ndivide(3)", new RecordingOutputs());
        assertEquals("ArithmeticException", r.ename());
        assertEquals("/ by zero", r.evalue());
        String tb = String.join("\n", r.traceback());
        assertTrue(tb.contains("line 3 in divide"), tb);
        assertTrue(tb.contains("line 6"), tb);
        assertFalse(tb.contains("jdk.jshell"), tb);
        // a frame from an earlier cell names that cell
        EvalResult again = engine.eval("divide(4)", new RecordingOutputs());
        assertTrue(String.join("\n", again.traceback()).matches("(?s).*cell \\d+, line 3 in divide.*"), again.traceback().toString());
    }

    @Test
    void seqLabExceptionShowsItsOneSentence() {
        EvalResult r = engine.eval("throw new dev.seqlab.SeqLabException(\"Column 'x' is missing; use one of: a, b.\");",
                new RecordingOutputs());
        assertEquals("SeqLabException", r.ename());
        assertEquals("Column 'x' is missing; use one of: a, b.", r.evalue());
        assertEquals(1, r.traceback().size());
    }

    @Test
    void wrappedSeqLabExceptionStillShowsItsSentence() {
        EvalResult r = engine.eval("throw new RuntimeException(new dev.seqlab.SeqLabException(\"Use a window of at least 2.\"));",
                new RecordingOutputs());
        assertEquals("SeqLabException", r.ename());
        assertEquals("Use a window of at least 2.", r.evalue());
    }

    @Test
    void interruptStopsATightLoopWithinASecond() throws Exception {
        RecordingOutputs out = new RecordingOutputs();
        CompletableFuture<EvalResult> f = CompletableFuture.supplyAsync(() -> engine.eval("long c = 0;\n{ " + MARK + "\"tight\"); while (true) { c++; } }", out));
        awaitRunning("tight");
        long t0 = System.nanoTime();
        engine.interrupt();
        EvalResult r = f.get(5, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(EvalResult.Status.INTERRUPTED, r.status());
        System.out.printf("interrupt to end of cell: %.3f s%n", seconds);
        assertTrue(seconds < 1.0, "took " + seconds + " s");
        assertEquals("3", run("1 + 2").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void interruptStopsANativeTensorLoopAndDjlStillWorks() throws Exception {
        String loop = """
                var manager = ai.djl.ndarray.NDManager.newBaseManager();
                var w = manager.randomNormal(new ai.djl.ndarray.types.Shape(256, 256));
                System.out.println("looping");
                while (true) {
                    try (var step = manager.newSubManager()) {
                        var x = step.randomNormal(new ai.djl.ndarray.types.Shape(64, 256));
                        x.matMul(w).tanh().sum().getFloat();
                    }
                }
                """;
        RecordingOutputs out = new RecordingOutputs();
        CompletableFuture<EvalResult> f = CompletableFuture.supplyAsync(() -> engine.eval(loop, out));
        // wait until the loop runs (the engine's first use loads PyTorch)
        for (int i = 0; i < 1200 && !out.stream("stdout").contains("looping"); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        long t0 = System.nanoTime();
        engine.interrupt();
        EvalResult r = f.get(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(EvalResult.Status.INTERRUPTED, r.status(), out.events.toString());
        System.out.printf("interrupt to end of cell: %.3f s%n", seconds);
        assertTrue(seconds < 1.0, "took " + seconds + " s");
        RecordingOutputs after = run("manager.ones(new ai.djl.ndarray.types.Shape(2)).sum().getFloat()");
        assertEquals("2.0", after.of("result").get(0).bundle().get("text/plain"), after.events.toString());
    }

    @Test
    void interruptDuringCompilationStopsTheCellWhenItsCodeStarts() throws Exception {
        // A large cell takes a while to compile; an interrupt in that window must not be lost.
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            code.append("int pad").append(i).append(" = ").append(i).append(";\n");
        }
        code.append("while (true) { }");
        CompletableFuture<EvalResult> f = CompletableFuture.supplyAsync(() -> engine.eval(code.toString(), new RecordingOutputs()));
        Thread.sleep(150);        // 300 snippets take seconds to compile: we are mid-cell, almost surely compiling
        assertTrue(!f.isDone());
        engine.interrupt();       // exactly once: before the fix it was dropped and the loop never ended
        assertEquals(EvalResult.Status.INTERRUPTED, f.get(10, TimeUnit.SECONDS).status());
        assertEquals("42", run("6 * 7").of("result").get(0).bundle().get("text/plain"), "the next cell runs normally");
    }

    @Test
    void interruptOfALoopThatSwallowsThrowableEndsTheCellWithinSecondsAndSaysSo() throws Exception {
        // Before: Thread.stop's ThreadDeath was swallowed like the interrupt, the cell never ended
        // and the kernel (or `seqlab run --timeout`) waited for it forever.
        run("int kept = 5;");
        RecordingOutputs out = new RecordingOutputs();
        CompletableFuture<EvalResult> f = CompletableFuture.supplyAsync(() -> engine.eval(
                "{ " + MARK + "\"swallow\"); while (true) { try { Thread.sleep(5); } catch (Throwable t) { } } }", out));
        awaitRunning("swallow");
        long t0 = System.nanoTime();
        engine.interrupt();
        EvalResult r = f.get(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(EvalResult.Status.INTERRUPTED, r.status());
        assertTrue(r.evalue().contains("could not be stopped") && r.evalue().contains("restart the kernel"), r.evalue());
        assertTrue(seconds < 6, "took " + seconds + " s");
        assertEquals("6", run("kept + 1").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void interruptThatCameBeforeTheCellBeganStopsItBeforeAnythingRuns() {
        run("int before = 1;");
        EvalResult r = engine.eval("before = 2;\nwhile (true) { }", new RecordingOutputs(), () -> true);
        assertEquals(EvalResult.Status.INTERRUPTED, r.status());
        assertEquals("1", run("before").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void aCommentBeforeAnImportKeepsEveryVariableOfTheSession() {
        // Before: every object variable was null after this cell (JShell re-declared them all).
        run("var kept = new java.util.ArrayList<String>(java.util.List.of(\"a\", \"b\"));\nString word = \"x\";");
        RecordingOutputs imp = run("// helpers\nimport java.util.concurrent.*;");
        assertTrue(imp.of("error").isEmpty(), imp.toString());
        assertEquals("2 x", run("kept.size() + \" \" + word").of("result").get(0).bundle().get("text/plain"));
        assertEquals("0", run("new ConcurrentHashMap<String, Integer>().size()").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void exitCallsAreRefusedBeforeTheyRunAndTheSessionGoesOn() {
        // Before: System.exit ended this JVM (the kernel, with every variable of the session).
        run("int stays = 9;");
        for (String code : List.of("System.exit(0);", "Runtime.getRuntime().halt(1);",
                "void quit() { Runtime.getRuntime().exit(2); }", "java.util.function.IntConsumer bye = System::exit;")) {
            EvalResult r = engine.eval(code, new RecordingOutputs());
            assertEquals("ExitNotAllowed", r.ename(), code + ": " + r.evalue());
            assertTrue(r.evalue().contains("is not allowed in a cell") && r.evalue().contains("restart or shut down"), r.evalue());
        }
        assertEquals("CompileError", engine.eval("quit();", new RecordingOutputs()).ename(), "a refused method is not left declared");
        assertEquals("10", run("stays + 1").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void interruptLetsCooperativeCodeEndCleanly() throws Exception {
        RecordingOutputs out = new RecordingOutputs();
        CompletableFuture<EvalResult> f = CompletableFuture.supplyAsync(() -> engine.eval(
                "boolean cleanEnd = false;\n{\n  " + MARK + "\"cooperative\");\n  while (!Thread.currentThread().isInterrupted()) { }\n  cleanEnd = true;\n}", out));
        awaitRunning("cooperative");
        engine.interrupt();
        assertEquals(EvalResult.Status.INTERRUPTED, f.get(5, TimeUnit.SECONDS).status());
        assertEquals("true", run("cleanEnd").of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void interruptedCodeMaySayWhatItKept() throws Exception {
        CompletableFuture<EvalResult> f = CompletableFuture.supplyAsync(() -> engine.eval(
                "{\n  " + MARK + "\"kept\");\n  while (!Thread.interrupted()) { }\n  throw new dev.seqlab.SeqLabException(\"Training was interrupted in epoch 3; the best model is kept.\");\n}",
                new RecordingOutputs()));
        awaitRunning("kept");
        engine.interrupt();
        EvalResult r = f.get(5, TimeUnit.SECONDS);
        assertEquals(EvalResult.Status.INTERRUPTED, r.status());
        assertEquals("Training was interrupted in epoch 3; the best model is kept.", r.evalue());
    }

    @Test
    void displayAndUpdateDisplay() {
        RecordingOutputs out = run("String id = display(\"first\");\nupdateDisplay(id, \"second\");\nid");
        assertEquals(1, out.of("display").size());
        assertEquals(1, out.of("update").size());
        String id = out.of("display").get(0).id();
        assertNotNull(id);
        assertEquals(id, out.of("update").get(0).id());
        assertEquals("second", out.of("update").get(0).bundle().get("text/plain"));
        assertEquals(id, out.of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void clearOutputClearsOnTheNextOutput() {
        RecordingOutputs out = run("System.out.println(\"old\");\nclearOutput();\nSystem.out.println(\"new\");");
        assertEquals(List.of("stream", "clear", "stream"), out.events.stream().map(RecordingOutputs.Event::kind).toList());
    }

    @Test
    void displayCallShowsNoSecondResult() {
        RecordingOutputs out = run("display(\"x\");");
        assertEquals(1, out.of("display").size());
        assertTrue(out.of("result").isEmpty());
    }

    @Test
    void chartRendersAsPngAndSvg() {
        Map<String, Object> b = run("var chart = new XYChartBuilder().width(300).height(200).title(\"t\").build();\n"
                + "chart.addSeries(\"s\", new double[] {1, 2, 3}, new double[] {1, 4, 9});\nchart").of("result").get(0).bundle();
        assertTrue(b.containsKey("image/png"));
        assertTrue(b.containsKey("image/svg+xml"), b.keySet().toString());
        assertTrue(b.containsKey("text/plain"));
    }

    @Test
    void tableRendersAsHtml() {
        Map<String, Object> b = run("Table.create(\"t\", IntColumn.create(\"n\", java.util.stream.IntStream.range(0, 100).toArray()))")
                .of("result").get(0).bundle();
        String html = (String) b.get("text/html");
        assertTrue(html.contains("100 rows"), html);
        assertTrue(html.contains("<td>99</td>"));
        assertFalse(html.contains("<td>50</td>"));
    }

    @Test
    void completesMethodNames() {
        Completion c = engine.complete("\"abc\".subs", 10);
        assertTrue(c.matches().contains("substring("), c.matches().toString());
        assertEquals(6, c.start());
        assertEquals(10, c.end());
        Completion second = engine.complete("int q = 1;\nMath.ma", 18);
        assertTrue(second.matches().contains("max("), second.matches().toString());
        assertEquals(16, second.start());
    }

    @Test
    void completesMagicNames() {
        Completion c = engine.complete("%ma", 3);
        assertEquals(List.of("%maven"), c.matches());
        assertEquals(0, c.start());
        assertTrue(engine.complete("int a1 = 1;\n%%t", 16).matches().contains("%%time"));
    }

    @Test
    void inspectsSignatures() {
        Map<String, Object> doc = engine.inspect("Math.max", 8, 0);
        assertNotNull(doc);
        assertTrue(doc.get("text/plain").toString().contains("int Math.max(int a, int b)"), doc.toString());
        assertNotNull(engine.inspect("Math.max(1, 2)", 6, 0));
        assertNull(engine.inspect("   ", 1, 0));
    }

    @Test
    void isComplete() {
        assertEquals("complete", engine.isComplete("int x = 1;").status());
        assertEquals("complete", engine.isComplete("1 + 1").status());
        IsComplete loop = engine.isComplete("for (int i = 0; i < 3; i++) {");
        assertEquals("incomplete", loop.status());
        assertEquals("    ", loop.indent());
        assertEquals("invalid", engine.isComplete("int x = ;").status());
        assertEquals("incomplete", engine.isComplete("int x = 1;\nint y = (2 +").status());
    }

    @Test
    void lsmagicAndBadMagics() {
        assertTrue(run("%lsmagic").stream("stdout").contains("%maven"));
        EvalResult bad = engine.eval("%maven", new RecordingOutputs());
        assertEquals("UsageError", bad.ename());
        assertTrue(bad.evalue().contains("group:artifact:version"), bad.evalue());
        assertEquals("UsageError", engine.eval("%nosuch", new RecordingOutputs()).ename());
        assertTrue(engine.eval("%maven not-a-coordinate", new RecordingOutputs()).evalue().contains("group:artifact:version"));
    }

    @Test
    void timeMagicPrintsWallTime() {
        RecordingOutputs out = run("%%time\nint slept = 1;\nslept + 1");
        assertTrue(out.stream("stdout").contains("Wall time:"), out.events.toString());
        assertEquals("2", out.of("result").get(0).bundle().get("text/plain"));
    }

    @Test
    void loadAndClasspathMagics(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("setup.jsh");
        Files.writeString(file, "int loaded = 40;\n");
        RecordingOutputs out = run("%load " + file + "\nloaded + 2");
        assertEquals("42", out.of("result").get(0).bundle().get("text/plain"), out.events.toString());
        assertEquals("UsageError", engine.eval("%classpath " + dir.resolve("nothing-*.jar"), new RecordingOutputs()).ename());
        assertTrue(run("%classpath " + dir).stream("stdout").contains("Added 1 path"));
    }

    @Test
    void mavenMagicResolvesFromTheLocalRepository() {
        System.setProperty("seqlab.maven.offline", "true");
        try {
            RecordingOutputs out = run("%maven com.google.code.gson:gson:2.11.0\ncom.google.gson.JsonParser.parseString(\"[1]\")");
            assertTrue(out.stream("stdout").contains("Added com.google.code.gson:gson:2.11.0"), out.events.toString());
            assertEquals("[1]", out.of("result").get(0).bundle().get("text/plain"));
            EvalResult bad = engine.eval("%maven dev.seqlab.nothing:nothing:0.0.1", new RecordingOutputs());
            assertEquals("UsageError", bad.ename());
            assertTrue(bad.evalue().contains("could not resolve dev.seqlab.nothing:nothing:0.0.1"), bad.evalue());
        } finally {
            System.clearProperty("seqlab.maven.offline");
        }
    }

    @Test
    void liveProgressOpensAndUpdatesOneDisplay() {
        RecordingOutputs out = run("""
                var listeners = dev.seqlab.train.TrainingListener.globals();
                var p1 = new dev.seqlab.train.Progress("demo", 1, 2, 1, 2, 0.5, Double.NaN, 1e-3, 0.1, List.of(), List.of());
                var p2 = new dev.seqlab.train.Progress("demo", 2, 2, 2, 2, 0.25, 0.3, 1e-3, 0.2, List.of(0.5, 0.25), List.of(0.4, 0.3));
                for (var l : listeners) { l.onStart(p1); l.onStep(p1); l.onEnd(p2, "finished run"); }
                """);
        assertEquals(1, out.of("display").size(), out.events.toString());
        assertTrue(out.of("display").get(0).bundle().get("text/html").toString().contains("<progress"));
        var updates = out.of("update");
        assertEquals("finished run", updates.get(updates.size() - 1).bundle().get("text/plain"));
        assertEquals(out.of("display").get(0).id(), updates.get(0).id());
        assertTrue(LiveProgress.bundle(new dev.seqlab.train.Progress("x", 2, 2, 2, 2, 0.2, 0.3, 1e-3, 1, java.util.List.of(0.5, 0.2),
                java.util.List.of(0.6, 0.3))).get("text/html").toString().contains("data:image/png;base64,"));
    }
}
