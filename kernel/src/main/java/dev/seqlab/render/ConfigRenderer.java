package dev.seqlab.render;

import java.util.Map;

/**
 * A DSL declaration that prints its whole configuration on one line ({@code Stack},
 * {@code Series}, {@code TextData}, {@code Corpus}) as a small key/value table
 * ({@code text/html}, see {@link ConfigHtml}); {@code text/plain} keeps the complete line.
 */
final class ConfigRenderer implements Renderer<Object> {

    @Override
    public void render(Object value, Map<String, Object> bundle) {
        String html = ConfigHtml.html(Renderers.plainText(value));
        if (html != null) {
            bundle.put("text/html", html);
        }
    }
}
