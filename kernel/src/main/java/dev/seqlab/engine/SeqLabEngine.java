package dev.seqlab.engine;

import dev.seqlab.render.Html;
import dev.seqlab.render.Renderers;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * One notebook session: a JShell that runs cells in this JVM with the SeqLab DSL on the class
 * path and its imports in place. It knows nothing of Jupyter's wire protocol or files: the kernel
 * and the headless runner both drive it through {@link #eval}, {@link #interrupt},
 * {@link #complete}, {@link #inspect} and {@link #isComplete}.
 *
 * <p>Only one cell evaluates at a time; {@link #interrupt()} may be called from any thread.
 */
public final class SeqLabEngine implements AutoCloseable {

    /**
     * Options for a JVM that hosts the engine (the kernel, the headless runner): C1 compilation
     * only. Every cell is a javac compilation, and javac's large methods reach C2 only after
     * hundreds of cells, so a fresh kernel spent its first cells in interpreted and profiled
     * javac. Measured on the 2-core development machine: a trivial cell's round trip over the
     * first 60 cells of a fresh kernel 21 to 30 ms median against 37 to 40 ms; the first result
     * 1.8 against 2.5 s after start; notebook 01 end to end 15.2 to 18.6 s against 20.3 to 20.5 s.
     * Training is libtorch's native code and did not change. A later {@code -XX} option (the
     * launcher's {@code SEQLAB_JAVA_OPTS}) overrides it.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /** Imports tried at session start; those whose package is not on the class path are dropped. */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.stream.*", "java.nio.file.*",
            "dev.seqlab.*", "dev.seqlab.data.*", "dev.seqlab.model.*", "dev.seqlab.train.*", "dev.seqlab.plot.*", "dev.seqlab.sweep.*",
            "tech.tablesaw.api.*", "org.knowm.xchart.*", "static dev.seqlab.SeqLab.*");

    private static final String HELPERS = """
            String display(Object value) { return dev.seqlab.engine.Displays.display(value); }
            void updateDisplay(String id, Object value) { dev.seqlab.engine.Displays.update(id, value); }
            void clearOutput() { dev.seqlab.engine.Displays.clearOutput(); }
            """;

    private final JShell jshell;
    private final CellExecutionControl control;
    private final SourceCodeAnalysis analysis;
    private final CellSplitter splitter;
    private final CellMap cellMap = new CellMap();
    private final Renderers renderers;
    private final Magics magics;
    private final StreamCapture out = new StreamCapture("stdout");
    private final StreamCapture err = new StreamCapture("stderr");
    private final PrintStream outStream = out.printStream();
    private final PrintStream errStream = err.printStream();
    private final ScheduledExecutorService flusher;
    private final List<String> imports = new ArrayList<>();
    private final Object evalLock = new Object();
    private int cellNumber;

    /** State of the cell being evaluated. */
    private final class Cell {
        final Outputs outputs;
        Map<String, Object> value;
        ErrorReport error;
        boolean interrupted;

        Cell(Outputs outputs) {
            this.outputs = outputs;
        }
    }

    private Cell cell;

    private SeqLabEngine(Renderers renderers) {
        System.setProperty("java.awt.headless", "true");
        this.renderers = renderers;
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
        this.jshell = JShell.builder()
                .executionEngine(provider, Map.of())
                .in(new ByteArrayInputStream(new byte[0]))
                .out(outStream)
                .err(errStream)
                .build();
        this.control = provider.control();
        this.analysis = jshell.sourceCodeAnalysis();
        this.splitter = new CellSplitter(analysis);
        this.magics = new Magics(new MagicHost());
        jshell.addToClasspath(classPath());
        for (String imp : DEFAULT_IMPORTS) {
            if (define("import " + imp + ";")) {
                imports.add(imp);
            }
        }
        List<String> onDemand = imports.stream().filter(i -> i.endsWith(".*") && !i.startsWith("static "))
                .map(i -> i.substring(0, i.length() - 2)).toList();
        List<String> ours = onDemand.stream().filter(p -> p.startsWith("dev.seqlab")).toList();
        List<String> theirs = onDemand.stream().filter(p -> !p.startsWith("dev.seqlab")).toList();
        for (String winner : DefaultImports.clashWinners(ours, theirs, SeqLabEngine.class.getClassLoader())) {
            if (define("import " + winner + ";")) {
                imports.add(winner);
            }
        }
        HELPERS.lines().forEach(this::define);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqlab-stream-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(() -> {
            out.drain();
            err.drain();
        }, 100, 100, TimeUnit.MILLISECONDS);
        LiveProgress.install();
    }

    /**
     * Starts a session with the global renderers. Takes a second or two (the compiler warms up).
     *
     * @return the engine
     */
    public static SeqLabEngine create() {
        return new SeqLabEngine(Renderers.global());
    }

    /**
     * Starts a session with the given renderers.
     *
     * @param renderers the renderers for cell values and displays
     * @return the engine
     */
    public static SeqLabEngine create(Renderers renderers) {
        return new SeqLabEngine(renderers);
    }

    /** @return the imports in place (those whose packages exist) */
    public List<String> imports() {
        return List.copyOf(imports);
    }

    /** @return the renderers this session uses */
    public Renderers renderers() {
        return renderers;
    }

    /**
     * Evaluates a cell: its magics and snippets in order, stopping at the first error. Streams,
     * displays and then the value of the last expression ({@code execute_result}) or the error go
     * to {@code sink} as they happen.
     *
     * @param cellCode the cell's text
     * @param target where outputs go (streams are sent before any later display, result or error)
     * @return how the cell ended
     */
    public EvalResult eval(String cellCode, Outputs target) {
        synchronized (evalLock) {
            Outputs sink = new StreamsFirst(target);
            Cell c = new Cell(sink);
            control.reset(); // before the cell is visible to interrupt(), so no interrupt is cleared
            cell = c;
            cellNumber++;
            PrintStream savedOut = System.out;
            PrintStream savedErr = System.err;
            out.target(target);
            err.target(target);
            Displays.begin(sink, renderers);
            System.setOut(outStream);
            System.setErr(errStream);
            try {
                runCell(cellCode);
            } catch (MagicException e) {
                c.error = ErrorReport.of("UsageError", e.getMessage());
            } catch (RuntimeException e) {
                c.error = ErrorReport.of(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            } finally {
                outStream.flush();
                errStream.flush();
                out.drain();
                err.drain();
                System.setOut(savedOut);
                System.setErr(savedErr);
                Displays.end();
            }
            if (c.interrupted || control.wasStopped()) {
                // Code that ends cooperatively may say what it kept (the DSL's training loop does).
                ErrorReport r = ErrorReport.interrupted(control.lastFailure());
                sink.error(r.ename(), r.evalue(), r.traceback());
                return EvalResult.error(EvalResult.Status.INTERRUPTED, r.ename(), r.evalue(), r.traceback());
            }
            if (c.error != null) {
                sink.error(c.error.ename(), c.error.evalue(), c.error.traceback());
                return EvalResult.error(EvalResult.Status.ERROR, c.error.ename(), c.error.evalue(), c.error.traceback());
            }
            if (c.value != null) {
                sink.result(c.value);
            }
            return EvalResult.ok(c.value);
        }
    }

    /**
     * Stops the cell being evaluated: interrupts its thread, waits up to 300 ms for cooperative
     * code (a training loop) to end, then stops the thread. The session stays usable. Does
     * nothing when no cell runs.
     */
    public void interrupt() {
        Cell c = cell;
        if (c != null) {
            // Also while the cell compiles: the control then stops its code as soon as it starts.
            c.interrupted = true;
        }
        control.stopCell(300);
    }

    /** @return true while user code of a cell is running (not while it compiles) */
    public boolean isRunning() {
        return control.isRunning();
    }

    private void runCell(String code) {
        String magic = Magics.cellMagicName(code);
        if (magic != null) {
            if (!Magics.isCellMagic(magic)) {
                throw new MagicException("Unknown cell magic %%" + magic + "; the cell magics are: %%time.");
            }
            int bodyStart = code.indexOf('\n', code.indexOf("%%"));
            String body = bodyStart < 0 ? "" : code.substring(bodyStart + 1);
            String padded = "\n".repeat(1 + (int) code.substring(0, Math.max(0, code.indexOf("%%"))).chars()
                    .filter(ch -> ch == '\n').count()) + body;
            long t0 = System.nanoTime();
            runText(padded, null);
            double ms = (System.nanoTime() - t0) / 1e6;
            outStream.flush();
            System.out.printf("Wall time: %s%n", ms < 1000 ? String.format("%.1f ms", ms) : String.format("%.2f s", ms / 1000));
            return;
        }
        runText(code, null);
    }

    /** Runs text with line magics and code; returns false if it stopped with an error. */
    private boolean runText(String text, String origin) {
        Cell c = cell;
        int segStart = 0;
        int pos = 0;
        while (pos <= text.length()) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 ? text.length() : eol;
            String line = text.substring(pos, lineEnd);
            if (Magics.isLineMagic(line)) {
                if (!runCode(text, segStart, pos)) {
                    return false;
                }
                outStream.flush();
                c.value = null;
                magics.runLine(line);
                segStart = lineEnd;
            }
            if (eol < 0) {
                break;
            }
            pos = eol + 1;
        }
        return runCode(text, segStart, text.length());
    }

    /** Evaluates the snippets in text[from, to); returns false on error or interrupt. */
    private boolean runCode(String text, int from, int to) {
        Cell c = cell;
        if (from >= to || text.substring(from, to).isBlank()) {
            return true;
        }
        for (CellSplitter.Piece piece : splitter.split(text.substring(from, to))) {
            int offset = from + piece.offset();
            c.value = null;
            if (piece.completeness() != Completeness.COMPLETE && piece.completeness() != Completeness.COMPLETE_WITH_SEMI) {
                c.error = incomplete(text, offset, piece);
                return false;
            }
            List<SnippetEvent> events = jshell.eval(piece.source());
            if (control.wasStopped() || c.interrupted) {
                c.interrupted = true;
                return false;
            }
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null) {
                    continue;
                }
                Snippet s = ev.snippet();
                cellMap.put(s.id(), cellNumber, CellMap.lineOf(text, offset));
                if (ev.status() == Snippet.Status.REJECTED) {
                    List<ErrorReport.Problem> problems = jshell.diagnostics(s).filter(Diag::isError)
                            .map(d -> ErrorReport.problem(d, text, offset)).collect(Collectors.toList());
                    if (problems.isEmpty()) {
                        problems.add(new ErrorReport.Problem(CellMap.lineOf(text, offset), 1,
                                "this code cannot be compiled", null, 1));
                    }
                    c.error = ErrorReport.compile(problems);
                    return false;
                }
                JShellException ex = ev.exception();
                if (ex instanceof UnresolvedReferenceException ure) {
                    c.error = ErrorReport.unresolved(ure, jshell.unresolvedDependencies(ure.getSnippet()).toList());
                    return false;
                }
                if (ex instanceof EvalException ee) {
                    c.error = ErrorReport.runtime(ee, control.lastFailure(), cellMap, cellNumber);
                    return false;
                }
                if (ex != null) {
                    c.error = ErrorReport.of(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
                    return false;
                }
                if (ev.status() == Snippet.Status.RECOVERABLE_DEFINED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    System.err.println("Note: " + describe(s) + " refers to "
                            + jshell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).collect(Collectors.joining(", "))
                            + ", which is not defined yet; it can be used once that is defined.");
                }
                if (showsValue(s)) {
                    Object v = control.lastValue();
                    // System.out.printf(...) as a cell's last line returns the stream itself;
                    // showing "java.io.PrintStream@47cca384" under the printed text helps no one.
                    c.value = v instanceof java.io.PrintStream ? null : renderers.render(v);
                }
                if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    forget(v);
                }
            }
        }
        return true;
    }

    /**
     * Drops the {@code $N} variable JShell made for an expression's value, once the value has
     * been shown. Why: JShell compiles every later snippet with a static import of every active
     * variable, so a session that kept them slowed down by about 17 µs per expression cell ever
     * run (a trivial cell took 23 ms at first and 90 ms after 2,000 cells, measured in this JVM
     * with blocks of 200 evaluations of {@code 1+1}; 12 to 19 ms throughout with the drop), and
     * each kept its value, a trained run's weights included, alive for the rest of the session.
     * Notebooks name what they keep; {@code $N} is a JShell console idiom that no cell output
     * shows.
     */
    private void forget(VarSnippet v) {
        jshell.drop(v);
        control.releaseVariable(v.name());
    }

    /** @return how many variables the session holds now (for tests: {@code $N} ones are dropped) */
    long activeVariableCount() {
        return jshell.variables().filter(v -> jshell.status(v).isActive()).count();
    }

    private static String describe(Snippet s) {
        String src = s.source().strip();
        int nl = src.indexOf('\n');
        return "'" + (nl < 0 ? src : src.substring(0, nl) + " ...") + "'";
    }

    private ErrorReport incomplete(String text, int offset, CellSplitter.Piece piece) {
        int line = CellMap.lineOf(text, offset);
        String first = piece.source().strip().lines().findFirst().orElse("");
        String why = piece.completeness() == Completeness.UNKNOWN
                ? "this code cannot be parsed"
                : "this code is incomplete (a missing closing bracket, parenthesis or quote?)";
        return ErrorReport.compile(List.of(new ErrorReport.Problem(line, 1, why, first, first.length())));
    }

    private static boolean showsValue(Snippet s) {
        if (s instanceof VarSnippet v) {
            // display(x) already showed x; its id is not worth a second output.
            return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    && !s.source().strip().matches("(?s)display\\s*\\(.*\\)\\s*;?");
        }
        if (s instanceof ExpressionSnippet e) {
            return e.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
        }
        return false;
    }

    /**
     * Completion candidates at a cursor position (JShell source analysis).
     *
     * @param code the cell
     * @param cursor the cursor offset
     * @return candidates and the range they replace
     */
    public Completion complete(String code, int cursor) {
        synchronized (evalLock) {
            cursor = Math.max(0, Math.min(cursor, code.length()));
            int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
            String line = code.substring(lineStart, cursor);
            if (line.strip().startsWith("%") && line.strip().matches("%%?\\w*")) {
                int nameStart = lineStart + line.indexOf('%');
                List<String> names = Magics.names().stream().filter(m -> m.startsWith(line.strip())).toList();
                return new Completion(names, nameStart, cursor);
            }
            String text = blankMagics(code);
            int start = splitter.snippetStart(text, cursor);
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> suggestions =
                    analysis.completionSuggestions(text.substring(start, cursor), cursor - start, anchor);
            Set<String> matches = new LinkedHashSet<>();
            suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                    .forEach(s -> matches.add(s.continuation()));
            suggestions.forEach(s -> matches.add(s.continuation()));
            return new Completion(new ArrayList<>(matches), start + anchor[0], cursor);
        }
    }

    /**
     * Documentation for the code at a cursor: method signatures (all overloads) and Javadoc when
     * sources are available, or a variable's type and value.
     *
     * @param code the cell
     * @param cursor the cursor offset
     * @param detail 0 for signatures, more for Javadoc too
     * @return a MIME bundle ({@code text/plain}, {@code text/html}), or null when nothing is found
     */
    public Map<String, Object> inspect(String code, int cursor, int detail) {
        synchronized (evalLock) {
            String text = blankMagics(code);
            cursor = Math.max(0, Math.min(cursor, text.length()));
            int end = cursor;
            while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                end++;
            }
            int start = Math.min(splitter.snippetStart(text, end), end);
            String snippet = text.substring(start, end);
            List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(snippet, snippet.length(), true);
            if (docs.isEmpty()) {
                docs = analysis.documentation(snippet + "(", snippet.length() + 1, true);
            }
            StringBuilder plain = new StringBuilder();
            StringBuilder html = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                plain.append(d.signature()).append('\n');
                html.append("<pre>").append(Html.escape(d.signature())).append("</pre>");
                if (detail >= 0 && d.javadoc() != null && !d.javadoc().isBlank()) {
                    plain.append(d.javadoc().strip()).append("\n\n");
                    html.append("<div>").append(Html.escape(d.javadoc().strip())).append("</div>");
                }
            }
            if (plain.length() == 0) {
                int idStart = end;
                while (idStart > 0 && Character.isJavaIdentifierPart(text.charAt(idStart - 1))) {
                    idStart--;
                }
                String name = text.substring(idStart, end);
                jshell.variables().filter(v -> v.name().equals(name) && jshell.status(v).isActive())
                        .reduce((a, b) -> b)
                        .ifPresent(v -> plain.append(v.typeName()).append(' ').append(v.name()).append(" = ")
                                .append(jshell.varValue(v)));
                if (plain.length() == 0) {
                    return null;
                }
                html.append("<pre>").append(Html.escape(plain)).append("</pre>");
            }
            Map<String, Object> bundle = new LinkedHashMap<>();
            bundle.put("text/plain", plain.toString().strip());
            bundle.put("text/html", html.toString());
            return bundle;
        }
    }

    /**
     * Whether a cell can run as it is: complete, incomplete (with the indent for the next
     * line), or invalid.
     *
     * @param code the cell
     * @return the verdict
     */
    public IsComplete isComplete(String code) {
        synchronized (evalLock) {
            String text = blankMagics(code);
            if (Magics.cellMagicName(code) != null) {
                int nl = text.indexOf('\n');
                text = nl < 0 ? "" : text.substring(nl + 1);
            }
            List<CellSplitter.Piece> pieces = splitter.split(text);
            if (pieces.isEmpty()) {
                return new IsComplete("complete", "");
            }
            CellSplitter.Piece last = pieces.get(pieces.size() - 1);
            return switch (last.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> new IsComplete("complete", "");
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE ->
                        new IsComplete("incomplete", "    ".repeat(Math.max(1, depth(last.source()))));
                default -> new IsComplete("invalid", "");
            };
        }
    }

    private static int depth(String s) {
        int d = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{' || ch == '(' || ch == '[') {
                d++;
            } else if (ch == '}' || ch == ')' || ch == ']') {
                d--;
            }
        }
        return d;
    }

    private static String blankMagics(String code) {
        StringBuilder b = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            String t = line.strip();
            b.append(t.startsWith("%") ? " ".repeat(line.length()) : line).append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    /**
     * Adds jars or class folders to the session's class path (compiler and class loader).
     *
     * @param path one path, or several joined with the path separator
     */
    public void addToClasspath(String path) {
        jshell.addToClasspath(path);
    }

    private boolean define(String source) {
        for (SnippetEvent ev : jshell.eval(source)) {
            if (ev.causeSnippet() == null && ev.status() == Snippet.Status.REJECTED) {
                jshell.drop(ev.snippet());
                return false;
            }
        }
        return true;
    }

    /** The JVM's class path, with manifest-only jars (as surefire uses) expanded. */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            entries.add(e);
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            try {
                                java.net.URI uri = p.toUri().resolve(u);
                                entries.add(Path.of(uri).toString());
                            } catch (RuntimeException ignored) {
                                // not a file URL
                            }
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // unreadable jar: keep the entry as it is
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        jshell.close();
    }

    /** Sends buffered stdout and stderr before any other output, so outputs keep their order. */
    private final class StreamsFirst implements Outputs {
        private final Outputs target;

        StreamsFirst(Outputs target) {
            this.target = target;
        }

        private void flushStreams() {
            outStream.flush();
            errStream.flush();
            out.drain();
            err.drain();
        }

        @Override
        public void stream(String name, String text) {
            flushStreams();
            target.stream(name, text);
        }

        @Override
        public void display(Map<String, Object> bundle, String displayId) {
            flushStreams();
            target.display(bundle, displayId);
        }

        @Override
        public void updateDisplay(Map<String, Object> bundle, String displayId) {
            flushStreams();
            target.updateDisplay(bundle, displayId);
        }

        @Override
        public void clearOutput(boolean wait) {
            flushStreams();
            target.clearOutput(wait);
        }

        @Override
        public void result(Map<String, Object> bundle) {
            flushStreams();
            target.result(bundle);
        }

        @Override
        public void error(String ename, String evalue, List<String> traceback) {
            flushStreams();
            target.error(ename, evalue, traceback);
        }
    }

    /** What magics may do to this session. */
    private final class MagicHost implements Magics.Host {
        @Override
        public void addToClasspath(String path) {
            jshell.addToClasspath(path);
        }

        @Override
        public boolean evalNested(String code, String origin) {
            return runText(code, origin);
        }

        @Override
        public void print(String text) {
            outStream.print(text);
            outStream.flush();
        }
    }
}
