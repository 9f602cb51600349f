package dev.seqlab.engine;

import dev.seqlab.render.ChartRenderer;
import dev.seqlab.render.Html;
import dev.seqlab.train.Progress;
import dev.seqlab.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Live training progress in the notebook: while a cell runs, each training run opens one display
 * and updates it in place at most every {@link #INTERVAL_NANOS} with a progress bar, epoch and
 * step, losses, ETA and a small loss chart. When training ends the display shows the finished
 * run (rendered like a cell value) or the final progress.
 */
final class LiveProgress implements TrainingListener {

    /** Minimum time between two updates of the display: 1.5 s. */
    static final long INTERVAL_NANOS = 1_500_000_000L;
    private static volatile boolean installed;

    private final Outputs outputs;
    private final String displayId = UUID.randomUUID().toString();
    private long lastUpdate;
    private boolean opened;

    private LiveProgress(Outputs outputs) {
        this.outputs = outputs;
    }

    /** Registers the factory in {@link TrainingListener#GLOBAL} once per JVM. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        TrainingListener.GLOBAL.add(() -> Displays.evaluating() ? new LiveProgress(Displays.outputs()) : new TrainingListener() {});
    }

    @Override
    public void onStart(Progress p) {
        outputs.display(bundle(p), displayId);
        opened = true;
        lastUpdate = System.nanoTime();
    }

    @Override
    public void onStep(Progress p) {
        maybeUpdate(p);
    }

    @Override
    public void onEpoch(Progress p) {
        maybeUpdate(p);
    }

    @Override
    public void onEnd(Progress p, Object result) {
        Map<String, Object> b = result != null ? Displays.render(result) : bundle(p);
        if (opened) {
            outputs.updateDisplay(b, displayId);
        } else {
            outputs.display(b, displayId);
        }
        // The display now is the run; a cell ending in that run shows nothing more (issue 20).
        Displays.shownLive(result);
    }

    private void maybeUpdate(Progress p) {
        long now = System.nanoTime();
        if (now - lastUpdate < INTERVAL_NANOS) {
            return;
        }
        lastUpdate = now;
        if (opened) {
            outputs.updateDisplay(bundle(p), displayId);
        } else {
            outputs.display(bundle(p), displayId);
            opened = true;
        }
    }

    /**
     * The display for a progress snapshot.
     *
     * @param p the progress
     * @return text/plain and text/html (with the loss chart inline when there are two epochs)
     */
    static Map<String, Object> bundle(Progress p) {
        if (p.countsTasks()) {
            return tasksBundle(p);
        }
        Map<String, Object> b = new LinkedHashMap<>();
        String line = String.format(Locale.ROOT, "%s: epoch %d/%d, step %d/%d, %.0f%%, train loss %s, validation loss %s, ETA %s",
                p.name() == null ? "training" : p.name(), p.epoch(), p.epochs(), p.step(), p.stepsPerEpoch(),
                100 * p.fraction(), num(p.trainLoss()), num(p.validationLoss()), time(p.etaSeconds()));
        b.put("text/plain", line);
        StringBuilder h = new StringBuilder("<div class=\"seqlab-progress\" style=\"font-family:monospace\">");
        h.append("<div><b>").append(Html.escape(p.name() == null ? "training" : p.name())).append("</b> ")
                .append(String.format(Locale.ROOT, "epoch %d/%d &middot; step %d/%d", p.epoch(), p.epochs(), p.step(), p.stepsPerEpoch()))
                .append("</div>");
        h.append(String.format(Locale.ROOT, "<progress max=\"100\" value=\"%.1f\" style=\"width:320px\"></progress> %.0f%%",
                100 * p.fraction(), 100 * p.fraction()));
        h.append("<div>train loss ").append(num(p.trainLoss())).append(" &middot; validation loss ")
                .append(num(p.validationLoss())).append(" &middot; elapsed ").append(time(p.elapsedSeconds()))
                .append(" &middot; ETA ").append(time(p.etaSeconds())).append("</div>");
        String png = chart(p);
        if (png != null) {
            h.append("<img src=\"data:image/png;base64,").append(png).append("\"/>");
        }
        b.put("text/html", h.append("</div>").toString());
        return b;
    }

    /** A sweep's display: its status line (trials done, running, failed), a bar, elapsed and ETA. */
    private static Map<String, Object> tasksBundle(Progress p) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("text/plain", String.format(Locale.ROOT, "%s, %.0f%%, elapsed %s, ETA %s", p.name(), 100 * p.fraction(),
                time(p.elapsedSeconds()), time(p.etaSeconds())));
        b.put("text/html", "<div class=\"seqlab-progress\" style=\"font-family:monospace\"><div><b>" + Html.escape(p.name()) + "</b></div>"
                + String.format(Locale.ROOT, "<progress max=\"100\" value=\"%.1f\" style=\"width:320px\"></progress> %.0f%%",
                        100 * p.fraction(), 100 * p.fraction())
                + "<div>elapsed " + time(p.elapsedSeconds()) + " &middot; ETA " + time(p.etaSeconds()) + "</div></div>");
        return b;
    }

    private static String chart(Progress p) {
        List<Double> train = p.trainLosses() == null ? List.of() : p.trainLosses();
        if (train.size() < 2) {
            return null;
        }
        try {
            XYChart c = new XYChartBuilder().width(360).height(200).title("loss").xAxisTitle("epoch").build();
            c.getStyler().setMarkerSize(0);
            c.getStyler().setLegendVisible(true);
            c.addSeries("train", epochs(train.size()), train);
            List<Double> val = p.validationLosses() == null ? List.of() : p.validationLosses();
            if (val.size() == train.size() && val.stream().anyMatch(v -> !v.isNaN())) {
                c.addSeries("validation", epochs(val.size()), val);
            }
            return ChartRenderer.pngBase64(c);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static List<Integer> epochs(int n) {
        List<Integer> x = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            x.add(i);
        }
        return x;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String time(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
