package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlab.SeqLabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.NumericColumn;

/** Delimiters and decimal separators: detected when the file is clear, refused when it is not, never silently misread (issue 17, item 8). */
class CsvFormatTest {

    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    private static double[] column(Series s, String name) {
        return ((NumericColumn<?>) s.table().column(name)).asDoubleArray();
    }

    private static void fails(String message, org.junit.jupiter.api.function.Executable code) {
        SeqLabException e = assertThrows(SeqLabException.class, code);
        assertEquals(message, e.getMessage());
    }

    @Test
    void aSemicolonFileWithDecimalCommasIsReadAsWritten() throws IOException {
        String f = file("eu.csv", "month;passengers\n1949-01;40,6\n1949-02;41,2\n1949-03;-0,5\n");
        assertArrayEquals(new double[] {40.6, 41.2, -0.5}, column(Series.csv(f, "passengers"), "passengers"), 0);
    }

    @Test
    void aSemicolonFileWithDecimalPointsIsDetected() throws IOException {
        String f = file("semi.csv", "a;b\n1.5;2\n2.5;3\n");
        assertArrayEquals(new double[] {1.5, 2.5}, column(Series.csv(f, "a"), "a"), 0);
    }

    @Test
    void aTabFileIsDetected() throws IOException {
        String f = file("tab.tsv", "a\tb\n1.5\t2\n2.5\t3\n");
        assertArrayEquals(new double[] {2, 3}, column(Series.csv(f, "b"), "b"), 0);
    }

    @Test
    void quotedDecimalCommasInACommaFileAreNotReadAsThousands() throws IOException {
        String f = file("quoted.csv", "x,y\n1,\"40,6\"\n2,\"41,25\"\n");
        assertArrayEquals(new double[] {40.6, 41.25}, column(Series.csv(f, "y"), "y"), 0);
    }

    @Test
    void clearThousandsSeparatorsStayThousands() throws IOException {
        String f = file("us.csv", "x,y\n1,\"1,234,567\"\n2,\"2,345.5\"\n");
        assertArrayEquals(new double[] {1234567, 2345.5}, column(Series.csv(f, "y"), "y"), 0);
    }

    @Test
    void theFormatCanBeGiven() throws IOException {
        String f = file("given.csv", "a;b\n1;1,234\n2;2,5\n");
        Series s = Series.csv(f, "b", CsvFormat.detect().delimiter(';').decimal(','));
        assertArrayEquals(new double[] {1.234, 2.5}, column(s, "b"), 0);
        assertEquals("CsvFormat[delimiter ';', decimal ',']", CsvFormat.detect().delimiter(';').decimal(',').toString());
        assertEquals("CsvFormat[delimiter detected, decimal detected]", CsvFormat.detect().toString());
    }

    @Test
    void textDataReadsASemicolonFile() throws IOException {
        String f = file("reviews.csv", "text;label\ngood, really good;1\nbad;0\nfine;1\nawful;0\n");
        TextData t = TextData.csv(f, "text", "label");
        assertEquals("good, really good", t.table().stringColumn("text").get(0));
        TextData given = TextData.csv(f, "text", "label", CsvFormat.detect().delimiter(';'));
        assertEquals(4, given.table().rowCount());
    }

    @Test
    void numbersThatReadBothWaysAreRefused() throws IOException {
        String f = file("amb.csv", "x;y\n1;1,234\n2;2,345\n");
        fails("File 'amb.csv' has numbers such as '1,234' (row 0, column 'y') that read as 1234 with a thousands separator "
                + "or as 1.234 with a decimal comma; say which with CsvFormat.detect().decimal(',') or .decimal('.').",
                () -> Series.csv(f, "y"));
    }

    @Test
    void aFileMixingBothConventionsIsRefused() throws IOException {
        String f = file("mixed.csv", "x,y\n1,\"40,6\"\n2,\"1,234,567\"\n");
        fails("File 'mixed.csv' has numbers with a decimal comma ('40,6', row 0, column 'y') and with thousands separators "
                + "('1,234,567', row 1, column 'y'); make the column consistent or give the separator with CsvFormat.detect().decimal(...).",
                () -> Series.csv(f, "y"));
    }

    @Test
    void aDecimalCommaAgainstAGivenDecimalPointIsRefused() throws IOException {
        String f = file("point.csv", "x;y\n1;40,6\n");
        fails("File 'point.csv' holds '40,6' (row 0, column 'y'), a number with a decimal comma, but the format says decimal '.'; "
                + "use CsvFormat.detect().decimal(',').", () -> Series.csv(f, "y", CsvFormat.detect().decimal('.')));
    }

    @Test
    void twoDelimitersThatBothFitAreRefused() throws IOException {
        String f = file("twoways.csv", "a,b;c\n1,2;3\n4,5;6\n");
        fails("File 'twoways.csv' splits into equal columns with ',' and with ';'; give the delimiter, for example "
                + "CsvFormat.detect().delimiter(';').", () -> Series.csv(f, "a"));
    }

    @Test
    void aTextCellInANumberColumnIsNamedWithItsRowAndValue() throws IOException {
        String f = file("na.csv", "x,y\n1,2\n2,3\n3,n/a\n4,5\n");
        fails("Column 'y' of na.csv holds 'n/a' at row 2, which is not a number; fix that cell or drop its row "
                + "(a missing value may be left empty).", () -> Series.csv(f, "y"));
    }

    @Test
    void infinityIsRejectedWhenTheDataIsRead() throws IOException {
        String f = file("inf.csv", "x,y\n1,2\n2,+Infinity\n3,4\n");
        fails("Column 'y' of inf.csv holds Infinity at row 1; replace it with a finite number or drop its row.",
                () -> Series.csv(f, "y"));
        String g = file("inf2.csv", "x,y\n1,2\n2,3\n3,-Infinity\n");
        fails("Column 'y' of inf2.csv holds -Infinity at row 2; replace it with a finite number or drop its row.",
                () -> Series.csv(g, "x").features("x", "y"));
    }
}
