package dev.seqlab.sweep;

import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Named parameters, each with a list of values; a configuration takes one value of each. All
 * combinations form the grid ({@link #configs()}, the first parameter varying slowest);
 * {@link #sample(int, long)} draws some of them at random instead, for grids too big to run whole.
 *
 * <pre>{@code Grid.of("LAYERS", 1, 2, 4).and("RESIDUAL", false, true)}</pre>
 */
public final class Grid {

    private final Map<String, List<Object>> axes;

    private Grid(Map<String, List<Object>> axes) {
        this.axes = axes;
    }

    /**
     * A grid of one parameter.
     *
     * @param name the parameter
     * @param values its values (numbers, text, true/false)
     * @return the grid
     */
    public static Grid of(String name, Object... values) {
        return new Grid(new LinkedHashMap<>()).and(name, values);
    }

    /**
     * A grid from a map of names to value lists (as read from a GRID.json file).
     *
     * @param axes names to values, in order
     * @return the grid
     */
    public static Grid of(Map<String, ? extends List<?>> axes) {
        SeqLabException.check(!axes.isEmpty(), "The grid has no parameters; give at least one name with a list of values.");
        Grid g = new Grid(new LinkedHashMap<>());
        for (Map.Entry<String, ? extends List<?>> e : axes.entrySet()) {
            g = g.and(e.getKey(), e.getValue().toArray());
        }
        return g;
    }

    /**
     * This grid with one more parameter.
     *
     * @param name the parameter
     * @param values its values
     * @return a new grid
     */
    public Grid and(String name, Object... values) {
        SeqLabException.check(name != null && !name.isBlank(), "A grid parameter has no name; give each list of values a name.");
        SeqLabException.check(!axes.containsKey(name), "Grid parameter '%s' is given twice; give each name once.", name);
        SeqLabException.check(values.length > 0, "Grid parameter '%s' has no values; give it at least one.", name);
        List<Object> list = new ArrayList<>();
        Set<Object> seen = new LinkedHashSet<>();
        for (Object v : values) {
            SeqLabException.check(v instanceof Number || v instanceof String || v instanceof Boolean,
                    "Grid parameter '%s' has the value %s; values must be numbers, text or true/false.", name, v);
            SeqLabException.check(seen.add(v), "Grid parameter '%s' lists %s twice; give each value once.", name, v);
            list.add(v);
        }
        Map<String, List<Object>> copy = new LinkedHashMap<>(axes);
        copy.put(name, Collections.unmodifiableList(list));
        return new Grid(copy);
    }

    /** @return the parameter names, in order */
    public List<String> names() {
        return List.copyOf(axes.keySet());
    }

    /** @param name a parameter @return its values */
    public List<Object> values(String name) {
        return axes.get(name);
    }

    /** @return the number of configurations in the full grid */
    public long size() {
        long n = 1;
        for (List<Object> v : axes.values()) {
            n = Math.multiplyExact(n, v.size());
        }
        return n;
    }

    /** @return every configuration, the first parameter varying slowest */
    public List<Config> configs() {
        SeqLabException.check(size() <= 1_000_000, "The grid has %d configurations; sample some with sample(n, seed).", size());
        List<Config> out = new ArrayList<>();
        for (long i = 0; i < size(); i++) {
            out.add(config(i));
        }
        return out;
    }

    /**
     * Some configurations drawn at random without repeats (all of them, in grid order, when n is
     * at least the grid's size). The same seed draws the same ones.
     *
     * @param n how many
     * @param seed the draw's seed
     * @return the configurations, in grid order
     */
    public List<Config> sample(int n, long seed) {
        SeqLabException.check(n >= 1, "Sample size %d is below 1; sample at least one configuration.", n);
        if (n >= size()) {
            return configs();
        }
        Random r = new Random(seed);
        Set<Long> picked = new java.util.TreeSet<>();
        while (picked.size() < n) {
            picked.add(Math.floorMod(r.nextLong(), size()));
        }
        List<Config> out = new ArrayList<>();
        for (long i : picked) {
            out.add(config(i));
        }
        return out;
    }

    /** The i-th configuration in grid order (mixed radix, last parameter fastest). */
    private Config config(long index) {
        List<String> names = names();
        Object[] chosen = new Object[names.size()];
        long rest = index;
        for (int k = names.size() - 1; k >= 0; k--) {
            List<Object> v = axes.get(names.get(k));
            chosen[k] = v.get((int) (rest % v.size()));
            rest /= v.size();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            m.put(names.get(k), chosen[k]);
        }
        return new Config(m, 0);
    }

    @Override
    public String toString() {
        return "Grid" + axes + " (" + size() + " configurations)";
    }
}
