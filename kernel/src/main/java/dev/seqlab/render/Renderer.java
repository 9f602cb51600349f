package dev.seqlab.render;

import java.util.Map;

/**
 * Turns objects of one type into MIME data, for example a chart into {@code image/png}.
 *
 * @param <T> the type rendered
 */
@FunctionalInterface
public interface Renderer<T> {

    /**
     * Adds this renderer's MIME types to the bundle. {@code text/plain} is already present and may
     * be replaced.
     *
     * @param value the object to render
     * @param bundle MIME type to data, filled in place
     * @throws Exception when rendering fails (the bundle then keeps its plain text)
     */
    void render(T value, Map<String, Object> bundle) throws Exception;
}
