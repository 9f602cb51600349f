package dev.seqlab.engine;

import dev.seqlab.magic.MagicException;
import dev.seqlab.magic.MagicRegistry;
import dev.seqlab.render.Renderers;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * One notebook session: a JShell that runs cells in this JVM with the SeqLab DSL on the class
 * path and its imports in place. It knows nothing of Jupyter's wire protocol or files: the kernel
 * and the headless runners both drive it through {@link #eval}, {@link #interrupt},
 * {@link #complete}, {@link #inspect} and {@link #isComplete}.
 *
 * <p>This class sets the session up and keeps one cell at a time; the work is done by
 * {@link CellEvaluator} (magics and snippets), {@link CodeInsight} (completion, inspection),
 * {@link SnippetErrors} with {@link ErrorReport} (errors as the notebook shows them),
 * {@link ClassPath} (the starting class path), {@link CellStreams} (stdout, stderr) and the
 * magics of {@link MagicRegistry}.
 *
 * <p>Only one cell evaluates at a time; {@link #interrupt()} may be called from any thread.
 */
public final class SeqLabEngine implements AutoCloseable {

    /**
     * Options for a JVM that hosts the engine (the kernel, the headless runner).
     *
     * <p>C1 compilation only: every cell is a javac compilation, and javac's large methods reach
     * C2 only after hundreds of cells, so a fresh kernel spent its first cells in interpreted and
     * profiled javac. Measured on the 2-core development machine: a trivial cell's round trip over
     * the first 60 cells of a fresh kernel 21 to 30 ms median against 37 to 40 ms; the first
     * result 1.8 against 2.5 s after start; notebook 01 end to end 15.2 to 18.6 s against 20.3 to
     * 20.5 s. Training is libtorch's native code and did not change.
     *
     * <p>The serial collector with a young generation of at most 48 MiB: each cell's javac
     * leaves megabytes of short-lived garbage, and G1 answered it by growing its heap: over 1,000
     * cells that each declare a new variable, the engine's resident memory grew from 398 to 1,202
     * MiB with G1 (heap in use after collection: about 100 MiB), from 248 to 292 MiB with the
     * serial collector, and from 172 to 220 MiB with the serial collector and this young
     * generation, which also took the least CPU (15.1 s against 18.7 s with G1 for the 1,000
     * cells; one process each, machine shared). Tensors live outside the Java heap.
     *
     * <p>A later {@code -XX} option (the launcher's {@code SEQLAB_JAVA_OPTS}) overrides these; to
     * choose another collector, first turn this one off ({@code -XX:-UseSerialGC -XX:+UseG1GC}).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxNewSize=48m");

    /**
     * The class path for a child JVM that runs SeqLab (the runner's child, a sweep's trial
     * workers): this JVM's own, every entry made absolute, since the child may start in another
     * folder; a {@code dir/*} wildcard stays a wildcard.
     *
     * @return entries joined with the platform's path separator
     */
    public static String childClassPath() {
        List<String> cp = new java.util.ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(e.endsWith("*") ? java.nio.file.Path.of(e.substring(0, e.length() - 1)).toAbsolutePath() + java.io.File.separator + "*"
                        : java.nio.file.Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, cp);
    }

    /** Imports tried at session start; those whose package is not on the class path are dropped. */
    public static final List<String> DEFAULT_IMPORTS = DefaultImports.TRIED;

    /** Functions every session defines; they call into this JVM ({@link Displays}). */
    private static final String HELPERS = """
            String display(Object value) { return dev.seqlab.engine.Displays.display(value); }
            void updateDisplay(String id, Object value) { dev.seqlab.engine.Displays.update(id, value); }
            void clearOutput() { dev.seqlab.engine.Displays.clearOutput(); }
            void vars() { dev.seqlab.engine.Displays.vars(); }
            """;

    private final JShell jshell;
    private final CellExecutionControl control;
    private final Renderers renderers;
    private final MagicRegistry magics;
    private final CellStreams streams = new CellStreams();
    private final CellEvaluator evaluator;
    private final CodeInsight insight;
    private final SessionMagicContext magicContext;
    private final List<String> imports;
    private final Object evalLock = new Object();

    private SeqLabEngine(Renderers renderers) {
        System.setProperty("java.awt.headless", "true");
        this.renderers = renderers;
        this.magics = MagicRegistry.standard();
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
        this.jshell = JShell.builder()
                .executionEngine(provider, Map.of())
                .fileManager(JarListingCache::new)
                .in(new ByteArrayInputStream(new byte[0]))
                .out(streams.out())
                .err(streams.err())
                .build();
        this.control = provider.control();
        this.evaluator = new CellEvaluator(jshell, control, renderers, magics, streams);
        this.magicContext = new SessionMagicContext(jshell, control, evaluator, streams, magics);
        evaluator.magicContext(magicContext);
        this.insight = new CodeInsight(jshell, magics);
        jshell.addToClasspath(ClassPath.ofThisJvm());
        this.imports = DefaultImports.install(this::define);
        HELPERS.lines().forEach(this::define);
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

    /** @return the magics of this session ({@code %lsmagic}, completion and the banner read it) */
    public MagicRegistry magics() {
        return magics;
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
        return eval(cellCode, target, () -> false);
    }

    /**
     * Evaluates a cell as {@link #eval(String, Outputs)} does, first asking whether an interrupt
     * meant for it came before it began (the kernel receives interrupts while a cell waits for the
     * engine to start; {@link #interrupt()} alone finds no cell then and does nothing).
     *
     * @param cellCode the cell's text
     * @param target where outputs go
     * @param interruptedBeforeStart true when the cell was interrupted before it began
     * @return how the cell ended
     */
    public EvalResult eval(String cellCode, Outputs target, BooleanSupplier interruptedBeforeStart) {
        synchronized (evalLock) {
            Outputs sink = new OrderedOutputs(target, streams);
            control.reset(); // before the cell is visible to interrupt(), so no interrupt is cleared
            CellState c = evaluator.begin(sink);
            if (interruptedBeforeStart.getAsBoolean()) {
                c.interrupted = true; // checked after begin(): a later interrupt finds this cell
            }
            streams.target(target);
            Displays.begin(sink, renderers, magicContext);
            streams.captureSystem();
            try {
                evaluator.run(cellCode);
            } catch (MagicException e) {
                c.error = ErrorReport.of("UsageError", e.getMessage());
            } catch (RuntimeException e) {
                c.error = ErrorReport.of(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            } finally {
                streams.restoreSystem();
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
        CellState c = evaluator.current();
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

    /** @return how many variables the session holds now (for tests: {@code $N} ones are dropped) */
    long activeVariableCount() {
        return jshell.variables().filter(v -> jshell.status(v).isActive()).count();
    }

    /**
     * Completion candidates at a cursor position (JShell source analysis; magic names from the
     * registry).
     *
     * @param code the cell
     * @param cursor the cursor offset
     * @return candidates and the range they replace
     */
    public Completion complete(String code, int cursor) {
        synchronized (evalLock) {
            return insight.complete(code, cursor);
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
            return insight.inspect(code, cursor, detail);
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
            return insight.isComplete(code);
        }
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

    @Override
    public void close() {
        streams.close();
        jshell.close();
    }
}
