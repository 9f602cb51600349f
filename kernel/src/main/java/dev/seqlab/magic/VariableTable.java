package dev.seqlab.magic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.seqlab.render.Html;
import dev.seqlab.render.Renderers;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The session's variables as a table: name, type, a short value and, for tensors, tables and
 * collections, their size (an NDArray's shape, a Tablesaw table's rows x columns, a collection's
 * element count). {@code %vars} shows it in a notebook and the {@code vars()} function in a
 * {@code .jsh} script, so both print the same table.
 */
public final class VariableTable {

    /** Values longer than this are cut with an ellipsis. */
    static final int VALUE_WIDTH = 40;

    private VariableTable() {}

    /**
     * The table as a MIME bundle: an aligned {@code text/plain} table and an HTML table.
     *
     * @param variables the session's variables
     * @return {@code text/plain} and {@code text/html}
     */
    public static Map<String, Object> bundle(List<MagicContext.Variable> variables) {
        List<String[]> rows = new ArrayList<>();
        for (MagicContext.Variable v : variables) {
            rows.add(new String[] {v.name(), v.type(), shortValue(v.value()), size(v.value())});
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plain(rows));
        bundle.put("text/html", html(rows));
        return bundle;
    }

    /**
     * The size of a value that has one: shape, rows x columns, element count or length.
     *
     * @param value the value
     * @return the size, or "" for a value without one
     */
    static String size(Object value) {
        if (value instanceof NDArray a) {
            try {
                return a.getShape().toString();
            } catch (RuntimeException closed) {
                return "(closed)"; // an NDArray whose native memory was freed has no shape to give
            }
        }
        if (value instanceof NDList l) {
            return l.size() + (l.size() == 1 ? " array" : " arrays");
        }
        if (value instanceof Table t) {
            return t.rowCount() + " rows x " + t.columnCount() + " cols";
        }
        if (value instanceof Collection<?> c) {
            return c.size() + (c.size() == 1 ? " item" : " items");
        }
        if (value instanceof Map<?, ?> m) {
            return m.size() + (m.size() == 1 ? " entry" : " entries");
        }
        if (value instanceof CharSequence s) {
            return s.length() + " chars";
        }
        if (value != null && value.getClass().isArray()) {
            int n = Array.getLength(value);
            return n + (n == 1 ? " item" : " items");
        }
        return "";
    }

    /**
     * The first line of a value's text, cut to {@link #VALUE_WIDTH} characters.
     *
     * @param value the value
     * @return the short text
     */
    static String shortValue(Object value) {
        String text;
        try {
            text = Renderers.plainText(value);
        } catch (RuntimeException e) {
            text = value.getClass().getSimpleName();
        }
        String first = text.strip().lines().findFirst().orElse("");
        boolean more = first.length() > VALUE_WIDTH || text.strip().contains("\n");
        if (first.length() > VALUE_WIDTH) {
            first = first.substring(0, VALUE_WIDTH - 1);
        }
        return more ? first + "\u2026" : first;
    }

    private static final String[] HEADER = {"name", "type", "value", "size"};

    private static String plain(List<String[]> rows) {
        if (rows.isEmpty()) {
            return "No variables defined yet.";
        }
        int[] width = new int[HEADER.length];
        List<String[]> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format("%-" + width[i] + "s", r[i])).append(i + 1 < r.length ? "  " : "");
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static String html(List<String[]> rows) {
        StringBuilder b = new StringBuilder("<table class=\"seqlab-vars\"><thead><tr>");
        for (String h : HEADER) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (String[] r : rows) {
            b.append("<tr>");
            for (int i = 0; i < r.length; i++) {
                b.append(i == 1 || i == 2 ? "<td><code>" : "<td>").append(Html.escape(r[i]))
                        .append(i == 1 || i == 2 ? "</code></td>" : "</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
