package dev.seqlab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.seqlab.engine.EvalResult;
import dev.seqlab.engine.SeqLabEngine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
        int exit = 0;
        int failed = 0;
        String failure = null;
        int ran = 0;
        SeqLabEngine engine = null;
        HeadlessProgress.target(console);
        try {
            dev.seqlab.trials.RecordedValues.clear(); // record("name", value) values of this run only
            engine = engines.get();
            int count = 0;
            for (int k = 0; k < code.size(); k++) {
                int index = code.get(k);
                JsonObject cell = cells.get(index).getAsJsonObject();
                count++;
                ran++;
                CellResult r = runCell(engine, cell, count, options);
                String status = r.timedOut ? "timeout" : r.result.ok() ? "ok" : "error";
                console.printf(Locale.ROOT, "[%d/%d] cell %d %s %.1f s%n", k + 1, code.size(), index + 1, status, r.seconds);
                if (!r.result.ok()) {
                    String line = r.timedOut
                            ? "cell " + (index + 1) + ": the cell ran longer than the --timeout of " + seconds(options.timeout())
                                    + " s and was interrupted."
                            : ErrorLine.format(index + 1, 0, r.result);
                    console.println(line);
                    if (failure == null) {
                        failure = line;
                        failed = index + 1;
                    }
                    if (!options.allowErrors()) {
                        exit = 1;
                        for (int rest = k + 1; rest < code.size(); rest++) {
                            JsonObject skipped = cells.get(code.get(rest)).getAsJsonObject();
                            JsonObject sm = new JsonObject();
                            sm.addProperty("status", "skipped");
                            skipped.getAsJsonObject("metadata").add("seqlab", sm);
                        }
                        break;
                    }
                }
            }
        } finally {
            HeadlessProgress.target(null);
            if (closeEngine && engine != null) {
                engine.close();
            }
            Instant end = Instant.now();
            double total = seconds(t0);
            String status = failure == null ? "ok" : exit == 0 ? "ok with errors" : "error";
            meta.addProperty("start_time", start.toString());
            meta.addProperty("end_time", end.toString());
            meta.addProperty("duration_s", round(total));
            meta.addProperty("status", status);
            meta.addProperty("java_version", Runtime.version().toString());
            meta.add(dev.seqlab.trials.RecordedValues.KEY, dev.seqlab.trials.RecordedValues.json());
            if (failure != null) {
                JsonObject err = new JsonObject();
                err.addProperty("cell", failed);
                err.addProperty("message", failure);
                meta.add("error", err);
            } else {
                meta.remove("error");
            }
            paper.addProperty("start_time", start.toString());
            paper.addProperty("end_time", end.toString());
            paper.addProperty("duration", round(total));
            paper.addProperty("exception", failure != null);
            nb.write(options.output());
        }
        double total = seconds(t0);
        console.printf(Locale.ROOT, "seqlab run: wrote %s (%s, %d cells run, %.1f s)%n", options.output(),
                failure == null ? "ok" : exit == 0 ? "with errors" : "stopped at cell " + failed, ran, total);
        return new RunReport(exit, ran, failed, failure, total);
    }

    /** One cell's outcome. */
    private record CellResult(EvalResult result, boolean timedOut, double seconds) {}

    private CellResult runCell(SeqLabEngine engine, JsonObject cell, int count, RunOptions options) {
        CellOutputs outputs = new CellOutputs(count, options.logOutput() ? console : null);
        Instant started = Instant.now();
        long t = System.nanoTime();
        Watchdog dog = options.timeout() == null ? null : new Watchdog(engine, options.timeout());
        EvalResult r;
        try {
            r = engine.eval(Notebook.source(cell), outputs);
        } finally {
            if (dog != null) {
                dog.stop();
            }
        }
        double secs = seconds(t);
        Instant ended = Instant.now();
        boolean timedOut = dog != null && dog.fired() && r.status() == EvalResult.Status.INTERRUPTED;
        cell.add("outputs", outputs.toJson());
        cell.addProperty("execution_count", count);
        JsonObject meta = cell.getAsJsonObject("metadata");
        JsonObject exec = new JsonObject();
        exec.addProperty("iopub.execute_input", started.toString());
        exec.addProperty("iopub.status.busy", started.toString());
        exec.addProperty("iopub.status.idle", ended.toString());
        exec.addProperty("shell.execute_reply", ended.toString());
        meta.add("execution", exec);
        JsonObject s = new JsonObject();
        s.addProperty("duration_s", round(secs));
        s.addProperty("status", timedOut ? "timeout" : r.ok() ? "ok" : "error");
        meta.add("seqlab", s);
        return new CellResult(r, timedOut, secs);
    }

    /** Interrupts the engine when a cell runs past the time limit, retrying until the cell ends. */
    private static final class Watchdog {
        private final Thread thread;
        private volatile boolean done;
        private volatile boolean fired;

        Watchdog(SeqLabEngine engine, Duration limit) {
            thread = new Thread(() -> {
                long deadline = System.nanoTime() + limit.toNanos();
                try {
                    long left;
                    while (!done && (left = deadline - System.nanoTime()) > 0) {
                        Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
                    }
                    while (!done) {
                        fired = true;
                        engine.interrupt();
                        Thread.sleep(250);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "seqlab-run-timeout");
            thread.setDaemon(true);
            thread.start();
        }

        /** Ends the watchdog and waits for it, so that it can never interrupt the next cell. */
        void stop() {
            done = true;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        boolean fired() {
            return fired;
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

    private static String seconds(Duration d) {
        return d == null ? "-" : d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
