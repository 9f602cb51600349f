package dev.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * One look for every SeqLab chart: readable fonts, a light grid, the legend outside the data, and
 * text drawn as whole words (see {@link #png(Chart)}).
 */
final class Style {

    static final int WIDTH = 720;
    static final int HEIGHT = 420;

    /** A colour-blind-safe palette (Okabe and Ito). */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0), new Color(240, 228, 66)
    };

    private Style() {}

    static void apply(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setChartPadding(12);
        if (s instanceof AxesChartStyler) {
            AxesChartStyler a = (AxesChartStyler) s;
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(225, 225, 225));
            a.setPlotGridLinesStroke(new BasicStroke(1f));
            a.setAxisTickMarkLength(4);
        }
    }

    /**
     * Draws a chart as PNG with the text settings XChart leaves at Java's defaults. XChart draws
     * every label as the outline of a {@code TextLayout} laid out with the drawing surface's
     * {@code FontRenderContext}; without fractional metrics each glyph's advance is the hinted
     * advance rounded to whole pixels while its outline is unhinted, so at 11 px DejaVu Sans (the
     * only sans-serif font on a bare Debian) an 's' is followed by a visible gap: tick labels read
     * "unus able" and "s peed". Fractional metrics place the outlines at their true advances;
     * text antialiasing keeps the layout consistent with the antialiased shapes. The
     * {@code Styler} has no setting for rendering hints, so the hints are set here, on the image
     * the chart is painted into, instead of through {@code BitmapEncoder}.
     *
     * @param chart the chart, at its own width and height
     * @return PNG bytes
     * @throws IOException if the PNG encoder fails
     */
    static byte[] png(Chart<?, ?> chart) throws IOException {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
    }
}
