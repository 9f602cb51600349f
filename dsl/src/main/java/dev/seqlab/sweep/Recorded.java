package dev.seqlab.sweep;

import dev.seqlab.SeqLabException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a notebook records with {@code record("name", value)}, in the spirit of scrapbook's
 * {@code glue}: the headless runner stores them in the output notebook's metadata
 * ({@code metadata.seqlab.recorded}), where {@code seqlab sweep} reads them for its tables.
 *
 * <p>One store per JVM: a JVM runs one notebook at a time (the kernel one session, the runner one
 * notebook, a Spark executor one trial), and an in-process sweep saves and restores it around
 * each trial.
 */
public final class Recorded {

    private static final Map<String, Object> VALUES = new LinkedHashMap<>();

    private Recorded() {}

    /**
     * Records a value under a name (a later value replaces an earlier one).
     *
     * @param name the name, a column of the sweep's tables
     * @param value a finite number, text or true/false
     */
    public static synchronized void record(String name, Object value) {
        SeqLabException.check(name != null && !name.isBlank() && name.chars().noneMatch(c -> c == ',' || c == '"' || c < 0x20),
                "record(%s, ...): the name must be non-empty text without commas or quotes, such as \"test_rmse\".", name);
        if (value instanceof Number n) {
            double d = n.doubleValue();
            SeqLabException.check(Double.isFinite(d), "record(\"%s\", %s): only finite numbers can be recorded; record a number or text.", name, value);
            value = n instanceof Float f ? (Object) f.doubleValue() : n;
        } else if (value instanceof CharSequence s) {
            value = s.toString();
        } else {
            SeqLabException.check(value instanceof Boolean, "record(\"%s\", %s): only numbers, text and true/false can be recorded.", name, value);
        }
        VALUES.remove(name);
        VALUES.put(name, value);
    }

    /** @return a copy of the values recorded since the last {@link #clear()}, in order */
    public static synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(VALUES);
    }

    /** Forgets every value (the runner calls it before a notebook starts). */
    public static synchronized void clear() {
        VALUES.clear();
    }

    static synchronized void restore(Map<String, Object> values) {
        VALUES.clear();
        VALUES.putAll(values);
    }
}
