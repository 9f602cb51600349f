package dev.seqlab.render;

import dev.seqlab.plot.Figure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** XChart charts as {@code image/png} (base64) and {@code image/svg+xml}. */
public final class ChartRenderer implements Renderer<Chart<?, ?>> {

    /**
     * Encodes a chart as PNG.
     *
     * @param chart the chart
     * @return the PNG bytes
     * @throws java.io.IOException when encoding fails
     */
    public static byte[] png(Chart<?, ?> chart) throws java.io.IOException {
        // Through Figure: drawn with the text hints of SeqLab's chart style (whole words, no gaps).
        return Figure.of(chart).png();
    }

    /**
     * Encodes a chart as base64 PNG, the form Jupyter wants.
     *
     * @param chart the chart
     * @return base64 of the PNG bytes
     * @throws java.io.IOException when encoding fails
     */
    public static String pngBase64(Chart<?, ?> chart) throws java.io.IOException {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    @Override
    public void render(Chart<?, ?> chart, Map<String, Object> bundle) throws Exception {
        bundle.put("image/png", pngBase64(chart));
        try {
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            bundle.put("image/svg+xml", svg.toString(StandardCharsets.UTF_8));
        } catch (LinkageError | Exception e) {
            // The SVG encoder's library is optional; PNG alone is fine.
        }
        bundle.put("text/plain", chart.getClass().getSimpleName() + " \"" + nullToEmpty(chart.getTitle()) + "\" ("
                + chart.getWidth() + "x" + chart.getHeight() + ")");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
