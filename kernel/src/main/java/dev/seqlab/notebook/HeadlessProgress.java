package dev.seqlab.notebook;

import dev.seqlab.train.Progress;
import dev.seqlab.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress for a headless run: a line on the terminal at most every
 * {@link #INTERVAL_NANOS} (epoch, loss, ETA), and one when training ends. It writes only to the
 * terminal, never into the notebook: the notebook gets the kernel's own live display (saved in
 * its final state), so a run's outputs match what Jupyter would save.
 *
 * <p>One factory is registered in {@link TrainingListener#GLOBAL} per JVM; it hands out a
 * working listener only while a runner has set a {@linkplain #target(PrintStream) target}, so
 * inside the Jupyter kernel it stays silent.
 */
public final class HeadlessProgress implements TrainingListener {

    /** Minimum time between two progress lines: 3 s. */
    public static final long INTERVAL_NANOS = 3_000_000_000L;
    private static volatile PrintStream target;
    private static volatile long intervalNanos = INTERVAL_NANOS;
    private static boolean installed;

    private final PrintStream out;
    private long last;

    private HeadlessProgress(PrintStream out) {
        this.out = out;
        this.last = System.nanoTime();
    }

    /**
     * Sets where progress lines go while a headless run is active; registers the factory once.
     *
     * @param stream the terminal stream, or null to stop printing
     */
    public static void target(PrintStream stream) {
        synchronized (HeadlessProgress.class) {
            if (!installed) {
                installed = true;
                TrainingListener.GLOBAL.add(() -> {
                    PrintStream t = target;
                    return t == null ? new TrainingListener() {} : new HeadlessProgress(t);
                });
            }
        }
        target = stream;
    }

    /**
     * Changes the throttle interval (tests use a short one).
     *
     * @param nanos minimum nanoseconds between two lines
     */
    static void interval(long nanos) {
        intervalNanos = nanos;
    }

    @Override
    public void onStep(Progress p) {
        maybe(p);
    }

    @Override
    public void onEpoch(Progress p) {
        maybe(p);
    }

    @Override
    public void onEnd(Progress p, Object result) {
        out.println(line(p, result == null ? "stopped" : "done"));
        out.flush();
    }

    private void maybe(Progress p) {
        long now = System.nanoTime();
        if (now - last >= intervalNanos) {
            last = now;
            out.println(line(p, null));
            out.flush();
        }
    }

    /**
     * One progress line.
     *
     * @param p the progress
     * @param end "done" or "stopped" at the end, else null
     * @return the line
     */
    static String line(Progress p, String end) {
        String name = p.name() == null ? "training" : p.name();
        if (p.countsTasks()) { // a sweep: its name is its status line; no epochs or losses
            return end != null ? String.format(Locale.ROOT, "      %s, %s in %.1f s", name, end, p.elapsedSeconds())
                    : String.format(Locale.ROOT, "      %s, %.0f%%, ETA %s", name, 100 * p.fraction(), eta(p.etaSeconds()));
        }
        String head = String.format(Locale.ROOT, "      %s: epoch %d/%d, train loss %s, validation loss %s", name, p.epoch(), p.epochs(),
                num(p.trainLoss()), num(p.validationLoss()));
        return end != null
                ? head + String.format(Locale.ROOT, ", %s in %.1f s", end, p.elapsedSeconds())
                : head + String.format(Locale.ROOT, ", %.0f%%, ETA %s", 100 * p.fraction(), eta(p.etaSeconds()));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String eta(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "-";
        }
        long r = Math.round(s);
        return r >= 60 ? String.format(Locale.ROOT, "%dm%02ds", r / 60, r % 60) : r + " s";
    }
}
