package dev.seqlab.sweep;

import dev.seqlab.SeqLabException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One parameter assignment of a sweep: names to values (numbers, text, true/false), in the grid's
 * order, plus the seed of the trial it belongs to (the paired design gives replicate k the same
 * seed in every configuration).
 */
public final class Config {

    private final Map<String, Object> values;
    private final long seed;

    Config(Map<String, Object> values, long seed) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.seed = seed;
    }

    /**
     * A configuration from a map, for tests and hand-made sweeps.
     *
     * @param values names to values, in order
     * @return the configuration (seed 0)
     */
    public static Config of(Map<String, ?> values) {
        return new Config(new LinkedHashMap<>(values), 0);
    }

    Config withSeed(long s) {
        return new Config(values, s);
    }

    /** @return the trial's seed (0 outside a trial) */
    public long seed() {
        return seed;
    }

    /** @return the values by name, in the grid's order (read-only) */
    public Map<String, Object> values() {
        return values;
    }

    /**
     * The value of a parameter.
     *
     * @param name the parameter
     * @return its value
     * @throws SeqLabException when there is no such parameter
     */
    public Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new SeqLabException("The sweep has no parameter '" + name + "'; its parameters are " + values.keySet() + ".");
        }
        return v;
    }

    /** @param name the parameter @return its value as an int */
    public int getInt(String name) {
        return number(name).intValue();
    }

    /** @param name the parameter @return its value as a long */
    public long getLong(String name) {
        return number(name).longValue();
    }

    /** @param name the parameter @return its value as a double */
    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    /** @param name the parameter @return its value as true/false */
    public boolean getBoolean(String name) {
        Object v = get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new SeqLabException("Parameter '" + name + "' is " + v + ", not true/false; use get(\"" + name + "\") for it.");
    }

    /** @param name the parameter @return its value as text */
    public String getString(String name) {
        return String.valueOf(get(name));
    }

    private Number number(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n;
        }
        throw new SeqLabException("Parameter '" + name + "' is " + v + ", not a number; use getString(\"" + name + "\") for it.");
    }

    /**
     * Whether every given name has the given value here (numbers compare by value, so 4 matches 4L
     * and 4.0).
     *
     * @param partial some parameters and values
     * @return true when all match
     */
    public boolean matches(Map<String, ?> partial) {
        for (Map.Entry<String, ?> e : partial.entrySet()) {
            if (!values.containsKey(e.getKey()) || !same(values.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    /**
     * A short label such as {@code LAYERS=2, RESIDUAL=true}, leaving out some names.
     *
     * @param skip names to leave out
     * @return the label, or "all" when nothing is left
     */
    public String label(String... skip) {
        StringJoiner j = new StringJoiner(", ");
        outer:
        for (Map.Entry<String, Object> e : values.entrySet()) {
            for (String s : skip) {
                if (s.equals(e.getKey())) {
                    continue outer;
                }
            }
            j.add(e.getKey() + "=" + e.getValue());
        }
        return j.length() == 0 ? "all" : j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && c.values.equals(values) && c.seed == seed;
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return label() + ", seed=" + seed;
    }
}
