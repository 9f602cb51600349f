package dev.seqlab.data;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds how a CSV file separates fields and writes decimals, before Tablesaw reads it, and
 * refuses files that read two ways. Package-private: {@link Csv} is the door.
 */
final class CsvSniffer {

    /** Delimiters tried, in the order a tie is broken. */
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    /** Records looked at to find the delimiter. */
    private static final int SAMPLE = 1000;
    /** Only signs, digits, dots and commas: the cells whose commas matter. */
    private static final Pattern NUMBERISH = Pattern.compile("[-+]?[\\d.,]*\\d[\\d.,]*");
    /** 1,234 or 1,234,567.5: a comma as thousands separator. */
    private static final Pattern THOUSANDS = Pattern.compile("[-+]?[1-9]\\d{0,2}(,\\d{3})+(\\.\\d*)?");
    /** 40,6 or 1.234,5: a comma as decimal separator (dots, if any, group thousands). */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?(\\d+|[1-9]\\d{0,2}(\\.\\d{3})+),\\d+");
    /** 1.500 in a decimal-comma file: dots grouping thousands, no decimals. */
    private static final Pattern DOT_THOUSANDS = Pattern.compile("[-+]?[1-9]\\d{0,2}(\\.\\d{3})+");

    private CsvSniffer() {}

    /**
     * The delimiter that splits the header and every sampled record into the same number of
     * fields; with none such, the one the header holds most (the parser then names the ragged row).
     */
    static char delimiter(String text, String file) {
        List<int[]> counts = countOutsideQuotes(text);
        if (counts.isEmpty()) {
            return ',';
        }
        int[] header = counts.get(0);
        List<Character> fitting = new ArrayList<>();
        for (int d = 0; d < DELIMITERS.length; d++) {
            boolean same = header[d] > 0;
            for (int r = 1; r < counts.size() && same; r++) {
                same = counts.get(r)[d] == header[d];
            }
            if (same) {
                fitting.add(DELIMITERS[d]);
            }
        }
        if (fitting.size() > 1) {
            throw new SeqLabException(String.format("File '%s' splits into equal columns with %s and with %s; give the delimiter, "
                    + "for example CsvFormat.detect().delimiter(%s).", file, show(fitting.get(0)), show(fitting.get(1)), show(fitting.get(1))));
        }
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (header[d] > header[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    /** Per non-blank record (quoted line breaks kept inside their record): how often each delimiter occurs outside quotes. */
    private static List<int[]> countOutsideQuotes(String text) {
        List<int[]> out = new ArrayList<>();
        int[] current = new int[DELIMITERS.length];
        boolean quoted = false;
        boolean blank = true;
        for (int i = 0; i < text.length() && out.size() < SAMPLE; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (!blank) {
                    out.add(current);
                }
                current = new int[DELIMITERS.length];
                blank = true;
                continue;
            } else if (!quoted) {
                for (int d = 0; d < DELIMITERS.length; d++) {
                    if (c == DELIMITERS[d]) {
                        current[d]++;
                    }
                }
            }
            blank &= Character.isWhitespace(c);
        }
        if (!blank && out.size() < SAMPLE) {
            out.add(current);
        }
        return out;
    }

    /** The records as the CSV parser sees them (header first), with the parser Tablesaw uses. */
    static List<String[]> parse(String text, char delimiter) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setDelimiter(delimiter);
        settings.getFormat().setQuote('"');
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setMaxCharsPerColumn(-1);
        settings.setMaxColumns(100_000);
        settings.setSkipEmptyLines(true);
        return new CsvParser(settings).parseAll(new java.io.StringReader(text));
    }

    /** One cell and where it is, for messages. */
    private record Cell(String value, int row, String column) {
        String where() {
            return String.format("row %d, column '%s'", row, column);
        }
    }

    /**
     * Chooses the decimal separator: the given one (checked against the cells), else a comma when
     * numbers such as {@code 40,6} occur and a point otherwise; refuses files that mix both or
     * whose only comma numbers ({@code 1,234}) read either way.
     */
    static char decimal(List<String[]> rows, String file, char given) {
        Cell decimalComma = null;
        Cell thousands = null;
        Cell either = null;
        String[] header = rows.isEmpty() ? new String[0] : rows.get(0);
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                String v = row[c] == null ? "" : row[c].strip();
                if (v.indexOf(',') < 0 || !NUMBERISH.matcher(v).matches()) {
                    continue;
                }
                boolean t = THOUSANDS.matcher(v).matches();
                boolean d = DECIMAL_COMMA.matcher(v).matches();
                Cell cell = new Cell(v, r - 1, c < header.length ? header[c] : "#" + (c + 1));
                if (t && d) {
                    either = either == null ? cell : either;
                } else if (d) {
                    decimalComma = decimalComma == null ? cell : decimalComma;
                } else if (t) {
                    thousands = thousands == null ? cell : thousands;
                }
            }
        }
        if (given == '.') {
            SeqLabException.check(decimalComma == null,
                    "File '%s' holds '%s' (%s), a number with a decimal comma, but the format says decimal '.'; use CsvFormat.detect().decimal(',').",
                    file, decimalComma == null ? "" : decimalComma.value(), decimalComma == null ? "" : decimalComma.where());
            return '.';
        }
        if (given == ',') {
            SeqLabException.check(thousands == null,
                    "File '%s' holds '%s' (%s), which is not a number with a decimal comma, but the format says decimal ','; fix that cell "
                            + "or use CsvFormat.detect().decimal('.').",
                    file, thousands == null ? "" : thousands.value(), thousands == null ? "" : thousands.where());
            return ',';
        }
        if (decimalComma != null && thousands != null) {
            throw new SeqLabException(String.format("File '%s' has numbers with a decimal comma ('%s', %s) and with thousands separators "
                    + "('%s', %s); make the column consistent or give the separator with CsvFormat.detect().decimal(...).", file,
                    decimalComma.value(), decimalComma.where(), thousands.value(), thousands.where()));
        }
        if (decimalComma != null) {
            return ',';
        }
        if (thousands == null && either != null) {
            throw new SeqLabException(String.format("File '%s' has numbers such as '%s' (%s) that read as %s with a thousands separator "
                    + "or as %s with a decimal comma; say which with CsvFormat.detect().decimal(',') or .decimal('.').", file,
                    either.value(), either.where(), either.value().replace(",", ""), either.value().replace(',', '.')));
        }
        return '.';
    }

    /** Rewrites the records with decimal points ({@code 1.234,5} becomes {@code 1234.5}) for Tablesaw. */
    static String withDecimalPoints(List<String[]> rows, char delimiter, String file) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.append(delimiter);
                }
                String v = row[c] == null ? "" : row[c];
                String s = v.strip();
                if (r > 0 && (DECIMAL_COMMA.matcher(s).matches() || DOT_THOUSANDS.matcher(s).matches())) {
                    v = s.replace(".", "").replace(',', '.');
                }
                out.append(quote(v, delimiter));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String quote(String v, char delimiter) {
        if (v.indexOf(delimiter) < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static String show(char c) {
        return c == '\t' ? "'\\t'" : "'" + c + "'";
    }
}
