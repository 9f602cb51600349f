package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.Locations;
import java.nio.file.Path;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads CSV files into Tablesaw tables with one-sentence errors instead of parser stack traces.
 *
 * <p>Every data class that starts from a file goes through here, so a missing file, an
 * unreadable file and an empty file read the same everywhere.
 */
public final class Csv {

    private Csv() {}

    /**
     * Reads a CSV file with a header row; the file name is resolved with {@link Locations#resolve}
     * so that a bundled data set's name works from any working directory.
     *
     * @param file a path or a bundled data set's file name, e.g. {@code "datasets/airpassengers.csv"}
     * @return the table, named after the file, with at least one data row
     * @throws SeqLabException if the file is missing, cannot be parsed or holds no data rows
     */
    public static Table read(String file) {
        return read(Locations.resolve(file));
    }

    /**
     * Reads a CSV file with a header row from an existing path.
     *
     * @param path the file
     * @return the table, named after the file, with at least one data row
     * @throws SeqLabException if the file cannot be parsed or holds no data rows
     */
    public static Table read(Path path) {
        String name = path.getFileName().toString();
        Table table;
        try {
            table = Table.read().csv(CsvReadOptions.builder(path.toFile()).tableName(name).build());
        } catch (RuntimeException e) {
            // Tablesaw and univocity throw a zoo of runtime exceptions; the user needs one line.
            throw new SeqLabException("File '" + name + "' could not be read as CSV (" + rootMessage(e)
                    + "); check that it is comma-separated text with a header row.", e);
        }
        SeqLabException.check(table.columnCount() > 0 && table.rowCount() > 0,
                "File '%s' has no data rows; give a CSV file with a header row and at least one row of data.", name);
        return table;
    }

    /** The innermost message, because the outer ones of the CSV parser repeat the whole input. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.strip().replaceAll("\\s+", " ");
        return m.length() > 120 ? m.substring(0, 117) + "..." : m;
    }
}
