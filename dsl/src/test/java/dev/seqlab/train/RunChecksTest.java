package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** A run refuses parts and checkpoints that do not fit it with one sentence, instead of numbers, an NPE or an engine error (issue 17, item 9). */
class RunChecksTest {

    private static Series air;
    private static Run run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() {
        air = Fixtures.air();
        run = Experiment.of(Stack.lstm(4), air).epochs(1).seed(5).train();
    }

    @AfterAll
    static void close() {
        run.close();
    }

    private static void fails(String message, Executable code) {
        SeqLabException e = assertThrows(SeqLabException.class, code);
        assertEquals(message, e.getMessage());
    }

    @Test
    void aNullPartIsNamed() {
        String m = "The data part is null; give a part of the run's data, such as data.test().";
        fails(m, () -> run.predict(null));
        fails(m, () -> run.predictRaw(null));
        fails(m, () -> run.truth(null));
        fails(m, () -> run.attention(null, 0));
    }

    @Test
    void aPartWithOtherFeaturesIsRefused() {
        double[] y = new double[60];
        double[] z = new double[60];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 3.0);
            z[i] = i;
        }
        Series two = Series.of(Table.create("two", DoubleColumn.create("y", y), DoubleColumn.create("z", z)), "y").features("y", "z");
        fails(expectedPrefix(2, 1) + air + ").",
                () -> run.predictRaw(two.windows(12).test()));
    }

    private static String expectedPrefix(int got, int want) {
        return "This part has " + got + " features per time step, but the run was trained on " + want
                + "; predict a part prepared like the run's data (";
    }

    @Test
    void aPartWithAnotherWindowIsRefused() {
        fails("This part has windows of 6 steps, but the run was trained on 12; predict a part prepared like the run's data (" + air + ").",
                () -> run.predict(Fixtures.air().windows(6).test()));
    }

    @Test
    void aTextPartOnASeriesRunIsRefused() {
        fails("This part holds token ids, but the run was trained on numbers; predict a part prepared like the run's data (" + air + ").",
                () -> run.predictRaw(Fixtures.sentiment().test()));
    }

    private Path savedWith(Consumer<JsonObject> damage) throws IOException {
        Path dir = run.save(tmp.resolve("ckpt"));
        Path json = dir.resolve("run.json");
        JsonObject meta = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        damage.accept(meta);
        Files.writeString(json, meta.toString());
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"record", "stack", "spec", "testMetrics", "stopReason"})
    void aRunJsonWithAMissingFieldIsNamed(String field) throws IOException {
        Path dir = savedWith(m -> m.remove(field));
        fails(dir.resolve("run.json") + " is damaged (no '" + field + "'); save the run again from the notebook that trained it.",
                () -> Run.load(dir.toString()));
    }

    @Test
    void aRunJsonWithMissingNestedFieldsIsNamed() throws IOException {
        Path dir = savedWith(m -> m.getAsJsonObject("stack").remove("cell"));
        fails(dir.resolve("run.json") + " is damaged (stack has neither 'cell' nor 'layers'); save the run again from the notebook that trained it.",
                () -> Run.load(dir.toString()));
        Path dir2 = savedWith(m -> m.getAsJsonObject("spec").remove("labels"));
        fails(dir2.resolve("run.json") + " is damaged (no 'spec.labels'); save the run again from the notebook that trained it.",
                () -> Run.load(dir2.toString()));
    }

    @Test
    void sizesThatDisagreeWithTheWeightsAreRefusedAtLoad() throws IOException {
        Path dir = savedWith(m -> {
            JsonArray sizes = new JsonArray();
            sizes.add(5);
            m.getAsJsonObject("stack").add("sizes", sizes);
        });
        SeqLabException e = assertThrows(SeqLabException.class, () -> Run.load(dir.toString(), air));
        assertEquals("The weights in " + dir + " do not fit the model that run.json describes (" + e.getMessage().replaceAll(".*describes \\((.*)\\); .*", "$1")
                + "); the checkpoint is damaged, save the run again from the notebook that trained it.", e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("has shape"), e.getMessage());
    }
}
