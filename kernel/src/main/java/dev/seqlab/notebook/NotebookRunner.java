package dev.seqlab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.seqlab.engine.Outputs;
import dev.seqlab.engine.SeqLabEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Runs a notebook headless, in this JVM, with the same engine as the Jupyter kernel (same
 * renderers, magics and imports): parameters are injected, each code cell is evaluated in order
 * and its outputs are saved as Jupyter saves them, with execution counts, nbclient-style timing
 * ({@code metadata.execution}) and a per-cell {@code metadata.seqlab} record ({@code duration_s},
 * {@code status}); the notebook records its start, end, duration and parameters. The executed
 * notebook is written atomically, also when a cell fails.
 *
 * <p>The terminal (stderr) gets one line per cell ({@code [3/10] cell 4 ok 1.2 s}), a throttled
 * training progress line every few seconds, and {@code cell N, line L: message} for a failure.
 */
public final class NotebookRunner {

    private final PrintStream console;
    private final Supplier<SeqLabEngine> engines;
    private final boolean closeEngine;

    /**
     * A runner that starts a fresh engine for each run and closes it afterwards.
     *
     * @param console where progress and errors go (stderr)
     */
    public NotebookRunner(PrintStream console) {
        this(console, SeqLabEngine::create, true);
    }

    private NotebookRunner(PrintStream console, Supplier<SeqLabEngine> engines, boolean closeEngine) {
        this.console = console;
        this.engines = engines;
        this.closeEngine = closeEngine;
    }

    /**
     * A runner on an existing engine, which it leaves open (tests share one session).
     *
     * @param console where progress and errors go
     * @param engine the engine to evaluate cells with
     * @return the runner
     */
    public static NotebookRunner withEngine(PrintStream console, SeqLabEngine engine) {
        return new NotebookRunner(console, () -> engine, false);
    }

    /**
     * Runs a notebook.
     *
     * @param options what to run and how
     * @return how it ended
     * @throws BadInputException when the notebook cannot be read (nothing is written then)
     */
    public RunReport run(RunOptions options) {
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        Notebook nb = Notebook.read(options.input());
        checkLanguage(nb, options.input());
        OutputLocation.check(options.output());
        Injector.Placement placement = Injector.inject(nb, options.parameters());
        if (placement.warning() != null) {
            console.println("seqlab run: warning: " + placement.warning());
        }
        setKernelMetadata(nb);
        List<Integer> code = new ArrayList<>();
        JsonArray cells = nb.cells();
        for (int i = 0; i < cells.size(); i++) {
            JsonObject c = cells.get(i).getAsJsonObject();
            if ("code".equals(c.get("cell_type").getAsString())) {
                c.add("outputs", new JsonArray());
                c.add("execution_count", JsonNull.INSTANCE);
                c.getAsJsonObject("metadata").remove("execution");
                c.getAsJsonObject("metadata").remove("seqlab");
                if (!Notebook.source(c).isBlank()) {
                    code.add(i);
                }
            }
        }
        JsonObject meta = Injector.section(nb.metadata(), "seqlab");
        JsonObject paper = Injector.section(nb.metadata(), "papermill");
        for (JsonObject m : List.of(meta, paper)) {
            m.addProperty("input_path", options.input().toString());
            m.addProperty("output_path", options.output().toString());
        }
        if (options.prepareOnly()) {
            meta.addProperty("status", "prepared");
            nb.write(options.output());
            console.println("seqlab run: prepared " + options.output() + " (parameters injected, nothing run)");
            return new RunReport(0, 0, 0, null, seconds(t0));
        }
        console.println("seqlab run: " + options.input() + " -> " + options.output() + " (" + code.size() + " code cells)");
        List<CellLoop.Cell> loopCells = new ArrayList<>();
        for (int index : code) {
            loopCells.add(new CellLoop.Cell(Notebook.source(cells.get(index).getAsJsonObject()), index + 1, 0, "cell " + (index + 1)));
        }
        RunReport loop = null;
        String rescued = null;
        SeqLabEngine engine = null;
        HeadlessProgress.target(console);
        try {
            RecordedValues.clear(); // record("name", value) values of this run only
            engine = engines.get();
            loop = new CellLoop(console, options.timeout(), options.allowErrors())
                    .run(engine, loopCells, new NotebookCells(cells, options.logOutput() ? console : null));
        } finally {
            HeadlessProgress.target(null);
            if (closeEngine && engine != null) {
                engine.close();
            }
            Instant end = Instant.now();
            double total = seconds(t0);
            String failure = loop == null ? "the run stopped before its cells ended" : loop.message();
            String status = failure == null ? "ok" : loop != null && loop.exitCode() == 0 ? "ok with errors" : "error";
            meta.addProperty("start_time", start.toString());
            meta.addProperty("end_time", end.toString());
            meta.addProperty("duration_s", round(total));
            meta.addProperty("status", status);
            meta.addProperty("java_version", Runtime.version().toString());
            meta.add(RecordedValues.KEY, RecordedValues.json());
            if (failure != null) {
                JsonObject err = new JsonObject();
                err.addProperty("cell", loop == null ? 0 : loop.failedCell());
                err.addProperty("message", failure);
                meta.add("error", err);
            } else {
                meta.remove("error");
            }
            paper.addProperty("start_time", start.toString());
            paper.addProperty("end_time", end.toString());
            paper.addProperty("duration", round(total));
            paper.addProperty("exception", failure != null);
            rescued = OutputLocation.write(nb, options.input(), options.output(), console);
        }
        double total = seconds(t0);
        if (rescued != null) {
            // The results are safe, but not where they were asked for: a failed run for scripts and CI.
            return new RunReport(1, loop.cellsRun(), loop.failedCell(), loop.message() == null ? rescued : loop.message() + " " + rescued, total);
        }
        String failure = loop.message();
        console.printf(Locale.ROOT, "seqlab run: wrote %s (%s, %d cells run, %.1f s)%n", options.output(),
                failure == null ? "ok" : loop.exitCode() == 0 ? "with errors" : "stopped at cell " + loop.failedCell(),
                loop.cellsRun(), total);
        return new RunReport(loop.exitCode(), loop.cellsRun(), loop.failedCell(), failure, total);
    }

