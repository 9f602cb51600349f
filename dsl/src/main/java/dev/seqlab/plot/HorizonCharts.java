package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.data.Task;
import dev.seqlab.train.Run;
import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts of forecasts over the horizon: errors per horizon step (from
 * {@link dev.seqlab.train.Metrics#byStep}) and a model's forecasts next to the naive, seasonal
 * naive and drift baselines.
 */
public final class HorizonCharts {

    private HorizonCharts() {}

    /**
     * Errors per horizon step, one line per forecaster, each labelled with its overall figure (the
     * table's "all" row).
     *
     * @param byStep a table from {@link dev.seqlab.train.Metrics#byStep}
     * @param metric "rmse" or "mae"
     * @return the chart: one series per forecaster, x = step 1 to K
     */
    public static Figure<XYChart> errors(Table byStep, String metric) {
        SeqLabException.check(byStep != null && byStep.columnNames().contains("step") && byStep.rowCount() >= 2,
                "errors() draws a table from Metrics.byStep(truth, forecasts); pass one.");
        String suffix = " " + metric;
        List<String> names = new ArrayList<>();
        for (Column<?> c : byStep.columns()) {
            if (c.name().endsWith(suffix)) {
                names.add(c.name().substring(0, c.name().length() - suffix.length()));
            }
        }
        SeqLabException.check(!names.isEmpty(), "The table has no '%s' columns; use \"rmse\" or \"mae\".", metric);
        int k = byStep.rowCount() - 1; // the last row is "all"
        double[] steps = new double[k];
        for (int s = 0; s < k; s++) {
            steps[s] = s + 1;
        }
        String upper = metric.toUpperCase(Locale.ROOT);
        XYChart chart = new XYChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).title(upper + " per horizon step")
                .xAxisTitle("steps ahead").yAxisTitle(upper + " (data units)").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0");
        // Labels carry the overall figure, too long for one line under the plot: one per line beside it.
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        int i = 0;
        for (String name : names) {
            double[] v = ((DoubleColumn) byStep.column(name + suffix)).asDoubleArray();
            double[] perStep = java.util.Arrays.copyOf(v, k);
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (all steps %.3g)", name, v[k]), steps, perStep);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(Style.PALETTE[i % Style.PALETTE.length]);
            s.setMarkerColor(Style.PALETTE[i % Style.PALETTE.length]);
            i++;
        }
        return new Figure<>(chart);
    }

    /**
     * One-step-ahead forecasts of a run on a part against the truth and the three baselines
     * (naive, seasonal naive with the given period, drift), in the data's units; x is the row of
     * the series each forecast is for.
     *
     * @param run a regression run on a {@link Series}
     * @param part a part of the run's series
     * @param period the season length for the seasonal naive forecast, such as 12 for monthly data
     * @return the chart: series "truth", the run's name, "naive", "seasonal naive (P)", "drift"
     */
    public static Figure<XYChart> baselines(Run run, SeqSplit part, int period) {
        SeqLabException.check(run != null && run.network().spec().task() == Task.REGRESSION && run.data() instanceof Series,
                "baselines() draws forecasts of a Series; pass a regression run trained on one.");
        Series series = (Series) run.data();
        SeqLabException.check(part != null && part.size() > 0, "The part is empty; pass a part with samples, such as series.test().");
        int[] origin = part.origin();
        double[] rows = new double[origin.length];
        double[] truth = new double[origin.length];
        double[] values = series.values();
        for (int i = 0; i < origin.length; i++) {
            rows[i] = origin[i];
            truth[i] = values[origin[i]];
        }
        XYChart chart = new XYChartBuilder().width(Style.WIDTH).height(Style.HEIGHT)
                .title("Forecasts (1 step ahead) and baselines: " + run.name()).xAxisTitle("row").yAxisTitle(series.target()).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0");
        add(chart, "truth", rows, truth, 6, null).setLineWidth(2f);
        add(chart, run.name(), rows, firstStep(run.predict(part)), 0, null);
        BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
        add(chart, "naive", rows, firstStep(series.naive(part)), 1, dashed);
        add(chart, "seasonal naive (" + period + ")", rows, firstStep(series.seasonalNaive(part, period)), 2, dashed);
        add(chart, "drift", rows, firstStep(series.drift(part)), 3, dashed);
        return new Figure<>(chart);
    }

    private static XYSeries add(XYChart chart, String name, double[] x, double[] y, int colour, BasicStroke stroke) {
        String unique = name;
        for (int i = 2; chart.getSeriesMap().containsKey(unique); i++) {
            unique = name + " (" + i + ")"; // a run named like a baseline
        }
        XYSeries s = chart.addSeries(unique, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Style.PALETTE[colour]);
        if (stroke != null) {
            s.setLineStyle(stroke);
        }
        return s;
    }

    private static double[] firstStep(float[][] forecasts) {
        double[] out = new double[forecasts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = forecasts[i][0];
        }
        return out;
    }
}
