package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.CsvFormat;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad inputs of issue 17 (items 1, 8, 9) in one table: each stops with one sentence that
 * names the problem and the fix, a {@link SeqLabException}, and nothing the user made is lost.
 */
class BadInputTableTest {

    @TempDir
    static Path tmp;

    private static Run run;
    private static Series air;

    @BeforeAll
    static void train() {
        air = Fixtures.air();
        run = Experiment.of(Stack.lstm(4), air).epochs(1).seed(9).train();
    }

    @AfterAll
    static void close() {
        run.close();
    }

    /** One sentence: one line, a final full stop, no second sentence after it. */
    private static final Pattern SECOND_SENTENCE = Pattern.compile("\\.\\s+[A-Z]");

    private static Path file(String name, String text) {
        try {
            Path dir = Files.createDirectories(tmp.resolve("files"));
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path damagedCheckpoint(String name, String from, String to) {
        Path dir = run.save(tmp.resolve(name));
        try {
            Path json = dir.resolve("run.json");
            String text = Files.readString(json);
            assertTrue(text.contains(from), from);
            Files.writeString(json, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Stream<Arguments> table() {
        Path folder = tmp.resolve("thesis");
        Path notes = folder.resolve("notes.txt");
        Path csv = file("prices.csv", "a,b\n1,2\n");
        Path eu = file("amb.csv", "x;y\n1;1,234\n2;2,345\n");
        Path both = file("twoways.csv", "a,b;c\n1,2;3\n4,5;6\n");
        Path na = file("na.csv", "x,y\n1,2\n2,n/a\n3,4\n");
        Path inf = file("inf.csv", "x,y\n1,2\n2,+Infinity\n");
        Path point = file("point.csv", "x;y\n1;40,6\n");
        Path noStack = run.save(tmp.resolve("no-stack"));
        Path wrongSizes = damagedCheckpoint("sizes", "\"sizes\": [\n      4\n    ]", "\"sizes\": [\n      6\n    ]");
        return Stream.of(
                Arguments.of("save into a folder with the user's files",
                        (Executable) () -> {
                            Files.createDirectories(folder);
                            Files.writeString(notes, "chapter 1");
                            run.save(folder);
                        },
                        "Folder " + folder + " holds files that are not a SeqLab checkpoint (notes.txt); save the run to a new or empty folder, "
                                + "such as " + folder.resolve("checkpoint") + "."),
                Arguments.of("save onto a regular file", (Executable) () -> run.save(csv),
                        csv + " is a file, not a folder; give run.save a folder name, such as " + csv.resolveSibling("prices.csv-checkpoint") + "."),
                Arguments.of("save to the working folder", (Executable) () -> run.save("."),
                        "run.save(\".\") would replace the working folder " + Path.of("").toAbsolutePath()
                                + "; give it a folder of its own, such as \"checkpoint\"."),
                Arguments.of("CSV numbers that read as thousands or decimals", (Executable) () -> Series.csv(eu.toString(), "y"),
                        "File 'amb.csv' has numbers such as '1,234' (row 0, column 'y') that read as 1234 with a thousands separator or as 1.234 "
                                + "with a decimal comma; say which with CsvFormat.detect().decimal(',') or .decimal('.')."),
                Arguments.of("CSV that splits with two delimiters", (Executable) () -> Series.csv(both.toString(), "a"),
                        "File 'twoways.csv' splits into equal columns with ',' and with ';'; give the delimiter, for example "
                                + "CsvFormat.detect().delimiter(';')."),
                Arguments.of("n/a in a number column", (Executable) () -> Series.csv(na.toString(), "y"),
                        "Column 'y' of na.csv holds 'n/a' at row 1, which is not a number; fix that cell or drop its row (a missing value may be "
                                + "left empty)."),
                Arguments.of("+Infinity in a number column", (Executable) () -> Series.csv(inf.toString(), "y"),
                        "Column 'y' of inf.csv holds Infinity at row 1; replace it with a finite number or drop its row."),
                Arguments.of("decimal comma against a given decimal point",
                        (Executable) () -> Series.csv(point.toString(), "y", CsvFormat.detect().decimal('.')),
                        "File 'point.csv' holds '40,6' (row 0, column 'y'), a number with a decimal comma, but the format says decimal '.'; "
                                + "use CsvFormat.detect().decimal(',')."),
                Arguments.of("unsupported delimiter", (Executable) () -> CsvFormat.detect().delimiter('x'),
                        "Delimiter 'x' is not supported; use ',', ';', '\\t' or '|'."),
                Arguments.of("null CSV format", (Executable) () -> Series.csv("datasets/airpassengers.csv", "passengers_thousands", null),
                        "The CSV format is null; use CsvFormat.detect() or give its delimiter and decimal separator."),
                Arguments.of("predict(null)", (Executable) () -> run.predict(null),
                        "The data part is null; give a part of the run's data, such as data.test()."),
                Arguments.of("predict a part with another window", (Executable) () -> run.predict(Fixtures.air().windows(6).test()),
                        "This part has windows of 6 steps, but the run was trained on 12; predict a part prepared like the run's data (" + air + ")."),
                Arguments.of("predict a text part with a series run", (Executable) () -> run.predictRaw(Fixtures.sentiment().test()),
                        "This part holds token ids, but the run was trained on numbers; predict a part prepared like the run's data (" + air + ")."),
                Arguments.of("load a run.json without its model", (Executable) () -> {
                    String text = Files.readString(noStack.resolve("run.json"));
                    Files.writeString(noStack.resolve("run.json"), text.replace("\"stack\":", "\"stack_gone\":"));
                    Run.load(noStack.toString());
                }, noStack.resolve("run.json") + " is damaged (no 'stack'); save the run again from the notebook that trained it."),
                Arguments.of("load sizes that disagree with the weights", (Executable) () -> Run.load(wrongSizes.toString()),
                        "The weights in " + wrongSizes + " do not fit the model that run.json describes (parameter '{name}' "
                                + "has shape (16, 1), the model needs (24, 1)); the checkpoint is damaged, save the run again from the notebook "
                                + "that trained it."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void oneClearSentence(String what, Executable action, String sentence) throws IOException {
        SeqLabException e = assertThrows(SeqLabException.class, action, what);
        String m = e.getMessage();
        if (sentence.contains("{name}")) {
            // parameter names follow the model package's block structure, which may change; the rest of the sentence may not
            String[] parts = sentence.split(Pattern.quote("{name}"));
            assertTrue(Pattern.matches(Pattern.quote(parts[0]) + "[^']+" + Pattern.quote(parts[1]), m), what + ": " + m);
        } else {
            assertEquals(sentence, m, what);
        }
        assertFalse(m.contains("\n"), "one line");
        assertTrue(m.endsWith("."), "a full stop");
        assertFalse(SECOND_SENTENCE.matcher(m.replace("e.g. ", "")).find(), "one sentence: " + m);
        Path notes = tmp.resolve("thesis").resolve("notes.txt");
        if (Files.exists(notes)) {
            assertEquals("chapter 1", Files.readString(notes), "the user's file is untouched");
        }
        assertTrue(Files.isRegularFile(Path.of("pom.xml")), "the working folder is untouched");
    }
}
