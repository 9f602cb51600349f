package dev.seqlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** A user's own table in the notebook: raw doubles shown at their quantity's digits, the values kept. */
class TableDigitsTest {

    @Test
    void rawDoublesAreShownByQuantityAndOwnFormatsAreKept() {
        DoubleColumn wer = DoubleColumn.create("WER", new double[] {0.5207187064924006, Double.NaN});
        DoubleColumn seconds = DoubleColumn.create("train seconds", new double[] {93.443029138, 0.926166819});
        DoubleColumn loss = DoubleColumn.create("val_loss", new double[] {1.2035185207020154, 0.5});
        DoubleColumn own = DoubleColumn.create("share", new double[] {0.123456789, 0.5});
        own.setPrintFormatter(NumberColumnFormatter.percent(1));
        Table t = Table.create("scores", StringColumn.create("model", new String[] {"a", "b"}), wer, seconds, loss, own);
        String html = TableRenderer.html(t);
        assertFalse(Pattern.compile("\\d\\.\\d{6,}").matcher(html).find(), html);
        for (String shown : new String[] {"<td>0.521</td>", "<td>93.4</td>", "<td>0.93</td>", "<td>1.204</td>", "<td>0.5000</td>"}) {
            assertTrue(html.contains(shown), shown + " in " + html);
        }
        assertTrue(html.contains("<td>12.3%</td>"), "a column's own format is kept: " + html);
        assertEquals(0.5207187064924006, t.doubleColumn("WER").getDouble(0), 0.0, "the table keeps its values");
        assertTrue(t.printAll().contains("0.5207187064924006"), "and its text form is Tablesaw's own");
    }
}
