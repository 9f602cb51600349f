package dev.seqlab.render;

import dev.seqlab.model.Network;
import java.util.Map;

/** A built {@link Network} as its description with its layer table ({@code text/html}). */
final class NetworkRenderer implements Renderer<Network> {

    @Override
    public void render(Network network, Map<String, Object> bundle) {
        bundle.put("text/html", "<div class=\"seqlab-network\"><pre>" + Html.escape(Renderers.plainText(network))
                + "</pre>" + TableRenderer.html(network.summary()) + "</div>");
    }
}
