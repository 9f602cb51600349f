package dev.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look for every SeqLab chart, in one place: readable fonts, a light grid, the legend outside
 * the data, a colour-blind-safe palette, and the chart builders and series helpers every chart
 * family uses (so a new chart looks like the others by calling {@link #xy}, {@link #category} or
 * {@link #heat}), and PNGs with text drawn as whole words (see {@link #png(Chart)}). Public (its
 * size and {@link #apply}) so that charts outside this package, the sweep charts, share the look.
 */
public final class Style {

    /** Default chart width in pixels. */
    public static final int WIDTH = 720;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 420;

    /** A colour-blind-safe palette (Okabe and Ito). */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(86, 180, 233), new Color(230, 159, 0), new Color(0, 0, 0), new Color(240, 228, 66)
    };

    /** The colour of reference lines: part boundaries, all-layer norms, inputs. */
    static final Color GREY = new Color(110, 110, 110);
    /** The colour of the truth a forecast is drawn against. */
    static final Color TRUTH = new Color(40, 40, 40);

    private Style() {}

    /**
     * Applies the look to a chart's styler.
     *
     * @param s the styler
     */
    public static void apply(Styler s) {
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

    // ---------------------------------------------------------------- builders and series helpers


    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return chart;
    }

    static CategoryChart category(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        return chart;
    }

    static HeatMapChart heat(String title, String xTitle, String yTitle) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setPlotContentSize(1.0);
        return chart;
    }

    static XYSeries line(XYChart chart, String name, List<Object> x, double[] y) {
        List<Double> ys = new ArrayList<>(y.length);
        for (double v : y) {
            ys.add(v);
        }
        XYSeries s = chart.addSeries(unique(chart, name), x, ys);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(unique(chart, name), x, y);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** A line of the positive points only (a log axis cannot show zero); null when none is positive. */
    static XYSeries positiveLine(XYChart chart, String name, double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            n += v > 0 && Double.isFinite(v) ? 1 : 0;
        }
        if (n == 0) {
            return null;
        }
        double[] px = new double[n];
        double[] py = new double[n];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] > 0 && Double.isFinite(y[i])) {
                px[k] = x[i];
                py[k++] = y[i];
            }
        }
        return line(chart, name, px, py);
    }

    static void colour(XYSeries s, Color c) {
        s.setLineColor(c);
        s.setMarkerColor(c);
    }

    /**
     * A horizontal legend under the plot is one line that XChart never wraps: when the entries are
     * too long for it, the legend moves to the right of the plot, one entry per line.
     */
    static void legend(XYChart chart) {
        int chars = 0;
        for (String name : chart.getSeriesMap().keySet()) {
            chars += name.length() + 6;
        }
        if (chars > 95) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    static void integerTicks(XYChart chart) {
        chart.getStyler().setXAxisDecimalPattern("0");
        // XChart labels every integer when the axis is short in range; past ~15 epochs the
        // labels run into each other, so give it room to choose fewer ticks.
        chart.getStyler().setXAxisTickMarkSpacingHint(60);
    }

    static void rotateIfLong(org.knowm.xchart.style.AxesChartStyler s, List<String> names) {
        if (names.size() > 6 || names.stream().mapToInt(String::length).max().orElse(0) > 10) {
            s.setXAxisLabelRotation(45);
        }
    }

    static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
    }

    static BasicStroke dotted() {
        return new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 3f}, 0f);
    }

    /** XChart rejects two series with one name; runs with equal names get a number. */
    static String unique(XYChart chart, String name) {
        String n = name;
        for (int i = 2; chart.getSeriesMap().containsKey(n); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }

    /** Category labels must be distinct: a repeated label gets one trailing space per repeat. */
    static List<String> unique(List<String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(labels.size());
        for (String l : labels) {
            String base = l.isEmpty() ? "\u2205" : l;
            int n = seen.merge(base, 1, Integer::sum);
            out.add(n == 1 ? base : base + " ".repeat(n - 1));
        }
        return out;
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
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image(chart), "png", out);
            return out.toByteArray();
        }
    }

    /**
     * Draws a chart into an image with the text hints {@link #png(Chart)} explains (for panels
     * of several charts).
     *
     * @param chart the chart, at its own width and height
     * @return the image
     */
    static BufferedImage image(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return image;
    }
}
