package dev.seqlab.render;

import java.lang.reflect.Method;
import java.util.Base64;
import java.util.Map;

/**
 * HTML for DSL objects that do not render themselves: a training run as its summary with the
 * loss chart, a network as its layer table. Found by class name and called reflectively, so the
 * kernel builds whether or not those DSL classes exist yet; an object's own public
 * {@code toHtml()} always wins.
 */
final class DslRenderers {

    private DslRenderers() {}

    static void registerIfPresent(Renderers r) {
        Class<?> run = load("dev.seqlab.train.Run");
        Class<?> plots = load("dev.seqlab.plot.Plots");
        if (run != null) {
            Method single = plots == null ? null : method(plots, "loss", run);
            Method varargs = plots == null ? null : method(plots, "loss", java.lang.reflect.Array.newInstance(run, 0).getClass());
            register(r, run, (value, bundle) -> {
                if (ownHtml(value, bundle)) {
                    return;
                }
                StringBuilder html = new StringBuilder("<div class=\"seqlab-run\"><pre>")
                        .append(Html.escape(Renderers.plainText(value))).append("</pre>");
                Object figure = null;
                if (single != null) {
                    figure = single.invoke(null, value);
                } else if (varargs != null) {
                    Object runs = java.lang.reflect.Array.newInstance(run, 1);
                    java.lang.reflect.Array.set(runs, 0, value);
                    figure = varargs.invoke(null, runs);
                }
                if (figure != null) {
                    Method png = method(figure.getClass(), "png");
                    if (png != null) {
                        html.append("<img src=\"data:image/png;base64,")
                                .append(Base64.getEncoder().encodeToString((byte[]) png.invoke(figure))).append("\"/>");
                    }
                }
                bundle.put("text/html", html.append("</div>").toString());
            });
        }
        Class<?> network = load("dev.seqlab.model.Network");
        if (network != null) {
            Method summary = method(network, "summary");
            register(r, network, (value, bundle) -> {
                if (ownHtml(value, bundle) || summary == null) {
                    return;
                }
                Object table = summary.invoke(value);
                if (table instanceof tech.tablesaw.api.Table t) {
                    bundle.put("text/html", "<div class=\"seqlab-network\"><pre>" + Html.escape(Renderers.plainText(value))
                            + "</pre>" + TableRenderer.html(t) + "</div>");
                }
            });
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(Renderers r, Class<?> type, Renderer<Object> renderer) {
        r.register((Class) type, renderer);
    }

    private static boolean ownHtml(Object value, Map<String, Object> bundle) throws Exception {
        Method own = method(value.getClass(), "toHtml");
        if (own != null && own.getReturnType() == String.class) {
            bundle.put("text/html", own.invoke(value));
            return true;
        }
        return false;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DslRenderers.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... params) {
        try {
            return type.getMethod(name, params);
        } catch (NoSuchMethodException | LinkageError e) {
            return null;
        }
    }
}
