/**
 * Objects to MIME bundles for notebooks, the kernel and {@code seqlab run}: XChart charts and DSL
 * figures to {@code image/png} and {@code image/svg+xml}, any {@link java.awt.image.RenderedImage}
 * to {@code image/png}, Tablesaw tables to HTML, runs and networks to HTML summaries;
 * {@code text/plain} is always present.
 *
 * <p>Renderers are registered by type in {@link dev.seqlab.render.Renderers#withDefaults()} and
 * the most specific type wins. A new renderer: one class implementing
 * {@link dev.seqlab.render.Renderer} for its type, and one {@code register} line in
 * {@code withDefaults()}. Objects of classes the kernel cannot know (a user's own class) may
 * offer {@code toHtml()}, {@code png()}, {@code svg()} or {@code chart()} instead.
 */
package dev.seqlab.render;
