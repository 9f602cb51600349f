package dev.seqlab.sweep;

import dev.seqlab.plot.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * The sweep's two charts in the house style: means with interval error bars against a parameter,
 * and the trials themselves as points. A parameter that is not numeric is spread over positions
 * 1, 2, ... with its values as tick labels.
 */
final class SweepCharts {

    private SweepCharts() {}

    static XYChart means(SweepResult s, String metric, String parameter) {
        XYChart c = chart(s, metric, parameter, metric + " against " + parameter + " (mean, 95% interval)");
        List<Object> xs = axis(s, parameter);
        for (Map.Entry<String, List<Config>> line : lines(s, parameter).entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (Config cfg : line.getValue()) {
                Estimate e = Estimate.of(s.values(metric, cfg).values().stream().mapToDouble(Double::doubleValue).toArray());
                if (e.n() == 0) {
                    continue;
                }
                x.add(position(xs, cfg.values().get(parameter)));
                y.add(e.mean());
                err.add(Double.isNaN(e.halfWidth()) ? 0.0 : e.halfWidth());
            }
            if (!x.isEmpty()) {
                c.addSeries(line.getKey(), x, y, err);
            }
        }
        return c;
    }

    static XYChart scatter(SweepResult s, String metric, String parameter) {
        XYChart c = chart(s, metric, parameter, metric + " of every trial against " + parameter);
        List<Object> xs = axis(s, parameter);
        for (Map.Entry<String, List<Config>> line : lines(s, parameter).entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Config cfg : line.getValue()) {
                for (double v : s.values(metric, cfg).values()) {
                    x.add(position(xs, cfg.values().get(parameter)));
                    y.add(v);
                }
            }
            if (!x.isEmpty()) {
                XYSeries series = c.addSeries(line.getKey(), x, y);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        return c;
    }

    private static XYChart chart(SweepResult s, String metric, String parameter, String title) {
        XYChart c = new XYChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).title(title).xAxisTitle(parameter).yAxisTitle(metric).build();
        Style.apply(c.getStyler());
        List<Object> xs = axis(s, parameter);
        if (!xs.stream().allMatch(v -> v instanceof Number)) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(d -> {
                int i = (int) Math.round(d) - 1;
                return i >= 0 && i < xs.size() && Math.abs(d - (i + 1)) < 1e-9 ? String.valueOf(xs.get(i)) : "";
            });
        }
        return c;
    }

    /** The parameter's values in the sweep, in order of first appearance. */
    private static List<Object> axis(SweepResult s, String parameter) {
        List<Object> xs = new ArrayList<>();
        for (Config c : s.configs()) {
            Object v = c.values().get(parameter);
            if (xs.stream().noneMatch(o -> Config.same(o, v))) {
                xs.add(v);
            }
        }
        return xs;
    }

    private static double position(List<Object> xs, Object v) {
        if (v instanceof Number n && xs.stream().allMatch(o -> o instanceof Number)) {
            return n.doubleValue();
        }
        for (int i = 0; i < xs.size(); i++) {
            if (Config.same(xs.get(i), v)) {
                return i + 1;
            }
        }
        return Double.NaN;
    }

    /** The configurations grouped by the values of the other parameters: one line each. */
    private static Map<String, List<Config>> lines(SweepResult s, String parameter) {
        Map<String, List<Config>> out = new LinkedHashMap<>();
        for (Config c : s.configs()) {
            out.computeIfAbsent(c.label(parameter), k -> new ArrayList<>()).add(c);
        }
        return out;
    }
}
