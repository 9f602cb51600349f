package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.seq2seq.Decoded;
import dev.seqlab.seq2seq.Seq2SeqRun;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Attention diagnostics of encoder-decoders: which source token each output token looked at.
 * (A file of its own, beside {@link Plots}, so that seq2seq charts do not grow the facade.)
 */
public final class AlignmentCharts {

    private AlignmentCharts() {}

    /**
     * The alignment matrix of one decoded sequence: output tokens (end token last) down, source
     * tokens across, attention weight as colour.
     *
     * @param d a result of greedy or beam decoding with attention
     * @return the chart
     */
    public static Figure<HeatMapChart> alignment(Decoded d) {
        return alignment(d, Style.WIDTH, Style.HEIGHT);
    }

    /**
     * Alignment matrices of several examples side by side, titled right or wrong.
     *
     * @param decoded the examples (for example some right and some wrong test words)
     * @return the panel, up to three per row
     */
    public static Panel alignments(List<Decoded> decoded) {
        SeqLabException.check(!decoded.isEmpty(), "There are no examples to show; pass at least one decoded sequence.");
        List<Figure<HeatMapChart>> figs = new ArrayList<>();
        for (Decoded d : decoded) {
            figs.add(alignment(d, 420, 380));
        }
        return new Panel(figs, 3);
    }

    /**
     * The first {@code right} correctly and first {@code wrong} wrongly decoded sequences of a
     * list, side by side.
     *
     * @param decoded decoded sequences with references
     * @param right how many right ones
     * @param wrong how many wrong ones
     * @return the panel
     */
    public static Panel rightAndWrong(List<Decoded> decoded, int right, int wrong) {
        List<Decoded> r = new ArrayList<>();
        List<Decoded> w = new ArrayList<>();
        for (Decoded d : decoded) {
            if (d.correct() && r.size() < right) {
                r.add(d);
            } else if (!d.correct() && w.size() < wrong) {
                w.add(d);
            }
        }
        r.addAll(w);
        return alignments(r);
    }

    private static Figure<HeatMapChart> alignment(Decoded d, int width, int height) {
        SeqLabException.check(d.alignment() != null,
                "This model has no attention, so there is no alignment to draw; train a Seq2Seq with .attention(Scoring.ADDITIVE).");
        List<String> x = unique(d.source());
        List<String> out = new ArrayList<>(d.tokens());
        out.add("</s>");
        // Rows from the top: the first output token at the top, as one reads.
        List<String> y = unique(out);
        java.util.Collections.reverse(y);
        int rows = d.alignment().length;
        List<Number[]> heat = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < x.size(); c++) {
                heat.add(new Number[] {c, rows - 1 - r, d.alignment()[r][c]});
            }
        }
        String verdict = d.reference().isEmpty() ? "" : d.correct() ? "  (right)" : "  (wrong; expected " + String.join(" ", d.reference()) + ")";
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title(String.join("", d.source()) + verdict).xAxisTitle("source token").yAxisTitle("output token").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(158, 202, 225), new Color(8, 48, 107)});
        chart.getStyler().setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.1f", v));
        chart.addSeries("attention", x, y.subList(y.size() - rows, y.size()), heat);
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

    /**
     * A run's right and wrong greedy decodings of a part's first pairs, side by side.
     *
     * @param run a trained run with attention
     * @param part the part
     * @param right how many right ones
     * @param wrong how many wrong ones
     * @return the panel
     */
    public static Panel rightAndWrong(Seq2SeqRun run, dev.seqlab.data.PairSplit part, int right, int wrong) {
        return rightAndWrong(run.greedy(part), right, wrong);
    }
}
