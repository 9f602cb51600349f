package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/**
 * A label column turned into class indices. Class names are the distinct values as strings,
 * sorted: numerically for a numeric column (so 2 comes before 10), alphabetically otherwise.
 *
 * @param names class names by index
 * @param classes class index of every row
 */
record Labels(List<String> names, int[] classes) {

    static Labels of(Column<?> column, String source) {
        Columns.requireComplete(column, source);
        int n = column.size();
        String[] raw = new String[n];
        List<String> names;
        if (column instanceof NumericColumn<?> num) {
            TreeMap<Double, String> sorted = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                double v = num.getDouble(i);
                // 1.0 and 1 are one class; integral doubles print without ".0".
                raw[i] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                sorted.put(v, raw[i]);
            }
            names = List.copyOf(sorted.values());
        } else {
            TreeSet<String> sorted = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                raw[i] = column.getString(i);
                sorted.add(raw[i]);
            }
            names = List.copyOf(sorted);
        }
        SeqLabException.check(names.size() >= 2,
                "Label column '%s' of %s has only one class ('%s'); a classifier needs at least two classes, so pick another label column or add samples of other classes.",
                column.name(), source, names.isEmpty() ? "" : names.get(0));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = index.get(raw[i]);
        }
        return new Labels(names, classes);
    }

    /** Row indices of each class, in row order. */
    List<List<Integer>> rowsByClass() {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < classes.length; i++) {
            out.get(classes[i]).add(i);
        }
        return out;
    }
}
