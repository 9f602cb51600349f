package dev.seqlab.notebook;

import dev.seqlab.engine.Outputs;
import dev.seqlab.engine.SeqLabEngine;
import dev.seqlab.runtime.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a plain JShell script ({@code .jsh}) with the notebook engine, for people who prefer
 * scripts. A script is made of paragraphs: code separated by blank lines (a blank line inside
 * brackets, a string, a text block or a comment does not separate). Each paragraph runs as one
 * notebook cell through the shared {@link CellLoop} ({@code --timeout} included), so magics work,
 * {@code vars()} shows the variables and the value of a paragraph's last expression is printed.
 * A line {@code /exit} ends the script.
 *
 * <p>Output goes to the terminal: printed text as it comes (stdout, stderr); displays and values
 * as text once their paragraph ends (a live display in its final state). Figures ({@code image/png})
 * are saved next to the script as {@code NAME-figN.png}, and a line names each file.
 * Errors print {@code cell N, line L: message} with L counted in the script file.
 */
public final class ScriptRunner {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    /**
     * One paragraph of a script: code between blank lines. Each paragraph runs as one cell.
     *
     * @param code the code
     * @param line the script line the paragraph starts on (1-based; 0 for the parameters)
     */
    public record Paragraph(String code, int line) {}

    private final PrintStream out;
    private final PrintStream console;

    /**
     * Creates a runner.
     *
     * @param out where cell output goes (stdout)
     * @param console where progress and errors go (stderr)
     */
    public ScriptRunner(PrintStream out, PrintStream console) {
        this.out = out;
        this.console = console;
    }

    /**
     * Runs a script with a fresh engine.
     *
     * @param script the .jsh file
     * @param options timeout, allowErrors and parameters apply; parameters become declarations run first
     * @return how it ended
     */
    public RunReport run(Path script, RunOptions options) {
        long t0 = System.nanoTime();
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("Script " + script + " does not exist; check the path.", e);
        } catch (MalformedInputException e) {
            throw new BadInputException("Script " + script + " is not UTF-8 text; give a .jsh file.", e);
        } catch (IOException e) {
            throw new BadInputException("Script " + script + " cannot be read (" + e.getMessage() + ").", e);
        }
        List<Paragraph> paragraphs = new ArrayList<>();
        if (!options.parameters().isEmpty()) {
            paragraphs.add(new Paragraph(options.parameters().declarations(), 0));
        }
        paragraphs.addAll(split(text));
        if (options.prepareOnly()) {
            console.println("seqlab run: --prepare-only applies to notebooks; a script has nothing to prepare.");
            return new RunReport(0, 0, 0, null, 0);
        }
        // Cells are numbered as the script's paragraphs; the parameters, when given, run first.
        int first = options.parameters().isEmpty() ? 1 : 0;
        List<CellLoop.Cell> cells = new ArrayList<>();
        for (int k = 0; k < paragraphs.size(); k++) {
            Paragraph p = paragraphs.get(k);
            int n = k + first;
            cells.add(new CellLoop.Cell(p.code(), n, Math.max(0, p.line() - 1), p.line() == 0 ? "parameters" : "cell " + n));
        }
        String stem = script.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path figureBase = script.resolveSibling(stem);
        int[] figures = {0};
        RunReport report;
        HeadlessProgress.target(console);
        try (SeqLabEngine engine = SeqLabEngine.create()) {
            report = new CellLoop(console, options.timeout(), options.allowErrors()).run(engine, cells, new CellLoop.Listener() {
                private TerminalOutputs sink;

                @Override
                public Outputs outputs(CellLoop.Cell cell, int count) {
                    sink = new TerminalOutputs();
                    return sink;
                }

                @Override
                public void finished(CellLoop.Cell cell, int count, CellLoop.Outcome outcome) {
                    sink.finish(figureBase, figures);
                }
            });
        } finally {
            HeadlessProgress.target(null);
        }
        return new RunReport(report.exitCode(), report.cellsRun(), report.failedCell(), report.message(),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Splits a script into paragraphs at blank lines outside brackets, strings and comments.
     *
     * @param text the script
     * @return the paragraphs in order (up to a {@code /exit} line)
     */
    public static List<Paragraph> split(String text) {
        List<Paragraph> paragraphs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder cur = new StringBuilder();
        int curStart = 0;
        Scan s = new Scan();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (s.atTop() && line.strip().equals("/exit")) {
                break;
            }
            if (s.atTop() && line.isBlank()) {
                if (!cur.toString().isBlank()) {
                    paragraphs.add(new Paragraph(cur.toString(), curStart));
                }
                cur.setLength(0);
                continue;
            }
            if (cur.length() == 0) {
                curStart = i + 1;
            }
            cur.append(line).append('\n');
            s.feed(line + "\n");
        }
        if (!cur.toString().isBlank()) {
            paragraphs.add(new Paragraph(cur.toString(), curStart));
        }
        return paragraphs;
    }

