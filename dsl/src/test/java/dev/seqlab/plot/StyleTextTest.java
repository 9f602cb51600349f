package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Chart text is drawn as whole words: a label is as wide on the PNG as the font says it is.
 * XChart draws text as glyph outlines; placed at whole-pixel (hinted) advances they drift apart,
 * and at 13 px a word of thirty s's came out about 7 px wider than the font's width, with gaps
 * inside words ("unus able"). {@link Style#png} draws at fractional advances.
 */
class StyleTextTest {

    private static final String WORD = "s".repeat(30);

    @Test
    void axisTitleIsAsWideAsTheFontSays() throws Exception {
        XYChart chart = new XYChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).xAxisTitle(WORD).yAxisTitle("y").build();
        Style.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("a", List.of(1.0, 2.0), List.of(1.0, 2.0));
        byte[] png = Figure.of(chart).png();
        Path out = Files.createDirectories(Path.of("target/plots")).resolve("style-text.png");
        Files.write(out, png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));

        Font font = chart.getStyler().getAxisTitleFont();
        FontRenderContext exact = new FontRenderContext(null, RenderingHints.VALUE_TEXT_ANTIALIAS_ON, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        double expected = new TextLayout(WORD, font, exact).getBounds().getWidth();
        double drawn = bottomTextWidth(img);
        assertTrue(Math.abs(drawn - expected) <= 2.0, "the x-axis title is " + drawn + " px wide on the PNG, the font says "
                + expected + " px (" + out + ")");
    }

    /** The ink width of the lowest line of text: the x-axis title when the legend is hidden. */
    private static double bottomTextWidth(BufferedImage img) {
        int bottom = -1;
        for (int y = img.getHeight() - 1; y >= 0 && bottom < 0; y--) {
            if (inkRange(img, y)[0] >= 0) {
                bottom = y;
            }
        }
        int left = Integer.MAX_VALUE;
        int right = -1;
        for (int y = bottom; y >= 0; y--) {
            int[] r = inkRange(img, y);
            if (r[0] < 0) {
                break; // the blank row above the title's line
            }
            left = Math.min(left, r[0]);
            right = Math.max(right, r[1]);
        }
        return right - left + 1;
    }

    private static int[] inkRange(BufferedImage img, int y) {
        int first = -1;
        int last = -1;
        for (int x = 0; x < img.getWidth(); x++) {
            int rgb = img.getRGB(x, y);
            int sum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
            if (sum < 600) {
                if (first < 0) {
                    first = x;
                }
                last = x;
            }
        }
        return new int[] {first, last};
    }
}
