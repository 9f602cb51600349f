package dev.seqlab.render;

import dev.seqlab.train.Digits;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Tablesaw tables as an HTML table. Tables longer than {@link #MAX_ROWS} rows show their first and
 * last rows with an ellipsis row between; the caption always gives the row and column counts.
 */
public final class TableRenderer implements Renderer<Table> {

    /** Tables up to this many rows are shown whole. */
    public static final int MAX_ROWS = 20;
    /** Tablesaw's default print formats of floating-point columns: every digit. */
    private static final NumberColumnFormatter FULL_DOUBLE = fullPrecision(ColumnType.DOUBLE);
    private static final NumberColumnFormatter FULL_FLOAT = fullPrecision(ColumnType.FLOAT);
    private static final int HEAD = 10;
    private static final int TAIL = 5;

    @Override
    public void render(Table table, Map<String, Object> bundle) {
        bundle.put("text/html", html(table));
        int rows = table.rowCount();
        bundle.put("text/plain", rows > MAX_ROWS
                ? table.first(HEAD).printAll() + "\n... (" + rows + " rows, " + table.columnCount() + " columns)"
                : table.printAll());
    }

    /**
     * The HTML for a table.
     *
     * @param table the table
     * @return an HTML fragment
     */
    public static String html(Table table) {
        int rows = table.rowCount();
        boolean truncated = rows > MAX_ROWS;
        StringBuilder b = new StringBuilder("<table class=\"seqlab-table\">");
        b.append("<caption style=\"caption-side:bottom;text-align:left\">")
                .append(Html.escape(table.name() == null ? "" : table.name() + ": "))
                .append(rows).append(rows == 1 ? " row" : " rows").append(" \u00d7 ")
                .append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns")
                .append(truncated ? " (first " + HEAD + " and last " + TAIL + " shown)" : "")
                .append("</caption><thead><tr>");
        for (Column<?> c : table.columns()) {
            b.append("<th>").append(Html.escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        if (truncated) {
            rowsHtml(table, 0, HEAD, b);
            b.append("<tr>");
            for (int i = 0; i < table.columnCount(); i++) {
                b.append("<td>\u2026</td>");
            }
            b.append("</tr>");
            rowsHtml(table, rows - TAIL, rows, b);
        } else {
            rowsHtml(table, 0, rows, b);
        }
        return b.append("</tbody></table>").toString();
    }

    /**
     * One cell as shown: a floating-point value that its column would print at Tablesaw's
     * default full precision ({@code 0.926166819}, {@code 43.57909650705734}) is shown with the
     * digits of its quantity instead ({@link Digits}: 0.93 s, 43.6); a column with its own print
     * format keeps it. The table's values are untouched.
     */
    static String cell(Column<?> c, int r) {
        String shown = c.getString(r);
        if (c instanceof DoubleColumn d && !d.isMissing(r) && shown.equals(FULL_DOUBLE.format(d.getDouble(r)))) {
            return Digits.format(Digits.kind(c.name()), d.getDouble(r));
        }
        if (c instanceof FloatColumn f && !f.isMissing(r) && shown.equals(FULL_FLOAT.format(f.getFloat(r)))) {
            return Digits.format(Digits.kind(c.name()), f.getFloat(r));
        }
        return shown;
    }

    private static NumberColumnFormatter fullPrecision(ColumnType type) {
        NumberColumnFormatter f = NumberColumnFormatter.floatingPointDefault();
        f.setColumnType(type);
        return f;
    }

    private static void rowsHtml(Table table, int from, int to, StringBuilder b) {
        for (int r = from; r < to; r++) {
            b.append("<tr>");
            for (Column<?> c : table.columns()) {
                b.append("<td>").append(Html.escape(cell(c, r))).append("</td>");
            }
            b.append("</tr>");
        }
    }
}
