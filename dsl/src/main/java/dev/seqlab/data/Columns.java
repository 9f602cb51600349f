package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Looks up table columns by name and reads them with errors that name the fix. */
final class Columns {

    private Columns() {}

    /** Returns the named column, or says which columns there are. */
    static Column<?> require(Table table, String name, String source) {
        SeqLabException.check(name != null && !name.isBlank(),
                "A column name is empty; use one of: %s.", String.join(", ", table.columnNames()));
        if (!table.containsColumn(name)) {
            throw new SeqLabException(String.format("Column '%s' is not in %s; use one of: %s.",
                    name, source, String.join(", ", table.columnNames())));
        }
        return table.column(name);
    }

    /** Reads a numeric column without missing values as doubles. */
    static double[] numeric(Table table, String name, String source) {
        Column<?> column = require(table, name, source);
        if (!(column instanceof NumericColumn<?>)) {
            int bad = strayText(column);
            if (bad >= 0) {
                throw new SeqLabException(String.format("Column '%s' of %s holds '%s' at row %d, which is not a number; fix that cell or "
                        + "drop its row (a missing value may be left empty).", name, source, column.getString(bad), bad));
            }
            List<String> numeric = table.columns().stream()
                    .filter(c -> c instanceof NumericColumn<?>).map(Column::name).toList();
            throw new SeqLabException(String.format("Column '%s' of %s holds %s values, not numbers; %s.",
                    name, source, column.type().name(),
                    numeric.isEmpty() ? "give a table with a numeric column"
                            : "use a numeric column: " + String.join(", ", numeric)));
        }
        NumericColumn<?> num = (NumericColumn<?>) column;
        requireComplete(column, source);
        double[] out = new double[num.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num.getDouble(i);
            // Caught here, where the data is read: later an infinity surfaces as a NaN loss that looks like a learning-rate problem.
            if (Double.isInfinite(out[i])) {
                throw new SeqLabException(String.format("Column '%s' of %s holds %s at row %d; replace it with a finite number or drop its row.",
                        name, source, out[i], i));
            }
        }
        return out;
    }

    /**
     * The row of the first cell that is not a number in a column that is mostly numbers (such as
     * "n/a" among values), or -1 when the column is text as a whole.
     */
    private static int strayText(Column<?> column) {
        int numbers = 0;
        int filled = 0;
        int first = -1;
        for (int i = 0; i < column.size(); i++) {
            if (column.isMissing(i)) {
                continue;
            }
            filled++;
            try {
                Double.parseDouble(column.getString(i).strip());
                numbers++;
            } catch (NumberFormatException e) {
                first = first < 0 ? i : first;
            }
        }
        return filled > 0 && numbers * 2 >= filled ? first : -1;
    }

    /** Fails on the first missing value, naming the column and the row. */
    static void requireComplete(Column<?> column, String source) {
        int missing = column.countMissing();
        if (missing == 0) {
            return;
        }
        int first = 0;
        while (!column.isMissing(first)) {
            first++;
        }
        throw new SeqLabException(String.format(
                "Column '%s' of %s has %d missing value%s, the first at row %d; fill or drop those rows first "
                        + "(for example with table.dropRowsWithMissingValues()).",
                column.name(), source, missing, missing == 1 ? "" : "s", first));
    }
}
