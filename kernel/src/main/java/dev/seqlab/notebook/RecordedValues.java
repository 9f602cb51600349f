package dev.seqlab.notebook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.seqlab.sweep.Recorded;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bridge between {@code record("name", value)} in a notebook and the notebook's metadata: the
 * headless runner clears the store before the first cell and stores
 * {@code metadata.seqlab.recorded} at the end; {@code seqlab sweep} reads it back.
 */
public final class RecordedValues {

    /** The key under {@code metadata.seqlab}. */
    public static final String KEY = "recorded";

    private RecordedValues() {}

    /** Forgets values from an earlier notebook run in this JVM. */
    public static void clear() {
        Recorded.clear();
    }

    /** @return the values recorded so far, as a JSON object */
    public static JsonObject json() {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> e : Recorded.snapshot().entrySet()) {
            Object v = e.getValue();
            o.add(e.getKey(), v instanceof Number n ? new JsonPrimitive(n) : v instanceof Boolean b ? new JsonPrimitive(b) : new JsonPrimitive(String.valueOf(v)));
        }
        return o;
    }

    /**
     * Reads recorded values back: whole numbers as long, others as double (the text Gson writes
     * for a double reads back to the same double), text and true/false as they are.
     *
     * @param o the {@code recorded} object, or null
     * @return the values in order
     */
    public static Map<String, Object> read(JsonObject o) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        for (String k : o.keySet()) {
            out.put(k, value(o.get(k)));
        }
        return out;
    }

    /**
     * A JSON scalar as a Java value.
     *
     * @param e the element
     * @return Long, Double, Boolean or String
     */
    public static Object value(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            return e.toString();
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            String t = p.getAsString();
            if (!t.contains(".") && !t.contains("e") && !t.contains("E")) {
                try {
                    return new BigDecimal(t).longValueExact();
                } catch (ArithmeticException ignored) {
                    // too big for a long
                }
            }
            return Double.parseDouble(t);
        }
        return p.getAsString();
    }
}
