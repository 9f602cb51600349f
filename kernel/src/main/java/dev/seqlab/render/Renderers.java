package dev.seqlab.render;

import dev.seqlab.data.Corpus;
import dev.seqlab.data.Series;
import dev.seqlab.data.TextData;
import dev.seqlab.model.Network;
import dev.seqlab.model.Stack;
import dev.seqlab.plot.Figure;
import dev.seqlab.plot.LearningCurve;
import dev.seqlab.train.Run;
import java.awt.image.RenderedImage;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Objects to MIME bundles. Renderers are registered by type and the most specific one wins: the
 * object's own class first, then its superclasses, then its interfaces (nearest first).
 * {@code text/plain} is always present.
 *
 * <p>Every type the kernel knows (XChart charts, Tablesaw tables, images, the DSL's runs,
 * networks, figures and learning curves) is registered by its class in {@link #withDefaults()}:
 * adding a renderer is one class implementing {@link Renderer} and one line there. Only objects
 * of classes the kernel cannot know (a user's own class defined in a cell) fall back to a
 * convention, looked up reflectively: a public {@code String toHtml()}, {@code byte[] png()},
 * {@code svg()} or {@code chart()} method.
 */
public final class Renderers {

    private static final Logger LOG = Logger.getLogger(Renderers.class.getName());
    private static final Renderers DEFAULT = withDefaults();

    private final Map<Class<?>, Renderer<?>> byType = new ConcurrentHashMap<>();

    /** @return the registry every engine in this JVM uses, with charts and tables registered */
    public static Renderers global() {
        return DEFAULT;
    }

    /** @return a new registry with SeqLab's built-in renderers, one line per rendered type */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Renderers withDefaults() {
        return new Renderers()
                .register((Class<Chart<?, ?>>) (Class) Chart.class, new ChartRenderer())
                .register(Table.class, new TableRenderer())
                .register(RenderedImage.class, new ImageRenderer())
                .register((Class<Figure<?>>) (Class) Figure.class, new FigureRenderer())
                .register(Run.class, new RunRenderer())
                .register(Network.class, new NetworkRenderer())
                .register(LearningCurve.class, new LearningCurveRenderer())
                .register(Stack.class, new ConfigRenderer())
                .register(Series.class, new ConfigRenderer())
                .register(TextData.class, new ConfigRenderer())
                .register(Corpus.class, new ConfigRenderer());
    }

    /**
     * Registers a renderer for a type, replacing any earlier one for exactly that type.
     *
     * @param type the type
     * @param renderer its renderer
     * @param <T> the type
     * @return this registry
     */
    public <T> Renderers register(Class<T> type, Renderer<? super T> renderer) {
        byType.put(type, renderer);
        return this;
    }

    /**
     * Renders an object.
     *
     * @param value the object (may be null)
     * @return MIME type to data, {@code text/plain} first and always present
     */
    public Map<String, Object> render(Object value) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plainText(value));
        if (value == null) {
            return bundle;
        }
        Renderer<Object> r = find(value.getClass());
        try {
            if (r != null) {
                r.render(value, bundle);
            } else {
                renderByConvention(value, bundle);
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Rendering " + value.getClass().getName() + " failed; showing its text", e);
        }
        return bundle;
    }

    /**
     * The plain text of a value: its {@code toString()}, or "null".
     *
     * @param value the value
     * @return the text
     */
    public static String plainText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            return arrayText(value);
        }
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return value.getClass().getName() + " (toString failed: " + e + ")";
        }
    }

    private static String arrayText(Object array) {
        if (array instanceof Object[] a) {
            return java.util.Arrays.deepToString(a);
        }
        if (array instanceof int[] a) {
            return java.util.Arrays.toString(a);
        }
        if (array instanceof double[] a) {
            return java.util.Arrays.toString(a);
        }
        if (array instanceof long[] a) {
            return java.util.Arrays.toString(a);
        }
        if (array instanceof float[] a) {
            return java.util.Arrays.toString(a);
        }
        if (array instanceof boolean[] a) {
            return java.util.Arrays.toString(a);
        }
        if (array instanceof char[] a) {
            return java.util.Arrays.toString(a);
        }
        if (array instanceof byte[] a) {
            return java.util.Arrays.toString(a);
        }
        if (array instanceof short[] a) {
            return java.util.Arrays.toString(a);
        }
        return String.valueOf(array);
    }

    @SuppressWarnings("unchecked")
    private Renderer<Object> find(Class<?> type) {
        Renderer<?> exact = byType.get(type);
        if (exact != null) {
            return (Renderer<Object>) exact;
        }
        // Candidates that are supertypes of no other candidate are the most specific; among
        // unrelated ones (two interfaces), the nearest in the type hierarchy wins.
        Map<Class<?>, Integer> distance = distances(type);
        Class<?> best = null;
        for (Class<?> c : byType.keySet()) {
            if (!c.isAssignableFrom(type)) {
                continue;
            }
            boolean lessSpecific = false;
            for (Class<?> other : byType.keySet()) {
                if (other != c && c.isAssignableFrom(other) && other.isAssignableFrom(type)) {
                    lessSpecific = true;
                    break;
                }
            }
            if (lessSpecific) {
                continue;
            }
            if (best == null || distance.getOrDefault(c, Integer.MAX_VALUE) < distance.getOrDefault(best, Integer.MAX_VALUE)) {
                best = c;
            }
        }
        return best == null ? null : (Renderer<Object>) byType.get(best);
    }

    private static Map<Class<?>, Integer> distances(Class<?> type) {
        Map<Class<?>, Integer> d = new java.util.HashMap<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        d.put(type, 0);
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            List<Class<?>> next = new java.util.ArrayList<>(List.of(c.getInterfaces()));
            if (c.getSuperclass() != null) {
                next.add(0, c.getSuperclass());
            }
            if (c.isInterface()) {
                next.add(Object.class);
            }
            for (Class<?> n : next) {
                if (!d.containsKey(n)) {
                    d.put(n, d.get(c) + 1);
                    queue.add(n);
                }
            }
        }
        return d;
    }

    /**
     * Objects of classes the kernel cannot know (a user's class defined in a cell) may still
     * offer MIME data through public no-argument methods: {@code String toHtml()} gives
     * {@code text/html}; {@code byte[] png()} gives {@code image/png}; {@code byte[] svg()} or
     * {@code String svg()} gives {@code image/svg+xml}; and an XChart returned by {@code chart()}
     * is rendered as a chart.
     */
    private void renderByConvention(Object value, Map<String, Object> bundle) throws Exception {
        Object html = call(value, "toHtml");
        if (html instanceof String h) {
            bundle.put("text/html", h);
        }
        Object png = call(value, "png");
        if (png instanceof byte[] b) {
            bundle.put("image/png", java.util.Base64.getEncoder().encodeToString(b));
        }
        Object svg = call(value, "svg");
        if (svg instanceof byte[] b) {
            bundle.put("image/svg+xml", new String(b, java.nio.charset.StandardCharsets.UTF_8));
        } else if (svg instanceof String sv) {
            bundle.put("image/svg+xml", sv);
        }
        if (png == null && svg == null) {
            Object chart = call(value, "chart");
            if (chart != null && chart != value) {
                Renderer<Object> r = find(chart.getClass());
                if (r != null) {
                    String text = (String) bundle.get("text/plain");
                    r.render(chart, bundle);
                    bundle.put("text/plain", text);
                }
            }
        }
    }

    private static Object call(Object value, String name) throws Exception {
        Method m;
        try {
            m = value.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class) {
            return null;
        }
        m.setAccessible(true);
        try {
            return m.invoke(value);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