    /** Saves each cell's outputs, timing and status into the notebook, as Jupyter saves them. */
    private static final class NotebookCells implements CellLoop.Listener {
        private final JsonArray cells;
        private final PrintStream echo;
        private CellOutputs current;

        NotebookCells(JsonArray cells, PrintStream echo) {
            this.cells = cells;
            this.echo = echo;
        }

        private JsonObject json(CellLoop.Cell cell) {
            return cells.get(cell.number() - 1).getAsJsonObject();
        }

        @Override
        public Outputs outputs(CellLoop.Cell cell, int count) {
            current = new CellOutputs(count, echo);
            return current;
        }

        @Override
        public void finished(CellLoop.Cell cell, int count, CellLoop.Outcome o) {
            JsonObject c = json(cell);
            c.add("outputs", current.toJson());
            c.addProperty("execution_count", count);
            JsonObject meta = c.getAsJsonObject("metadata");
            JsonObject exec = new JsonObject();
            exec.addProperty("iopub.execute_input", o.started().toString());
            exec.addProperty("iopub.status.busy", o.started().toString());
            exec.addProperty("iopub.status.idle", o.ended().toString());
            exec.addProperty("shell.execute_reply", o.ended().toString());
            meta.add("execution", exec);
            JsonObject s = new JsonObject();
            s.addProperty("duration_s", round(o.seconds()));
            s.addProperty("status", o.status());
            meta.add("seqlab", s);
        }

        @Override
        public void skipped(CellLoop.Cell cell) {
            JsonObject sm = new JsonObject();
            sm.addProperty("status", "skipped");
            json(cell).getAsJsonObject("metadata").add("seqlab", sm);
        }
    }

    private static void checkLanguage(Notebook nb, Path file) {
        String language = null;
        JsonElement ks = nb.metadata().get("kernelspec");
        if (ks != null && ks.isJsonObject() && ks.getAsJsonObject().has("language")) {
            language = ks.getAsJsonObject().get("language").getAsString();
        } else {
            JsonElement li = nb.metadata().get("language_info");
            if (li != null && li.isJsonObject() && li.getAsJsonObject().has("name")) {
                language = li.getAsJsonObject().get("name").getAsString();
            }
        }
        if (language != null && !language.equalsIgnoreCase("java")) {
            throw new BadInputException("Notebook " + file + " is written in " + language
                    + ", but seqlab run runs Java notebooks only; use Jupyter or papermill for it.");
        }
    }

    private static void setKernelMetadata(Notebook nb) {
        JsonObject meta = nb.metadata();
        if (!meta.has("kernelspec")) {
            meta.add("kernelspec", Notebook.empty().metadata().get("kernelspec"));
        }
        JsonObject li = new JsonObject();
        li.addProperty("codemirror_mode", "text/x-java");
        li.addProperty("file_extension", ".jshell");
        li.addProperty("mimetype", "text/x-java-source");
        li.addProperty("name", "java");
        li.addProperty("pygments_lexer", "java");
        li.addProperty("version", Runtime.version().toString());
        meta.add("language_info", li);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
