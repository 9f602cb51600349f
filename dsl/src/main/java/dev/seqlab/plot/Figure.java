package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart made by SeqLab: the XChart object itself (restyle it freely through {@link #chart()})
 * plus saving to PNG and SVG, written atomically.
 *
 * @param <C> the XChart chart type
 */
public final class Figure<C extends Chart<?, ?>> {

    static {
        // Charts are drawn off-screen: notebooks and CI have no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final C chart;

    Figure(C chart) {
        this.chart = chart;
    }

    /**
     * Wraps any XChart chart, to save or display it like SeqLab's own.
     *
     * @param chart the chart
     * @param <C> its type
     * @return the figure
     */
    public static <C extends Chart<?, ?>> Figure<C> of(C chart) {
        return new Figure<>(chart);
    }

    /** @return the XChart chart, for restyling */
    public C chart() {
        return chart;
    }

    /** @return the chart's title */
    public String title() {
        return chart.getTitle();
    }

    /**
     * Saves the chart: {@code .png} or {@code .svg} by the file's extension.
     *
     * @param path the file to write
     * @return the path written
     */
    public Path save(String path) {
        return save(Path.of(path));
    }

    /**
     * Saves the chart: {@code .png} or {@code .svg} by the file's extension.
     *
     * @param path the file to write
     * @return the path written
     */
    public Path save(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = png();
        } else if (name.endsWith(".svg")) {
            bytes = svg();
        } else {
            throw new SeqLabException("Cannot tell the image format of '" + path + "'; end the file name with .png or .svg.");
        }
        AtomicFiles.write(path, out -> out.write(bytes));
        return path;
    }

    /** @return the chart as PNG bytes, at the chart's width and height, text drawn as {@link Style#png} explains */
    public byte[] png() {
        try {
            return Style.png(chart);
        } catch (IOException e) {
            throw new SeqLabException("Could not draw the chart '" + chart.getTitle() + "' as PNG; check that Java has fonts installed.", e);
        }
    }

    /** @return the chart as SVG bytes */
    public byte[] svg() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SeqLabException("Could not draw the chart '" + chart.getTitle() + "' as SVG.", e);
        }
    }

    @Override
    public String toString() {
        return "Figure[" + chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\" " + chart.getWidth() + "x" + chart.getHeight() + "]";
    }
}
