package dev.seqlab.plot;

import static dev.seqlab.plot.ChartData.*;
import static dev.seqlab.plot.Style.*;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.train.Run;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Forecasts of a {@link dev.seqlab.data.Series} against the truth: whole series with part boundaries, chosen horizons, one sample's multi-step forecast. */
final class ForecastCharts {

    private ForecastCharts() {}

    static Figure<XYChart> predictions(Run run) {
        Series series = series(run, "predictions");
        RowAxis ax = new RowAxis(series);
        XYChart chart = xy("Forecasts (1 step ahead) against truth: " + run.name(), ax.title(), series.target());
        double[] values = series.values();
        XYSeries truth = line(chart, "truth", ax.at(rows(0, values.length)), values);
        colour(truth, TRUTH);
        truth.setLineWidth(1.2f);
        String[] names = {"train", "validation", "test"};
        SeqSplit[] parts = {series.train(), series.validation(), series.test()};
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].size() > 0) {
                XYSeries s = forecast(chart, ax, names[p], run, parts[p], 1);
                colour(s, Style.PALETTE[p]);
            }
        }
        double lo = Arrays.stream(values).min().orElse(0);
        double hi = Arrays.stream(values).max().orElse(1);
        if (parts[1].size() > 0) {
            boundary(chart, ax, "validation starts", parts[1].origin()[0] - 0.5, lo, hi);
        }
        if (parts[2].size() > 0) {
            boundary(chart, ax, "test starts", parts[2].origin()[0] - 0.5, lo, hi);
        }
        ax.style(chart);
        return new Figure<>(chart);
    }

    static Figure<XYChart> predictions(Run run, SeqSplit part) {
        Series series = series(run, "predictions");
        int h = run.network().spec().horizon();
        return h == 1 ? predictions(run, part, 1) : predictions(run, part, new int[] {1, h});
    }

    static Figure<XYChart> predictions(Run run, SeqSplit part, int... steps) {
        Series series = series(run, "predictions");
        checkPart(part);
        int h = run.network().spec().horizon();
        SeqLabException.check(steps != null && steps.length > 0, "Name at least one horizon step to draw, such as 1.");
        for (int s : steps) {
            SeqLabException.check(s >= 1 && s <= h, "Horizon step %d does not exist; this run forecasts steps 1 to %d.", s, h);
        }
        SeqLabException.check(part.size() > 0, "The %s part is empty; plot a part with samples.", partName(series, part));
        RowAxis ax = new RowAxis(series);
        XYChart chart = xy("Forecasts on the " + partName(series, part) + " part: " + run.name(), ax.title(), series.target());
        int[] origin = part.origin();
        int from = origin[0];
        int to = Math.min(series.rows(), origin[origin.length - 1] + h);
        double[] values = series.values();
        XYSeries truth = line(chart, "truth", ax.at(rows(from, to)), Arrays.copyOfRange(values, from, to));
        colour(truth, TRUTH);
        int k = 0;
        for (int s : steps) {
            XYSeries f = forecast(chart, ax, "step " + s, run, part, s);
            colour(f, Style.PALETTE[k++ % Style.PALETTE.length]);
            if (steps.length > 1) {
                f.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        ax.style(chart);
        return new Figure<>(chart);
    }

    static Figure<XYChart> horizon(Run run, SeqSplit part, int sample) {
        Series series = series(run, "horizon");
        checkPart(part);
        checkSample(part, sample);
        int h = run.network().spec().horizon();
        int window = run.network().spec().timeSteps();
        int origin = part.origin()[sample];
        double[] values = series.values();
        RowAxis ax = new RowAxis(series);
        XYChart chart = xy(String.format(Locale.ROOT, "%d-step forecast of %s sample %d: %s", h, partName(series, part), sample, run.name()),
                ax.title(), series.target());
        int from = origin - window;
        XYSeries in = line(chart, "input window", ax.at(rows(from, origin)), Arrays.copyOfRange(values, from, origin));
        colour(in, GREY);
        List<Object> future = ax.at(rows(origin, origin + h));
        double[] trueFuture = new double[h];
        double[] predicted = new double[h];
        float[] pred = run.predict(part.head(sample + 1))[sample];
        float[] naive = series.naive(part)[sample];
        double[] naiveD = new double[h];
        for (int s = 0; s < h; s++) {
            trueFuture[s] = values[origin + s];
            predicted[s] = pred[s];
            naiveD[s] = naive[s];
        }
        XYSeries t = line(chart, "truth", future, trueFuture);
        colour(t, TRUTH);
        t.setMarker(SeriesMarkers.CIRCLE);
        XYSeries f = line(chart, "forecast", future, predicted);
        colour(f, Style.PALETTE[1]);
        f.setMarker(SeriesMarkers.DIAMOND);
        XYSeries n = line(chart, "naive (last value)", future, naiveD);
        colour(n, Style.PALETTE[2]);
        n.setLineStyle(dashed());
        ax.style(chart);
        return new Figure<>(chart);
    }

    static XYSeries forecast(XYChart chart, RowAxis ax, String name, Run run, SeqSplit part, int step) {
        float[][] pred = run.predict(part);
        int[] origin = part.origin();
        double[] x = new double[pred.length];
        double[] y = new double[pred.length];
        for (int i = 0; i < pred.length; i++) {
            x[i] = origin[i] + step - 1;
            y[i] = pred[i][step - 1];
        }
        return line(chart, name, ax.at(x), y);
    }

    static void boundary(XYChart chart, RowAxis ax, String name, double x, double lo, double hi) {
        XYSeries b = line(chart, name, ax.at(new double[] {x, x}), new double[] {lo, hi});
        b.setMarker(SeriesMarkers.NONE);
        b.setLineColor(GREY);
        b.setLineStyle(dashed());
        b.setLineWidth(1f);
    }
}
