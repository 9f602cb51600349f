package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import dev.seqlab.plot.Compare;
import dev.seqlab.train.Digits.Kind;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Numbers in SeqLab's tables: digits by quantity when shown, full precision kept and exported. */
class DigitsTest {

    /** Six or more decimals in a row: a raw double printed in full. */
    private static final Pattern RAW_DOUBLE = Pattern.compile("\\d\\.\\d{6,}");

    @Test
    void kindsFollowTheColumnName() {
        assertEquals(Kind.SECONDS, Digits.kind("train_seconds"));
        assertEquals(Kind.SECONDS, Digits.kind("seconds"));
        assertEquals(Kind.LOSS, Digits.kind("best_val_loss"));
        assertEquals(Kind.LOSS, Digits.kind("test_cross_entropy"));
        assertEquals(Kind.SCORE, Digits.kind("test_accuracy"));
        assertEquals(Kind.SCORE, Digits.kind("f1"));
        assertEquals(Kind.SCORE, Digits.kind("precision"));
        assertEquals(Kind.SETTING, Digits.kind("lr"));
        assertEquals(Kind.SETTING, Digits.kind("fraction"));
        assertEquals(Kind.MEASURE, Digits.kind("test_rmse"));
        assertEquals(Kind.MEASURE, Digits.kind("grad_norm"));
        assertEquals(Kind.MEASURE, Digits.kind("f10_index"), "f1 only as a word of the name");
    }

    @Test
    void digitsFitTheQuantity() {
        // the values of issue 20
        assertEquals("0.93", Digits.format(Kind.SECONDS, 0.926166819));
        assertEquals("1.204", Digits.format(Kind.LOSS, 1.2035185207020154));
        assertEquals("43.6", Digits.format(Kind.MEASURE, 43.57909650705734));
        // seconds: 3 significant digits, at most 2 decimals
        assertEquals("14.3", Digits.format(Kind.SECONDS, 14.32));
        assertEquals("0.09", Digits.format(Kind.SECONDS, 0.085182509));
        assertEquals("1433", Digits.format(Kind.SECONDS, 1432.51));
        // integer digits are never dropped, trailing zeros kept, carries handled
        assertEquals("2769", Digits.format(Kind.MEASURE, 2768.9027));
        assertEquals("52.6", Digits.format(Kind.MEASURE, 52.62036395877778));
        assertEquals("10.0", Digits.format(Kind.MEASURE, 9.996));
        assertEquals("1.00", Digits.format(Kind.MEASURE, 0.9996));
        assertEquals("0.0123", Digits.format(Kind.MEASURE, 0.012345));
        assertEquals("0.500", Digits.format(Kind.MEASURE, 0.5));
        assertEquals("12.0", Digits.format(Kind.MEASURE, 12.0));
        assertEquals("286697", Digits.format(Kind.MEASURE, 286697.0));
        assertEquals("0.00", Digits.format(Kind.MEASURE, 0.0));
        assertEquals("-3.14", Digits.format(Kind.MEASURE, -3.14159));
        assertEquals("1.23e-05", Digits.format(Kind.MEASURE, 0.0000123456));
        assertEquals("0.02346", Digits.format(Kind.LOSS, 0.023456789));
        // scores: 3 decimals; settings: as given
        assertEquals("0.773", Digits.format(Kind.SCORE, 0.7733333));
        assertEquals("1.000", Digits.format(Kind.SCORE, 1.0));
        assertEquals("0.005", Digits.format(Kind.SETTING, 0.005));
        assertEquals("0.25", Digits.format(Kind.SETTING, 0.25));
        assertEquals("5e-05", Digits.format(Kind.SETTING, 5e-5));
        assertEquals("NaN", Digits.format(Kind.LOSS, Double.NaN));
    }

    @Test
    void compareTableShowsReadableNumbersAndKeepsFullPrecision() throws Exception {
        Series air = Fixtures.air();
        Experiment e = Experiment.of(Stack.lstm(8), air).adam(5e-3).epochs(3).batch(16).seed(3);
        try (Run a = e.name("a").train(); Run b = Experiment.of(Stack.gru(8), air).adam(5e-3).epochs(3).batch(16).seed(3).name("b").train()) {
            Compare c = Compare.of(a, b);
            Table t = c.table();
            String text = c.toString();
            assertFalse(RAW_DOUBLE.matcher(text).find(), "no raw doubles in the text table:\n" + text);
            assertFalse(RAW_DOUBLE.matcher(t.printAll()).find(), t.printAll());
            // each cell shows its quantity's digits, row by row
            for (int r = 0; r < 2; r++) {
                Run run = List.of(a, b).get(r);
                assertEquals(Digits.format(Kind.SECONDS, run.trainSeconds()), t.getString(r, "train_seconds"));
                assertEquals(Digits.format(Kind.MEASURE, run.metric("rmse")), t.getString(r, "test_rmse"));
                assertEquals(Digits.format(Kind.LOSS, t.doubleColumn("best_val_loss").getDouble(r)), t.getString(r, "best_val_loss"));
                assertTrue(text.contains(t.getString(r, "test_rmse")), text);
                // the table keeps the doubles themselves
                assertEquals(run.trainSeconds(), t.doubleColumn("train_seconds").getDouble(r), 0.0);
                assertEquals(run.metric("rmse"), t.doubleColumn("test_rmse").getDouble(r), 0.0);
            }
            // a selection of columns (as the notebooks show) keeps the formats
            Table shown = t.selectColumns("name", "train_seconds", "test_rmse");
            assertEquals(t.getString(0, "test_rmse"), shown.getString(0, "test_rmse"));
            // CSV exports every digit
            StringWriter csv = new StringWriter();
            t.write().csv(csv);
            String rmse = String.valueOf(a.metric("rmse"));
            assertTrue(rmse.length() > 8, "a value with many digits: " + rmse);
            assertTrue(csv.toString().contains(rmse), csv.toString());
            assertTrue(csv.toString().contains(String.valueOf(a.trainSeconds())), csv.toString());
            System.out.printf(Locale.ROOT, "DigitsTest: compare table as text%n%s%n", text);
        }
    }
}
