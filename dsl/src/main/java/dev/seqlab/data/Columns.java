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
        }
        return out;
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
