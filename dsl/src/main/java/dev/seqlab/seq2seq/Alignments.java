package dev.seqlab.seq2seq;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.PairSplit;
import dev.seqlab.data.PairedTokens;
import dev.seqlab.plot.AlignmentCharts;
import dev.seqlab.plot.Figure;
import dev.seqlab.plot.Panel;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;

/**
 * Alignment heatmaps of decoded sequences, in one call: output tokens down (the end token
 * last), source tokens across, titled with the word and whether it was right.
 */
public final class Alignments {

    private Alignments() {}

    /**
     * The alignment matrix of one decoded sequence.
     *
     * @param d a result of greedy or beam decoding with attention
     * @return the chart
     */
    public static Figure<HeatMapChart> of(Decoded d) {
        return chart(d, false);
    }

    /**
     * Alignment matrices of several examples side by side, titled right or wrong.
     *
     * @param decoded the examples
     * @return the panel, up to three per row
     */
    public static Panel sideBySide(List<Decoded> decoded) {
        SeqLabException.check(!decoded.isEmpty(), "There are no examples to show; pass at least one decoded sequence.");
        List<Figure<HeatMapChart>> figs = new ArrayList<>();
        for (Decoded d : decoded) {
            figs.add(chart(d, true));
        }
        return Panel.of(figs, 3);
    }

    /**
     * The first {@code right} correctly and the first {@code wrong} wrongly decoded sequences
     * of a list, side by side (right ones first).
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
        return sideBySide(r);
    }

    /**
     * A run's right and wrong greedy decodings of a part, side by side.
     *
     * @param run a trained run with attention
     * @param part the part
     * @param right how many right ones
     * @param wrong how many wrong ones
     * @return the panel
     */
    public static Panel rightAndWrong(Seq2SeqRun run, PairSplit part, int right, int wrong) {
        return rightAndWrong(run.greedy(part), right, wrong);
    }

    private static Figure<HeatMapChart> chart(Decoded d, boolean small) {
        SeqLabException.check(d.alignment() != null,
                "This model has no attention, so there is no alignment to draw; train a Seq2Seq with .attention(Scoring.ADDITIVE).");
        List<String> out = new ArrayList<>(d.tokens());
        if (d.alignment().length > out.size()) {
            out.add(PairedTokens.END); // the end token's row; absent when decoding ran out of room
        }
        String verdict = d.reference().isEmpty() ? "" : d.correct() ? "  (right)" : "  (wrong; expected " + String.join(" ", d.reference()) + ")";
        String title = String.join("", d.source()) + verdict;
        return small ? AlignmentCharts.alignment(title, d.source(), out, d.alignment(), AlignmentCharts.PANEL_WIDTH, AlignmentCharts.PANEL_HEIGHT)
                : AlignmentCharts.alignment(title, d.source(), out, d.alignment());
    }
}