    /** A small Java lexer state: bracket depth, open strings, text blocks and comments. */
    private static final class Scan {
        int depth;
        boolean block;
        boolean textBlock;

        boolean atTop() {
            return depth <= 0 && !block && !textBlock;
        }

        void feed(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (block) {
                    if (c == '*' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                        block = false;
                        i++;
                    }
                } else if (textBlock) {
                    if (c == '\\') {
                        i++;
                    } else if (s.startsWith("\"\"\"", i)) {
                        textBlock = false;
                        i += 2;
                    }
                } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                    return;
                } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                    block = true;
                    i++;
                } else if (s.startsWith("\"\"\"", i)) {
                    textBlock = true;
                    i += 2;
                } else if (c == '"' || c == '\'') {
                    for (i++; i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n'; i++) {
                        if (s.charAt(i) == '\\') {
                            i++;
                        }
                    }
                } else if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ')' || c == ']') {
                    depth--;
                }
            }
        }
    }

    /** Prints streams at once; keeps displays and the value until the cell ends (final state). */
    private final class TerminalOutputs implements Outputs {
        private final Map<String, Map<String, Object>> displays = new LinkedHashMap<>();
        private int anonymous;
        private Map<String, Object> value;

        @Override
        public synchronized void stream(String name, String text) {
            PrintStream p = "stderr".equals(name) ? console : out;
            p.print(text);
            p.flush();
        }

        @Override
        public synchronized void display(Map<String, Object> bundle, String displayId) {
            displays.put(displayId == null ? "#" + anonymous++ : displayId, bundle);
        }

        @Override
        public synchronized void updateDisplay(Map<String, Object> bundle, String displayId) {
            displays.computeIfPresent(displayId, (k, v) -> bundle);
        }

        @Override
        public synchronized void result(Map<String, Object> bundle) {
            value = bundle;
        }

        @Override
        public synchronized void error(String ename, String evalue, List<String> traceback) {
            traceback.forEach(l -> console.println(ANSI.matcher(l).replaceAll("")));
        }

        synchronized void finish(Path figureBase, int[] figures) {
            List<Map<String, Object>> all = new ArrayList<>(displays.values());
            if (value != null) {
                all.add(value);
            }
            for (Map<String, Object> b : all) {
                Object png = b.get("image/png");
                if (png instanceof String base64) {
                    Path file = figureBase.resolveSibling(figureBase.getFileName() + "-fig" + ++figures[0] + ".png");
                    byte[] bytes = Base64.getMimeDecoder().decode(base64);
                    AtomicFiles.write(file, o -> o.write(bytes));
                    out.println("[figure saved to " + file + "]");
                } else {
                    Object plain = b.get("text/plain");
                    out.println(plain == null ? "[" + String.join(", ", b.keySet()) + "]" : plain);
                }
            }
            out.flush();
        }
    }
}
