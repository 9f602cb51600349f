package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.Locations;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads CSV files into Tablesaw tables with one-sentence errors instead of parser stack traces.
 *
 * <p>Every data class that starts from a file goes through here, so a missing file, an
 * unreadable file and an empty file read the same everywhere.
 */
public final class Csv {

    /** Tablesaw names the offending row in its message as "from row N". */
    private static final Pattern ROW = Pattern.compile("from row (\\d+)");

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
     * Reads a CSV file with a header row from an existing path, its delimiter and decimal
     * separator detected (see {@link #read(Path, CsvFormat)}).
     *
     * @param path the file
     * @return the table, named after the file, with at least one data row
     * @throws SeqLabException if the file cannot be parsed, reads two ways or holds no data rows
     */
    public static Table read(Path path) {
        return read(path, CsvFormat.detect());
    }

    /**
     * Reads a CSV file with a header row. A delimiter or decimal separator the format leaves open
     * is detected: the delimiter that splits every line into the same number of fields, the
     * decimal comma when numbers such as {@code 40,6} occur. Tablesaw alone would read
     * {@code 40,6} as 406 (it drops commas in numbers as thousands separators), so a file whose
     * numbers read both ways ({@code 1,234}) is refused until the format says which.
     *
     * @param path the file
     * @param format the delimiter and decimal separator, or {@link CsvFormat#detect()}
     * @return the table, named after the file, with at least one data row
     * @throws SeqLabException if the file cannot be parsed, reads two ways or holds no data rows
     */
    public static Table read(Path path, CsvFormat format) {
        SeqLabException.check(format != null, "The CSV format is null; use CsvFormat.detect() or give its delimiter and decimal separator.");
        String name = path.getFileName().toString();
        SeqLabException.check(!isEmpty(path),
                "File '%s' has no data rows; give a CSV file with a header row and at least one row of data.", name);
        Table table;
        try {
            // Decoded as Tablesaw decodes (UTF-8, bad bytes replaced): this text is only inspected.
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            char delimiter = format.delimiterOrZero() != 0 ? format.delimiterOrZero() : CsvSniffer.delimiter(text, name);
            // Unquoted comma-separated text has no comma inside a cell: nothing to misread, no need to look at the cells.
            boolean plain = delimiter == ',' && text.indexOf('"') < 0 && format.decimalOrZero() != ',';
            List<String[]> rows = plain ? List.of() : CsvSniffer.parse(text, delimiter);
            char decimal = plain ? '.' : CsvSniffer.decimal(rows, name, format.decimalOrZero());
            CsvReadOptions.Builder options = decimal == ','
                    ? CsvReadOptions.builder(new StringReader(CsvSniffer.withDecimalPoints(rows, delimiter, name)))
                    : CsvReadOptions.builder(path.toFile());
            table = Table.read().csv(options.tableName(name).separator(delimiter).build());
        } catch (SeqLabException e) {
            throw e;
        } catch (IOException e) {
            throw new SeqLabException("File '" + name + "' could not be read (" + rootMessage(e) + "); check that it exists and is readable.", e);
        } catch (RuntimeException e) {
            // Tablesaw and univocity throw a zoo of runtime exceptions; the user needs one line.
            throw new SeqLabException("File '" + name + "' could not be read as CSV (" + reason(e)
                    + "); check that it is comma-separated text with a header row.", e);
        }
        SeqLabException.check(table.columnCount() > 0 && table.rowCount() > 0,
                "File '%s' has no data rows; give a CSV file with a header row and at least one row of data.", name);
        return table;
    }

    private static boolean isEmpty(Path path) {
        try {
            return Files.size(path) == 0;
        } catch (IOException e) {
            throw new SeqLabException("File '" + path.getFileName() + "' could not be read (" + rootMessage(e)
                    + "); check that it exists and is readable.", e);
        }
    }

    /** Says in words what the parser's exception means; the commonest case is a ragged row. */
    private static String reason(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IndexOutOfBoundsException) {
                Matcher m = ROW.matcher(String.valueOf(e.getMessage()));
                return m.find() ? "data row " + m.group(1) + " has more fields than the header"
                        : "a row has more fields than the header";
            }
        }
        return rootMessage(e);
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
