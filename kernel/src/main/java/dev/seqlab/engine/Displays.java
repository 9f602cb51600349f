package dev.seqlab.engine;

import dev.seqlab.magic.MagicContext;
import dev.seqlab.magic.VariableTable;
import dev.seqlab.render.Renderers;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The kernel side of the functions every session defines: {@code display(obj)},
 * {@code updateDisplay(id, obj)}, {@code clearOutput()} and {@code vars()} (the {@code %vars}
 * table for scripts, where a magic line would not be plain Java). Cells run in the kernel's JVM (JShell local execution), so those
 * functions call these static methods directly. Output goes to the cell being evaluated now, or
 * to the last one when called from a background thread after the cell ended.
 */
public final class Displays {

    private static volatile Outputs current = Outputs.NONE;
    private static volatile Renderers renderers = Renderers.global();
    private static volatile boolean evaluating;
    private static volatile MagicContext session;
    /** Objects a live display of the current cell ended showing (by identity), see {@link #shownLive}. */
    private static final Set<Object> SHOWN_LIVE = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private Displays() {}

    static void begin(Outputs outputs, Renderers r, MagicContext magicContext) {
        current = outputs;
        renderers = r;
        session = magicContext;
        SHOWN_LIVE.clear();
        evaluating = true;
    }

    /**
     * Records that a live display of this cell now shows {@code value} in full (a training run's
     * progress display ends showing the finished run). When the cell then ends with that same
     * object as its value, the value is not shown a second time as the cell's result: the live
     * display already is the result.
     *
     * @param value the object the display shows
     */
    static void shownLive(Object value) {
        if (value != null) {
            SHOWN_LIVE.add(value);
        }
    }

    /** @return whether a live display of the current cell already shows this very object */
    static boolean isShownLive(Object value) {
        return value != null && SHOWN_LIVE.contains(value);
    }

    static void end() {
        evaluating = false;
    }

    /** @return true while a cell is being evaluated */
    public static boolean evaluating() {
        return evaluating;
    }

    /** @return the outputs of the cell being (or last) evaluated */
    public static Outputs outputs() {
        return current;
    }

    /**
     * Renders an object with the session's renderers.
     *
     * @param value the object
     * @return its MIME bundle
     */
    public static Map<String, Object> render(Object value) {
        return renderers.render(value);
    }

    /**
     * Shows an object below the cell and returns an id that {@link #update} can replace it by.
     *
     * @param value the object to show
     * @return the display id
     */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        current.display(render(value), id);
        return id;
    }

    /**
     * Clears the cell's outputs so far, once the next output arrives (as IPython's
     * {@code clear_output(wait=True)}), so a cell can redraw in place.
     */
    public static void clearOutput() {
        current.clearOutput(true);
    }

    /** Shows the session's variables as {@code %vars} does (for {@code .jsh} scripts). */
    public static void vars() {
        MagicContext s = session;
        if (s != null) {
            current.display(VariableTable.bundle(s.variables()), null);
        }
    }

    /**
     * Replaces the display with the given id.
     *
     * @param id an id from {@link #display}
     * @param value the new object to show
     */
    public static void update(String id, Object value) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned, not " + id);
        }
        current.updateDisplay(render(value), id);
    }
}
