package dev.seqlab.sweep;

import dev.seqlab.train.Progress;
import dev.seqlab.train.TrainingListener;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * One progress display for a whole sweep: trials done, running and failed, and the ETA. It feeds
 * the kernel's live display (and the headless runner's progress line) through the same global
 * {@link TrainingListener}s a training uses, as one "training" whose steps are trials; the
 * trials' own trainings are kept quiet meanwhile. On a terminal (the CLI, plain Java) it prints
 * one line per finished trial instead.
 */
public final class SweepProgress implements Sweep.Listener {

    private final String name;
    private final int total;
    private final PrintStream terminal;
    private final List<TrainingListener> displays;
    private final long t0 = System.nanoTime();
    private int done;
    private int running;
    private int failed;

    /**
     * A progress display.
     *
     * @param name what the sweep is called
     * @param total the number of trials to run
     * @param terminal where to print a line per trial, or null
     * @param displays the listeners to feed (usually {@link TrainingListener#globals()})
     */
    public SweepProgress(String name, int total, PrintStream terminal, List<TrainingListener> displays) {
        this.name = name;
        this.total = total;
        this.terminal = terminal;
        this.displays = List.copyOf(displays);
        displays.forEach(d -> d.onStart(progress()));
    }

    @Override
    public synchronized void started(Trial t) {
        running++;
        displays.forEach(d -> d.onStep(progress()));
    }

    @Override
    public synchronized void finished(TrialResult r) {
        running--;
        done++;
        if (!r.ok()) {
            failed++;
        }
        Progress p = progress();
        displays.forEach(d -> d.onStep(p));
        if (terminal != null) {
            String what = r.ok() ? r.status().label() : r.status().label() + ": " + r.error();
            terminal.printf(Locale.ROOT, "[%d/%d] %s %s %.1f s   (%d running, %d failed, ETA %s)%n", done, total, r.trial().id(), what,
                    r.seconds(), running, failed, eta(p.etaSeconds()));
            terminal.flush();
        }
    }

    /**
     * Ends the display.
     *
     * @param result what to show at the end (the sweep's result), or null when it stopped early
     */
    public synchronized void end(Object result) {
        Progress p = progress();
        displays.forEach(d -> d.onEnd(p, result));
    }

    private Progress progress() {
        String line = String.format(Locale.ROOT, "%s: %d/%d trials done, %d running, %d failed", name, done, total, running, failed);
        return new Progress(line, 1, 1, done, total, Double.NaN, Double.NaN, Double.NaN, (System.nanoTime() - t0) / 1e9, List.of(), List.of());
    }

    private static String eta(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "-";
        }
        long r = Math.round(s);
        return r >= 60 ? String.format(Locale.ROOT, "%dm%02ds", r / 60, r % 60) : r + " s";
    }
}
