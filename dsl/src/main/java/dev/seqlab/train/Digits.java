package dev.seqlab.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How many digits a number in a SeqLab table shows: as many as the quantity deserves, decided
 * by what its column measures (its name), never more than were measured meaningfully. Only the
 * printed form changes: the table keeps every bit of the double, and CSV exports write it in
 * full ({@code table.write().csv(...)} ignores print formatters unless asked).
 *
 * <table>
 * <caption>The rule, by column name (lower case)</caption>
 * <tr><th>kind</th><th>column names</th><th>shown as</th><th>examples</th></tr>
 * <tr><td>{@link Kind#SECONDS}</td><td>ending in {@code seconds}</td>
 *     <td>3 significant digits, at most 2 decimals</td><td>0.93, 14.3, 1433</td></tr>
 * <tr><td>{@link Kind#LOSS}</td><td>containing {@code loss} or {@code cross_entropy}</td>
 *     <td>4 significant digits (losses are compared closely)</td><td>1.204, 0.02346</td></tr>
 * <tr><td>{@link Kind#SCORE}</td><td>containing {@code accuracy}, {@code precision}, {@code recall}, {@code f1}</td>
 *     <td>3 decimals (a share between 0 and 1)</td><td>0.773, 1.000</td></tr>
 * <tr><td>{@link Kind#SETTING}</td><td>{@code lr}, {@code fraction}, {@code dropout}</td>
 *     <td>as given, up to 6 significant digits, no trailing zeros</td><td>0.005, 0.25</td></tr>
 * <tr><td>{@link Kind#MEASURE}</td><td>anything else (errors, norms, perplexities)</td>
 *     <td>3 significant digits</td><td>43.6, 52.6, 0.0123</td></tr>
 * </table>
 * Significant digits never drop integer digits (2768.9 shows as 2769, not 2770) and keep
 * trailing zeros, so a column's numbers line up; values below 1e-4 in size show in scientific
 * notation ({@code 1.23e-05}); NaN shows as {@code NaN}.
 */
public final class Digits {

    /** What a column measures, which decides its digits. */
    public enum Kind {
        /** Wall-clock time in seconds. */
        SECONDS,
        /** A training or validation loss. */
        LOSS,
        /** A share between 0 and 1: accuracy, precision, recall, F1. */
        SCORE,
        /** A value someone chose rather than measured: learning rate, data fraction, dropout. */
        SETTING,
        /** Any other measured quantity: test errors in data units, gradient norms, perplexity. */
        MEASURE
    }

    private Digits() {}

    /**
     * Returns the kind of quantity a column holds, from its name.
     *
     * @param column the column name
     * @return its kind ({@link Kind#MEASURE} when nothing more specific matches)
     */
    public static Kind kind(String column) {
        String n = column == null ? "" : column.toLowerCase(Locale.ROOT);
        if (n.endsWith("seconds")) {
            return Kind.SECONDS;
        }
        if (n.contains("loss") || n.contains("cross_entropy")) {
            return Kind.LOSS;
        }
        if (n.contains("accuracy") || n.contains("precision") || n.contains("recall") || n.matches(".*(^|_)f1($|_).*")) {
            return Kind.SCORE;
        }
        if (n.equals("lr") || n.endsWith("_lr") || n.equals("fraction") || n.contains("dropout")) {
            return Kind.SETTING;
        }
        return Kind.MEASURE;
    }

    /**
     * Formats one value as its column's kind shows it.
     *
     * @param kind what the value measures
     * @param value the value
     * @return the text shown in tables
     */
    public static String format(Kind kind, double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return switch (kind) {
            case SECONDS -> significant(value, 3, 2);
            case LOSS -> significant(value, 4, Integer.MAX_VALUE);
            case SCORE -> new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
            case SETTING -> setting(value);
            case MEASURE -> significant(value, 3, Integer.MAX_VALUE);
        };
    }

    /**
     * Gives every floating-point column of a table the print format of its kind, so that
     * {@code toString()}/{@code printAll()} and the notebook's HTML table show readable numbers.
     * The values themselves are untouched.
     *
     * @param table the table (changed in place)
     * @return the same table
     */
    public static Table readable(Table table) {
        for (Column<?> c : table.columns()) {
            Kind kind = kind(c.name());
            if (c instanceof DoubleColumn d) {
                d.setPrintFormatter(new Formatter(kind));
            } else if (c instanceof FloatColumn f) {
                f.setPrintFormatter(new Formatter(kind));
            }
        }
        return table;
    }

    private static String significant(double value, int digits, int maxDecimals) {
        double size = Math.abs(value);
        if (size != 0 && size < 1e-4 && maxDecimals == Integer.MAX_VALUE) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal b = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (b.precision() < digits) {
            b = b.setScale(b.scale() + digits - b.precision()); // 0.5 as 0.500: trailing zeros line a column up
        }
        if (b.scale() < 0) {
            b = exact.setScale(0, RoundingMode.HALF_EVEN); // integer digits are never dropped
        }
        if (b.scale() > maxDecimals) {
            b = exact.setScale(maxDecimals, RoundingMode.HALF_EVEN);
        }
        return b.toPlainString();
    }

    private static String setting(double value) {
        BigDecimal b = new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        double size = Math.abs(value);
        if (size != 0 && (size < 1e-4 || size >= 1e9)) {
            return String.format(Locale.ROOT, "%.5g", value).replaceAll("\\.?0+e", "e");
        }
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    /** Tablesaw's hook: the column prints through it, its data stays as it is. */
    private static final class Formatter extends NumberColumnFormatter {
        private final Kind kind;

        Formatter(Kind kind) {
            super("NaN");
            this.kind = kind;
        }

        @Override
        public String format(double value) {
            return Digits.format(kind, value);
        }

        @Override
        public String format(float value) {
            return Digits.format(kind, value);
        }
    }
}
