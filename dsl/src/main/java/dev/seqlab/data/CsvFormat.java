package dev.seqlab.data;

import dev.seqlab.SeqLabException;

/**
 * How a CSV file separates its fields and writes its decimals. By default both are detected from
 * the file, and a file that reads two ways (a delimiter or a decimal separator that fits either
 * way) is refused with a sentence that says which option to give.
 *
 * <pre>{@code
 * Series.csv("prices.csv", "close", CsvFormat.detect().delimiter(';').decimal(','));
 * }</pre>
 *
 * <p>Immutable: every method returns a new format.
 */
public final class CsvFormat {

    private static final CsvFormat DETECT = new CsvFormat((char) 0, (char) 0);

    private final char delimiter;
    private final char decimal;

    private CsvFormat(char delimiter, char decimal) {
        this.delimiter = delimiter;
        this.decimal = decimal;
    }

    /** @return a format whose delimiter and decimal separator are detected from the file */
    public static CsvFormat detect() {
        return DETECT;
    }

    /**
     * Sets the field delimiter.
     *
     * @param c one of {@code ,} {@code ;} tab or {@code |}
     * @return a new format
     */
    public CsvFormat delimiter(char c) {
        SeqLabException.check(c == ',' || c == ';' || c == '\t' || c == '|',
                "Delimiter '%s' is not supported; use ',', ';', '\\t' or '|'.", c);
        return new CsvFormat(c, decimal);
    }

    /**
     * Sets the decimal separator of numbers.
     *
     * @param c {@code '.'} or {@code ','}
     * @return a new format
     */
    public CsvFormat decimal(char c) {
        SeqLabException.check(c == '.' || c == ',', "Decimal separator '%s' is not supported; use '.' or ','.", c);
        return new CsvFormat(delimiter, c);
    }

    /** @return the delimiter, or 0 when it is detected */
    char delimiterOrZero() {
        return delimiter;
    }

    /** @return the decimal separator, or 0 when it is detected */
    char decimalOrZero() {
        return decimal;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvFormat f && f.delimiter == delimiter && f.decimal == decimal;
    }

    @Override
    public int hashCode() {
        return delimiter * 31 + decimal;
    }

    @Override
    public String toString() {
        return "CsvFormat[delimiter " + show(delimiter) + ", decimal " + show(decimal) + "]";
    }

    private static String show(char c) {
        return c == 0 ? "detected" : c == '\t' ? "'\\t'" : "'" + c + "'";
    }
}
