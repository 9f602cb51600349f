package dev.seqlab.render;

import dev.seqlab.plot.Plots;
import dev.seqlab.train.Run;
import java.util.Base64;
import java.util.Map;

/**
 * A training {@link Run} as its summary with its loss chart ({@code text/html}): the model and
 * data lines as key/value tables ({@link ConfigHtml#summary}) so the notebook does not wrap them
 * in the middle of words; {@code text/plain} keeps the complete summary.
 */
final class RunRenderer implements Renderer<Run> {

    @Override
    public void render(Run run, Map<String, Object> bundle) {
        String text = Renderers.plainText(run);
        String summary = ConfigHtml.summary(text);
        String html = "<div class=\"seqlab-run\">" + (summary != null ? summary : "<pre>" + Html.escape(text) + "</pre>")
                + "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(Plots.loss(run).png()) + "\"/>"
                + "</div>";
        bundle.put("text/html", html);
    }
}
