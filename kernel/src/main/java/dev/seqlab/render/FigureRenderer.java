package dev.seqlab.render;

import dev.seqlab.plot.Figure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A DSL {@link Figure} (what every {@code Plots} verb returns) as {@code image/png} and {@code image/svg+xml}. */
final class FigureRenderer implements Renderer<Figure<?>> {

    @Override
    public void render(Figure<?> figure, Map<String, Object> bundle) {
        bundle.put("image/png", Base64.getEncoder().encodeToString(figure.png()));
        try {
            bundle.put("image/svg+xml", new String(figure.svg(), StandardCharsets.UTF_8));
        } catch (RuntimeException | LinkageError e) {
            // The SVG encoder's library is optional; PNG alone is fine.
        }
    }
}
