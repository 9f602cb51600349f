package dev.seqlab.plot;

import dev.seqlab.data.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import tech.tablesaw.columns.Column;
import java.util.Optional;

/**
 * The x axis of a series chart: dates when the table's first date/text column holds ISO dates
 * or date-times (XChart then chooses readable, non-overlapping date ticks), else row numbers.
 * A fractional row (a part boundary) becomes the instant between its two rows.
 */
final class RowAxis {
    private final long[] millis;
    private final String title;

    RowAxis(Series series) {
        this.millis = series.index().map(RowAxis::parse).orElse(null);
        this.title = millis != null ? indexColumn(series).orElse("date") : "row";
    }

    /** @return the axis title: the date column's name, or "row" */
    String title() {
        return title;
    }

    private static long[] parse(List<String> labels) {
        long[] out = new long[labels.size()];
        try {
            for (int i = 0; i < out.length; i++) {
                String v = labels.get(i);
                out[i] = v.length() <= 10 ? java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli()
                        : java.time.LocalDateTime.parse(v.replace(' ', 'T')).atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
            }
        } catch (RuntimeException notDates) {
            return null;
        }
        return out.length > 1 ? out : null;
    }

    /** @return whether the axis shows dates */
    boolean dates() {
        return millis != null;
    }

    /** The x value of a (possibly fractional) row: a Date, or the row number itself. */
    Object at(double row) {
        if (millis == null) {
            return row;
        }
        int lo = (int) Math.max(0, Math.min(millis.length - 2, Math.floor(row)));
        double f = row - lo;
        return new java.util.Date(Math.round(millis[lo] + f * (millis[lo + 1] - millis[lo])));
    }

    List<Object> at(double[] rows) {
        List<Object> out = new ArrayList<>(rows.length);
        for (double r : rows) {
            out.add(at(r));
        }
        return out;
    }

    void style(XYChart chart) {
        if (millis == null) {
            chart.getStyler().setXAxisDecimalPattern("0");
        } else {
            chart.getStyler().setXAxisTickMarkSpacingHint(90);
        }
    }

    private static Optional<String> indexColumn(Series series) {
        for (Column<?> c : series.table().columns()) {
            switch (c.type().name()) {
                case "LOCAL_DATE":
                case "LOCAL_DATE_TIME":
                case "LOCAL_TIME":
                case "INSTANT":
                case "STRING":
                case "TEXT":
                    return Optional.of(c.name());
                default:
                    break;
            }
        }
        return Optional.empty();
    }
}
