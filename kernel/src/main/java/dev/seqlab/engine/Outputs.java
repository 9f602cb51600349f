package dev.seqlab.engine;

import java.util.List;
import java.util.Map;

/**
 * Where an evaluating cell sends what it produces. The Jupyter kernel turns each call into an
 * IOPub message; the headless runner turns them into notebook outputs. Implementations must be
 * thread-safe: training listeners and background threads may call them.
 */
public interface Outputs {

    /**
     * Text written to a stream.
     *
     * @param name "stdout" or "stderr"
     * @param text the text, possibly several lines
     */
    void stream(String name, String text);

    /**
     * A new display ({@code display_data}).
     *
     * @param bundle MIME type to data ({@code text/plain} always present)
     * @param displayId the transient display id, or null for a display that is never updated
     */
    void display(Map<String, Object> bundle, String displayId);

    /**
     * Replaces an earlier display in place ({@code update_display_data}).
     *
     * @param bundle MIME type to data
     * @param displayId the id given when the display was opened
     */
    void updateDisplay(Map<String, Object> bundle, String displayId);

    /**
     * The value of the cell's last expression ({@code execute_result}).
     *
     * @param bundle MIME type to data
     */
    void result(Map<String, Object> bundle);

    /**
     * The cell failed ({@code error}).
     *
     * @param ename the short error name
     * @param evalue the one-line message
     * @param traceback the lines to show, first the most useful
     */
    void error(String ename, String evalue, List<String> traceback);

    /**
     * Clears the cell's outputs so far ({@code clear_output}).
     *
     * @param wait true to clear only when the next output arrives (no flicker)
     */
    default void clearOutput(boolean wait) {}

    /** An {@link Outputs} that drops everything. */
    Outputs NONE = new Outputs() {
        @Override public void stream(String name, String text) {}
        @Override public void display(Map<String, Object> bundle, String displayId) {}
        @Override public void updateDisplay(Map<String, Object> bundle, String displayId) {}
        @Override public void result(Map<String, Object> bundle) {}
        @Override public void error(String ename, String evalue, List<String> traceback) {}
    };
}
