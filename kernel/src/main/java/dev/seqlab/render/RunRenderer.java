package dev.seqlab.render;

import dev.seqlab.plot.Plots;
import dev.seqlab.train.Run;
import java.util.Base64;
import java.util.Map;

/** A training {@link Run} as its summary text with its loss chart ({@code text/html}). */
final class RunRenderer implements Renderer<Run> {

    @Override
    public void render(Run run, Map<String, Object> bundle) {
        String html = "<div class=\"seqlab-run\"><pre>" + Html.escape(Renderers.plainText(run)) + "</pre>"
                + "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(Plots.loss(run).png()) + "\"/>"
                + "</div>";
        bundle.put("text/html", html);
    }
}
