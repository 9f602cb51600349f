package dev.seqlab.notebook;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.seqlab.engine.Outputs;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects one cell's outputs as nbformat 4 records, the way Jupyter saves them: consecutive
 * text on one stream merges into one {@code stream} output; a display opened with an id and later
 * updated ({@code update_display_data}) is replaced in place, so the final state is what is saved;
 * the value of the last expression is an {@code execute_result} with the cell's execution count;
 * a failure is an {@code error} with its traceback. Thread-safe: training listeners call it from
 * the training thread.
 */
public final class CellOutputs implements Outputs {

    private static final Gson GSON = new Gson();
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private final List<JsonObject> outputs = new ArrayList<>();
    private final Map<String, List<JsonObject>> byDisplayId = new HashMap<>();
    private final int executionCount;
    private final PrintStream echo;
    private boolean clearPending;

    /**
     * Creates a collector.
     *
     * @param executionCount the count the cell's {@code execute_result} carries
     * @param echo where to echo outputs as they come ({@code --log-output}), or null
     */
    public CellOutputs(int executionCount, PrintStream echo) {
        this.executionCount = executionCount;
        this.echo = echo;
    }

    @Override
    public synchronized void stream(String name, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        beforeOutput();
        echo(text);
        JsonObject last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
        if (last != null && "stream".equals(last.get("output_type").getAsString()) && name.equals(last.get("name").getAsString())) {
            last.add("text", Notebook.lines(Notebook.text(last.get("text")) + text));
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("output_type", "stream");
        o.addProperty("name", name);
        o.add("text", Notebook.lines(text));
        outputs.add(o);
    }

    @Override
    public synchronized void display(Map<String, Object> bundle, String displayId) {
        beforeOutput();
        JsonObject o = new JsonObject();
        o.addProperty("output_type", "display_data");
        o.add("data", data(bundle));
        o.add("metadata", new JsonObject());
        outputs.add(o);
        if (displayId != null) {
            byDisplayId.computeIfAbsent(displayId, k -> new ArrayList<>()).add(o);
        }
        echoBundle(bundle);
    }

    @Override
    public synchronized void updateDisplay(Map<String, Object> bundle, String displayId) {
        List<JsonObject> targets = byDisplayId.get(displayId);
        if (targets == null) {
            return; // Jupyter ignores an update for a display it never saw
        }
        for (JsonObject o : targets) {
            o.add("data", data(bundle));
        }
    }

    @Override
    public synchronized void result(Map<String, Object> bundle) {
        beforeOutput();
        JsonObject o = new JsonObject();
        o.addProperty("output_type", "execute_result");
        o.addProperty("execution_count", executionCount);
        o.add("data", data(bundle));
        o.add("metadata", new JsonObject());
        outputs.add(o);
        echoBundle(bundle);
    }

    @Override
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        beforeOutput();
        JsonObject o = new JsonObject();
        o.addProperty("output_type", "error");
        o.addProperty("ename", ename == null ? "Error" : ename);
        o.addProperty("evalue", evalue == null ? "" : evalue);
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        o.add("traceback", tb);
        outputs.add(o);
        if (echo != null) {
            traceback.forEach(l -> echo.println(ANSI.matcher(l).replaceAll("")));
            echo.flush();
        }
    }

    /**
     * Clears the outputs so far, at once or when the next output arrives (IPython's
     * {@code clear_output(wait)}).
     *
     * @param wait true to clear only when the next output comes
     */
    public synchronized void clearOutput(boolean wait) {
        if (wait) {
            clearPending = true;
        } else {
            clear();
        }
    }

    private void beforeOutput() {
        if (clearPending) {
            clearPending = false;
            clear();
        }
    }

    private void clear() {
        outputs.clear();
        byDisplayId.clear();
    }

    /** @return copies of the outputs so far, in order */
    public synchronized JsonArray toJson() {
        JsonArray a = new JsonArray();
        outputs.forEach(o -> a.add(o.deepCopy()));
        return a;
    }

    /** @return the number of outputs so far */
    public synchronized int size() {
        return outputs.size();
    }

    /**
     * A MIME bundle as nbformat stores it: text types as lists of lines, JSON types as JSON,
     * everything else (base64 images) as one string.
     *
     * @param bundle MIME type to value
     * @return the {@code data} object
     */
    static JsonObject data(Map<String, Object> bundle) {
        JsonObject d = new JsonObject();
        for (Map.Entry<String, Object> e : bundle.entrySet()) {
            String mime = e.getKey();
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            boolean json = mime.equals("application/json") || mime.endsWith("+json");
            if (v instanceof String s) {
                if (json) {
                    try {
                        d.add(mime, com.google.gson.JsonParser.parseString(s));
                        continue;
                    } catch (RuntimeException notJson) {
                        // keep it as text
                    }
                }
                boolean text = mime.startsWith("text/") || mime.equals("image/svg+xml") || mime.equals("application/javascript");
                d.add(mime, text ? Notebook.lines(s) : new JsonPrimitive(s));
            } else if (v instanceof byte[] b) {
                d.addProperty(mime, java.util.Base64.getEncoder().encodeToString(b));
            } else {
                JsonElement tree = GSON.toJsonTree(v);
                d.add(mime, tree);
            }
        }
        return d;
    }

    private void echo(String text) {
        if (echo != null) {
            echo.print(text);
            echo.flush();
        }
    }

    private void echoBundle(Map<String, Object> bundle) {
        if (echo == null) {
            return;
        }
        Object plain = bundle.get("text/plain");
        echo.println(plain == null ? "[" + String.join(", ", bundle.keySet()) + "]" : plain.toString());
        if (bundle.containsKey("image/png")) {
            echo.println("[image/png]");
        }
        echo.flush();
    }
}
