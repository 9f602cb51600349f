package dev.seqlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {

    @TempDir
    Path dir;

    @Test
    void paragraphsAreCellsButBlankLinesInsideCodeDoNotSplit() {
        String script = """
                int a = 1;
                int b = 2;

                void f() {

                    System.out.println("x");
                }
                String t = \"""
                    one

                    two
                    \""";
                /* a comment

                   still */ int c = 3;


                a + b
                /exit
                ignored();
                """;
        List<ScriptRunner.Paragraph> cells = ScriptRunner.split(script);
        assertEquals(3, cells.size(), cells.toString());
        assertEquals(new ScriptRunner.Paragraph("int a = 1;\nint b = 2;\n", 1), cells.get(0));
        assertEquals(4, cells.get(1).line());
        assertTrue(cells.get(1).code().contains("still */ int c = 3;"));
        assertEquals(new ScriptRunner.Paragraph("a + b\n", 18), cells.get(2));
    }

    @Test
    void aScriptRunsWithParametersValuesFiguresAndScriptLineNumbers() throws Exception {
        Path script = dir.resolve("demo.jsh");
        Files.writeString(script, """
                System.out.println("n is " + n);

                n * 2

                XYChart c = new XYChartBuilder().width(200).height(100).build();
                c.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
                c

                int bad = 1;
                int worse = bad / 0;

                System.out.println("never");
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunReport r = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(script, RunOptions.of(script).parameters(new Parameters().add("n", "21")));
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, r.exitCode(), e);
        assertTrue(o.contains("n is 21\n42\n"), o);
        assertTrue(o.contains("[figure saved to " + dir.resolve("demo-fig1.png") + "]"), o);
        assertTrue(Files.size(dir.resolve("demo-fig1.png")) > 100);
        assertTrue(e.contains("cell 4, line 10: ArithmeticException: / by zero"), e);
        assertTrue(!o.contains("never"), o);
    }

    @Test
    void timeoutStopsAnEndlessLoopInAScript() throws Exception {
        Path script = dir.resolve("endless.jsh");
        Files.writeString(script, "int before = 1;\n\nwhile (true) {}\n\nSystem.out.println(\"never\");\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunReport r = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(script, RunOptions.of(script).timeout(java.time.Duration.ofMillis(500)));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, r.exitCode(), e);
        assertEquals(2, r.failedCell(), e);
        assertTrue(e.contains("[2/3] cell 2 timeout"), e);
        assertTrue(e.contains("cell 2: the cell ran longer than the --timeout of 0.5 s and was interrupted."), e);
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("never"));
    }
}
