package dev.seqlab.notebook;

import dev.seqlab.engine.EvalResult;
import dev.seqlab.engine.Outputs;
import dev.seqlab.engine.SeqLabEngine;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The one loop that runs cells headless, shared by {@link NotebookRunner} and
 * {@link ScriptRunner}: each cell in order on one engine under one {@link CellWatchdog}
 * ({@code --timeout}), one progress line per cell on the terminal
 * ({@code [3/10] cell 4 ok 1.2 s}), {@code cell N, line L: message} for a failure, and a stop at
 * the first failure unless errors are allowed. What a runner does with a cell's outputs (notebook
 * JSON, the terminal) is its {@link Listener}'s business.
 *
 * <p>The Jupyter kernel does not use it: there the client sends one cell at a time and stops a
 * cell with an interrupt request, so there is no list to loop over and no time limit to watch.
 */
public final class CellLoop {

    /**
     * One cell to evaluate: a notebook's code cell, or a script's paragraph.
     *
     * @param code its code
     * @param number the number error lines name ({@code cell N}): the notebook's cell index + 1,
     *     or the paragraph's number in the script
     * @param lineOffset lines before the cell in its file, added to error lines (0 in notebooks,
     *     where lines count within the cell)
     * @param label how the progress line names it, such as {@code cell 4} or {@code parameters}
     */
    public record Cell(String code, int number, int lineOffset, String label) {}

    /**
     * How one cell ended.
     *
     * @param result the engine's result
     * @param timedOut true when the watchdog stopped it
     * @param seconds its wall time
     * @param started when it started
     * @param ended when it ended
     */
    public record Outcome(EvalResult result, boolean timedOut, double seconds, Instant started, Instant ended) {

        /** @return {@code ok}, {@code error} or {@code timeout} */
        public String status() {
            return timedOut ? "timeout" : result.ok() ? "ok" : "error";
        }
    }

    /** What a runner does around each cell. */
    public interface Listener {
        /**
         * @param cell the cell about to run
         * @param count its execution count (1 for the first cell run)
         * @return where its outputs go
         */
        Outputs outputs(Cell cell, int count);

        /**
         * @param cell the cell that ran
         * @param count its execution count
         * @param outcome how it ended
         */
        void finished(Cell cell, int count, Outcome outcome);

        /** @param cell a cell not run because an earlier one failed */
        default void skipped(Cell cell) {}
    }

    private final PrintStream console;
    private final Duration timeout;
    private final boolean allowErrors;

    /**
     * @param console where progress and errors go (stderr)
     * @param timeout the longest a cell may run, or null for no limit
     * @param allowErrors run on after a failing cell
     */
    public CellLoop(PrintStream console, Duration timeout, boolean allowErrors) {
        this.console = console;
        this.timeout = timeout;
        this.allowErrors = allowErrors;
    }

    /**
     * Runs the cells in order.
     *
     * @param engine the session to run them in
     * @param cells the cells
     * @param listener what the runner does around each cell
     * @return how the run ended (its seconds are the loop's own)
     */
    public RunReport run(SeqLabEngine engine, List<Cell> cells, Listener listener) {
        long t0 = System.nanoTime();
        int exit = 0;
        int failed = 0;
        String failure = null;
        int ran = 0;
        for (int k = 0; k < cells.size(); k++) {
            Cell cell = cells.get(k);
            ran++;
            Outcome o = runOne(engine, cell, ran, listener);
            console.printf(Locale.ROOT, "[%d/%d] %s %s %.1f s%n", k + 1, cells.size(), cell.label(), o.status(), o.seconds());
            if (o.result().ok()) {
                continue;
            }
            String line = o.timedOut()
                    ? "cell " + cell.number() + ": the cell ran longer than the --timeout of " + seconds(timeout)
                            + " s and was interrupted."
                    : ErrorLine.format(cell.number(), cell.lineOffset(), o.result());
            console.println(line);
            if (failure == null) {
                failure = line;
                failed = cell.number();
            }
            if (!allowErrors) {
                exit = 1;
                cells.subList(k + 1, cells.size()).forEach(listener::skipped);
                break;
            }
        }
        return new RunReport(exit, ran, failed, failure, (System.nanoTime() - t0) / 1e9);
    }

    private Outcome runOne(SeqLabEngine engine, Cell cell, int count, Listener listener) {
        Outputs outputs = listener.outputs(cell, count);
        Instant started = Instant.now();
        long t = System.nanoTime();
        CellWatchdog dog = timeout == null ? null : CellWatchdog.start(engine::interrupt, timeout);
        EvalResult r;
        try {
            r = engine.eval(cell.code(), outputs);
        } finally {
            if (dog != null) {
                dog.stop();
            }
        }
        boolean timedOut = dog != null && dog.fired() && r.status() == EvalResult.Status.INTERRUPTED;
        Outcome o = new Outcome(r, timedOut, (System.nanoTime() - t) / 1e9, started, Instant.now());
        listener.finished(cell, count, o);
        return o;
    }

    private static String seconds(Duration d) {
        return d == null ? "-" : d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
