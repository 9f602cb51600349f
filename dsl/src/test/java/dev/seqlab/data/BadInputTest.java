package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.Locations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every way a user can get the input wrong, and the exact sentence they read. */
class BadInputTest {

    static final String AIR = "datasets/airpassengers.csv";
    static final String SENTIMENT = "datasets/sentiment_labelled_sentences.csv";

    @TempDir
    Path dir;

    static void fails(String message, Executable code) {
        SeqLabException e = assertThrows(SeqLabException.class, code);
        assertEquals(message, e.getMessage());
    }

    static Series toy() {
        return Series.of(SeriesTest.toy(20, 1), "y");
    }

    // --- files ---

    @Test
    void missingFile() {
        fails("File 'datasets/nope.csv' does not exist; check the path (bundled data sets are in " + Locations.datasets() + ").",
                () -> Series.csv("datasets/nope.csv", "y"));
    }

    @Test
    void csvWithoutDataRows() throws IOException {
        Path file = Files.writeString(dir.resolve("header.csv"), "a,b\n");
        fails("File 'header.csv' has no data rows; give a CSV file with a header row and at least one row of data.",
                () -> Series.csv(file.toString(), "a"));
    }

    @Test
    void csvThatCannotBeParsedIsWrappedWithItsCause() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3,4,5,6,7\n\"unclosed,8\n");
        SeqLabException e = assertThrows(SeqLabException.class, () -> Series.csv(file.toString(), "a"));
        assertEquals("File 'bad.csv' could not be read as CSV (data row 1 has more fields than the header); "
                + "check that it is comma-separated text with a header row.", e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.csv"), "");
        fails("File 'empty.csv' has no data rows; give a CSV file with a header row and at least one row of data.",
                () -> TextData.csv(file.toString(), "text", "label"));
    }

    @Test
    void textFileThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("latin.txt"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        SeqLabException e = assertThrows(SeqLabException.class, () -> Corpus.text(file.toString()));
        assertEquals("File 'latin.txt' is not UTF-8 text; convert it to UTF-8 (for example with iconv).", e.getMessage());
        assertNotNull(e.getCause());
    }

    // --- columns ---

    @Test
    void missingColumnListsTheAvailableOnes() {
        fails("Column 'passengers' is not in airpassengers.csv; use one of: date, passengers_thousands.",
                () -> Series.csv(AIR, "passengers"));
        fails("Column 'review' is not in sentiment_labelled_sentences.csv; use one of: source, label, text.",
                () -> TextData.csv(SENTIMENT, "review", "label"));
    }

    @Test
    void nonNumericTargetOrFeature() {
        fails("Column 'date' of airpassengers.csv holds LOCAL_DATE values, not numbers; use a numeric column: passengers_thousands.",
                () -> Series.csv(AIR, "date"));
        fails("Column 'date' of airpassengers.csv holds LOCAL_DATE values, not numbers; use a numeric column: passengers_thousands.",
                () -> Series.csv(AIR, "passengers_thousands").features("passengers_thousands", "date"));
    }

    @Test
    void missingValuesNameTheColumnAndFirstRow() {
        DoubleColumn y = DoubleColumn.create("y", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        y.setMissing(3);
        y.setMissing(7);
        Table t = Table.create("gappy", y);
        fails("Column 'y' of gappy has 2 missing values, the first at row 3; fill or drop those rows first "
                + "(for example with table.dropRowsWithMissingValues()).", () -> Series.of(t, "y"));
    }

    @Test
    void noFeatures() {
        fails("features() needs at least one column; name one such as 'y'.", () -> toy().features(new String[0]));
    }

    // --- series settings ---

    @Test
    void windowHorizonAndStrideBelowOne() {
        fails("Window length 0 is below 1; use a window of 1 or more rows, such as 12.", () -> toy().windows(0));
        fails("Horizon 0 is below 1; predict at least 1 step ahead.", () -> toy().horizon(0));
        fails("Stride 0 is below 1; use a stride of 1 or more rows.", () -> toy().stride(0));
    }

    @Test
    void windowLongerThanTheSeries() {
        fails("Window 200 + horizon 1 needs 201 rows but airpassengers.csv has 144; use a shorter window or horizon.",
                () -> Series.csv(AIR, "passengers_thousands").windows(200).train());
    }

    @Test
    void windowLongerThanTheTrainingPart() {
        fails("The training part has 100 rows (0.70 of 144) but window 100 + horizon 1 needs 101; "
                + "use a shorter window or horizon, or a larger training fraction.",
                () -> Series.csv(AIR, "passengers_thousands").windows(100).spec());
    }

    @Test
    void seriesWithoutTestWindows() {
        // 20 rows, split 0.6/0.25: the test part is rows 17..19, too short for a horizon of 4
        fails("The test part (rows 17 to 19 of toy) holds no window with all 4 target steps inside it; "
                + "use a shorter horizon or stride, or smaller training and validation fractions.",
                () -> toy().windows(3).horizon(4).split(0.6, 0.25).test());
    }

    @Test
    void unbuildableSeriesStillPrints() {
        assertTrue(toy().windows(30).toString().endsWith(
                "-> not buildable: Window 30 + horizon 1 needs 31 rows but toy has 20; use a shorter window or horizon.]"));
    }

    // --- splits ---

    @Test
    void splitFractionsOutOfRange() {
        fails("Training fraction 0.0 is not between 0 and 1; use a value such as 0.7.", () -> toy().split(0, 0.15));
        fails("Validation fraction -0.1 is not between 0 and 1; use a value such as 0.15 (or 0 for no validation part).",
                () -> toy().split(0.7, -0.1));
        fails("Training and validation fractions sum to 1.0, leaving no test part; make them sum to less than 1, such as 0.7 and 0.15.",
                () -> toy().split(0.5, 0.5));
        fails("Training fraction 1.2 is not between 0 and 1; use a value such as 0.7.",
                () -> Corpus.of("abc", "x").split(1.2, 0));
    }

    // --- text classification ---

    @Test
    void allEmptyTextColumn() {
        Table t = TextDataTest.table(List.of("", " ", ""), List.of("a", "b", "a"));
        fails("Text column 'text' of toy is empty in every row; pick the column that holds the text.",
                () -> TextData.of(t, "text", "label"));
    }

    @Test
    void rowWithoutTokens() {
        Table t = TextDataTest.table(List.of("good", "!!!", "bad", "fine"), List.of("a", "b", "a", "b"));
        fails("Row 1 of text column 'text' has no words after tokenisation; drop or fill that row (for example with table.dropWhere(...)).",
                () -> TextData.of(t, "text", "label").spec());
    }

    @Test
    void oneClassOnly() {
        Table t = TextDataTest.table(List.of("good", "great", "fine"), List.of("pos", "pos", "pos"));
        fails("Label column 'label' of toy has only one class ('pos'); a classifier needs at least two classes, "
                + "so pick another label column or add samples of other classes.", () -> TextData.of(t, "text", "label"));
    }

    @Test
    void labelColumnWithMissingValues() {
        Table t = Table.create("toy", StringColumn.create("text", List.of("a", "b", "c")),
                StringColumn.create("label", List.of("x", "y", "")));
        fails("Column 'label' of toy has 1 missing value, the first at row 2; fill or drop those rows first "
                + "(for example with table.dropRowsWithMissingValues()).", () -> TextData.of(t, "text", "label"));
    }

    @Test
    void classTooSmallToStratify() {
        // c has 2 samples: train round(1.4) = 1, validation round(0.3) = 0
        fails("Class 'c' of label column 'label' has only 2 samples, too few to put at least one in each of train, validation "
                + "and test; add samples of that class, drop it, or change the split fractions.",
                () -> TextData.of(TextDataTest.classes(10, 10, 2), "text", "label").train());
    }

    @Test
    void vocabularyLimits() {
        TextData data = TextData.csv(SENTIMENT, "text", "label");
        fails("Vocabulary size 1 is below 2; allow at least 2 ids (<pad> and <unk>), such as 20000.", () -> data.vocabulary(1, 1));
        fails("Minimum token count 0 is below 1; use 1 to keep every token, or more to drop rare ones.",
                () -> data.vocabulary(100, 0));
    }

    @Test
    void maxLengthBelowOne() {
        fails("Maximum length -1 is below 1; use a length of 1 or more tokens, or 0 to pick it from the training texts.",
                () -> TextData.csv(SENTIMENT, "text", "label").maxLength(-1));
    }

    // --- corpus ---

    @Test
    void corpusShorterThanTwoSequences() {
        fails("Corpus tiny has 3 chars, shorter than two sequences of 64 plus one next token (129 needed); "
                + "use a shorter length or more text.", () -> Corpus.of("abc", "tiny").spec());
    }

    @Test
    void corpusTrainingPartShorterThanOneSequence() {
        fails("The training part of tiny has 3 chars but one sequence of 4 needs 5; use a shorter length or a larger training fraction.",
                () -> Corpus.of("abcdefghij", "tiny").length(4).split(0.3, 0.3).train());
    }

    @Test
    void corpusSettingsBelowOne() {
        fails("Sequence length 0 is below 1; use a length of 1 or more tokens, such as 64.", () -> Corpus.of("abc", "x").length(0));
        fails("maxChars 0 is below 1; keep at least 1 character, or leave maxChars out to use all text.",
                () -> Corpus.of("abc", "x").maxChars(0));
    }

    @Test
    void perplexityOfAnEmptyPart() {
        Corpus c = CorpusTest.tiny();
        fails("That part has no sequences to score; pass a non-empty train(), validation() or test() of this corpus.",
                () -> c.unigramPerplexity(c.validation()));
    }

    // --- helpers given the wrong part ---

    @Test
    void baselineOfAPartFromAnotherDataSet() {
        Series small = Series.of(SeriesTest.toy(20, 1), "y").windows(3);
        Series other = Series.of(SeriesTest.toy(20, 1), "y").windows(5);
        fails("That split does not come from this series; pass series.train(), validation() or test().",
                () -> small.naive(other.test()));
        TextData text = TextData.of(TextDataTest.classes(10, 10, 0), "text", "label");
        fails("That split does not come from this text data; pass train(), validation() or test().",
                () -> text.texts(small.test()));
        fails("Sample 5 is outside the part of 2 samples; use an index from 0 to 1.", () -> text.tokens(text.test(), 5));
    }
}
