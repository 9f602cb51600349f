package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Attention alignment heatmaps: which source token each output token looked at. Takes plain
 * tokens and weights, so that this package does not depend on the models that produce them
 * ({@code seq2seq.Alignments} draws decoded sequences with it). A file of its own beside
 * {@link Plots}, so that the facade does not grow.
 */
public final class AlignmentCharts {

    /** Width of one heatmap in a panel of several. */
    public static final int PANEL_WIDTH = 420;
    /** Height of one heatmap in a panel of several. */
    public static final int PANEL_HEIGHT = 380;

    private AlignmentCharts() {}

    /**
     * One alignment matrix at the usual chart size.
     *
     * @param title the title (for example the word and whether it was right)
     * @param source the source tokens, across
     * @param output the output tokens, down (the first at the top); as many as the weights' rows
     * @param weights one row per output token, one column per source token
     * @return the chart
     */
    public static Figure<HeatMapChart> alignment(String title, List<String> source, List<String> output, float[][] weights) {
        return alignment(title, source, output, weights, Style.WIDTH, Style.HEIGHT);
    }

    /**
     * One alignment matrix.
     *
     * @param title the title
     * @param source the source tokens, across
     * @param output the output tokens, down
     * @param weights one row per output token, one column per source token
     * @param width the chart's width in pixels
     * @param height the chart's height in pixels
     * @return the chart
     */
    public static Figure<HeatMapChart> alignment(String title, List<String> source, List<String> output, float[][] weights, int width,
            int height) {
        SeqLabException.check(weights != null,
                "There are no attention weights to draw, so the model has no attention; train one with attention, such as Seq2Seq...attention(Scoring.ADDITIVE).");
        SeqLabException.check(weights.length == output.size(),
                "The alignment has %d rows but there are %d output tokens; give one output token per row.", weights.length, output.size());
        List<String> x = unique(source);
        List<String> y = unique(output);
        Collections.reverse(y); // the first output token at the top, as one reads
        int rows = weights.length;
        List<Number[]> heat = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            SeqLabException.check(weights[r].length == x.size(),
                    "Alignment row %d has %d weights but there are %d source tokens; give one weight per source token.", r,
                    weights[r].length, x.size());
            for (int c = 0; c < x.size(); c++) {
                heat.add(new Number[] {c, rows - 1 - r, weights[r][c]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle("source token")
                .yAxisTitle("output token").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(158, 202, 225), new Color(8, 48, 107)});
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.1f", v));
        chart.addSeries("attention", x, y, heat);
        return new Figure<>(chart);
    }

    /** Category labels must differ: a repeated token gets trailing spaces (invisible). */
    private static List<String> unique(List<String> tokens) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String t : tokens) {
            int n = seen.merge(t, 1, Integer::sum);
            out.add(t + " ".repeat(n - 1));
        }
        return out;
    }
}
