package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several charts side by side in one image (rows of at most {@code perRow} charts). Shown in a
 * notebook as one PNG (the kernel displays any value with a {@code byte[] png()} method).
 */
public final class Panel {

    private final List<? extends Figure<?>> figures;
    private final int perRow;

    /**
     * Places figures side by side.
     *
     * @param figures the charts, left to right, top to bottom
     * @param perRow charts per row
     * @return the panel
     */
    public static Panel of(List<? extends Figure<?>> figures, int perRow) {
        return new Panel(figures, perRow);
    }

    Panel(List<? extends Figure<?>> figures, int perRow) {
        SeqLabException.check(!figures.isEmpty(), "There is nothing to show; give at least one example.");
        this.figures = List.copyOf(figures);
        this.perRow = Math.max(1, perRow);
    }

    /** @return the figures, left to right, top to bottom */
    public List<? extends Figure<?>> figures() {
        return figures;
    }

    /** @return the panel as PNG bytes */
    public byte[] png() {
        int w = 0;
        int h = 0;
        for (Figure<?> f : figures) {
            w = Math.max(w, f.chart().getWidth());
            h = Math.max(h, f.chart().getHeight());
        }
        int cols = Math.min(perRow, figures.size());
        int rows = (figures.size() + perRow - 1) / perRow;
        BufferedImage all = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < figures.size(); i++) {
            Chart<?, ?> c = figures.get(i).chart();
            g.drawImage(Style.image(c), (i % perRow) * w, (i / perRow) * h, null);
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(all, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SeqLabException("Could not draw the panel as PNG; check that Java has fonts installed.", e);
        }
    }

    /**
     * Saves the panel as PNG, atomically.
     *
     * @param path a file ending in .png
     * @return the path
     */
    public Path save(Path path) {
        SeqLabException.check(path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"),
                "A panel is saved as PNG; end the file name '%s' with .png.", path);
        byte[] bytes = png();
        AtomicFiles.write(path, out -> out.write(bytes));
        return path;
    }

    @Override
    public String toString() {
        return "Panel[" + figures.size() + " charts, " + perRow + " per row]";
    }
}
