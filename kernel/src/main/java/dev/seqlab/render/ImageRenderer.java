package dev.seqlab.render;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Any {@link RenderedImage} (a {@link java.awt.image.BufferedImage} drawn with Java 2D, an image
 * read with {@link ImageIO}) as {@code image/png}, as IJava shows images; the plain text is its
 * size instead of {@code BufferedImage}'s long {@code toString}.
 */
final class ImageRenderer implements Renderer<RenderedImage> {

    @Override
    public void render(RenderedImage image, Map<String, Object> bundle) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer for a " + image.getClass().getName() + " of this colour model");
        }
        bundle.put("image/png", Base64.getEncoder().encodeToString(png.toByteArray()));
        bundle.put("text/plain", image.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight());
    }
}
