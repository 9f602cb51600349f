package dev.seqlab.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.plot.Panel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Alignment heatmaps: tokens on both axes (repeated letters too), panels side by side, one sentence without attention. */
class AlignmentsTest {

    static Decoded decoded(String word, List<String> out, List<String> ref) {
        List<String> src = word.codePoints().mapToObj(Character::toString).toList();
        float[][] a = new float[out.size() + 1][src.size()];
        for (int r = 0; r < a.length; r++) {
            a[r][Math.min(r, src.size() - 1)] = 1;
        }
        return new Decoded(src, out, ref, -1.5, -1.5, a);
    }

    @Test
    void oneHeatmapHasTokensOnBothAxesAndAPanelPlacesThemSideBySide() throws Exception {
        Decoded right = decoded("letter", List.of("L", "EH1", "T", "ER0"), List.of("L", "EH1", "T", "ER0"));
        Decoded wrong = decoded("tee", List.of("T", "EH1"), List.of("T", "IY1"));
        var fig = Alignments.of(right);
        var series = fig.chart().getSeriesMap().get("attention");
        assertEquals(6, series.getXData().size(), "one column per letter, the repeated t and e kept apart");
        assertEquals(5, series.getYData().size(), "one row per phoneme and the end token");
        assertTrue(fig.title().contains("right"));
        assertTrue(Alignments.of(wrong).title().contains("expected T IY1"));
        Panel p = Alignments.rightAndWrong(List.of(right, wrong, wrong), 1, 1);
        assertEquals(2, p.figures().size());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png()));
        assertEquals(2 * 420, img.getWidth(), "two charts side by side");
        Decoded none = new Decoded(List.of("a"), List.of("AH0"), List.of("AH0"), 0, 0, null);
        SeqLabException e = assertThrows(SeqLabException.class, () -> Alignments.of(none));
        assertTrue(e.getMessage().contains("no attention"), e.getMessage());
        e = assertThrows(SeqLabException.class, () -> dev.seqlab.plot.AlignmentCharts.alignment("x", List.of("a", "b"), List.of("A"), new float[][] {{1}}));
        assertTrue(e.getMessage().contains("one weight per source token"), e.getMessage());
    }
}
