package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.seqlab.runtime.Locations;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TextDataTest {

    static final String SENTIMENT = Locations.resolve("datasets/sentiment_labelled_sentences.csv").toString();

    static Table table(List<String> texts, List<String> labels) {
        return Table.create("toy", StringColumn.create("text", texts), StringColumn.create("label", labels));
    }

    /** Rows of class a, b and c in the given numbers, text "w{i} common". */
    static Table classes(int a, int b, int c) {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int[] counts = {a, b, c};
        String[] names = {"a", "b", "c"};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < counts[k]; i++) {
                texts.add("w" + texts.size() + " common");
                labels.add(names[k]);
            }
        }
        return table(texts, labels);
    }

    static int count(SeqSplit part, int cls) {
        return (int) Arrays.stream(part.classes()).filter(c -> c == cls).count();
    }

    @Test
    void sentimentFileLoadsToTwoClassesAndThreeThousandRows() {
        TextData reviews = TextData.csv(SENTIMENT, "text", "label");
        assertEquals(List.of("0", "1"), reviews.classNames());
        assertEquals(3000, reviews.table().rowCount());
        assertEquals(3000, reviews.train().size() + reviews.validation().size() + reviews.test().size());
        // 1500 per class: train round(1050) = 1050, validation round(225) = 225, test 225
        assertEquals(2100, reviews.train().size());
        assertEquals(450, reviews.validation().size());
        DataSpec spec = reviews.spec();
        assertEquals(Task.CLASSIFICATION, spec.task());
        assertEquals(2, spec.outputs());
        assertEquals(List.of("0", "1"), spec.labels());
        assertEquals(reviews.vocabulary().size(), spec.vocabSize());
        assertTrue(spec.timeSteps() >= 1 && spec.timeSteps() <= 200);
        assertEquals("9360312ec417eeba1bab1ffce7cb00a51a8de85d4e7d826a387f41b56a820e11", reviews.fingerprint());
    }

    @Test
    void stratifiedSplitKeepsClassProportionsWithinOneSample() {
        // a 10, b 7, c 5 with 0.6/0.2: a 6/2/2, b round(4.2)=4 / round(1.4)=1 / 2, c 3/1/1
        TextData data = TextData.of(classes(10, 7, 5), "text", "label").split(0.6, 0.2);
        int[] totals = {10, 7, 5};
        double[] fractions = {0.6, 0.2, 0.2};
        List<SeqSplit> parts = List.of(data.train(), data.validation(), data.test());
        for (int p = 0; p < 3; p++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(totals[c] * fractions[p], count(parts.get(p), c), 1.0, "part " + p + " class " + c);
            }
        }
        assertEquals(List.of(6, 4, 3), List.of(count(data.train(), 0), count(data.train(), 1), count(data.train(), 2)));
        TextData reviews = TextData.csv(SENTIMENT, "text", "label");
        for (SeqSplit part : List.of(reviews.train(), reviews.validation(), reviews.test())) {
            assertEquals(part.size() / 2.0, count(part, 0), 1.0);
        }
    }

    @Test
    void aSmallClassStillReachesEveryPart() {
        // 4 samples at 0.7/0.15: rounding gives 3/1/0, so train gives one back: 2/1/1
        TextData data = TextData.of(classes(20, 4, 0), "text", "label");
        assertEquals(List.of(2, 1, 1), List.of(count(data.train(), 1), count(data.validation(), 1), count(data.test(), 1)));
    }

    @Test
    void theSeedDrivesTheShuffle() {
        Table t = classes(20, 20, 0);
        TextData a = TextData.of(t, "text", "label").seed(7);
        assertArrayEquals(a.train().origin(), TextData.of(t, "text", "label").seed(7).train().origin());
        assertNotEquals(Arrays.toString(a.train().origin()), Arrays.toString(a.seed(8).train().origin()));
    }

    @Test
    void paddingLengthsAndMasksMatchTheTexts() {
        List<String> texts = List.of("good good film here", "bad", "good", "bad bad", "good film", "bad film", "good bad", "bad");
        List<String> labels = List.of("pos", "neg", "pos", "neg", "pos", "neg", "pos", "neg");
        TextData data = TextData.of(table(texts, labels), "text", "label").maxLength(3).split(0.5, 0.25);
        SeqSplit all = data.train();
        Vocabulary v = data.vocab();
        for (int i = 0; i < all.size(); i++) {
            int row = all.origin()[i];
            int words = texts.get(row).split(" ").length;
            assertEquals(Math.min(3, words), all.lengths()[i]);
            for (int j = all.lengths()[i]; j < 3; j++) {
                assertEquals(0, all.tokens()[i][j], "padding at the end");
            }
            assertEquals(all.lengths()[i], data.tokens(all, i).size());
            assertEquals(v.decode(all.tokens()[i]).size(), all.lengths()[i]);
        }
        // a hand-made two-sample batch: lengths 3 (cut from 4) and 1
        SeqSplit batch = SeqSplit.classification(new int[][] {{2, 3, 4}, {5, 0, 0}}, new int[] {3, 1}, new int[] {0, 1},
                new int[] {0, 1});
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDList in = batch.inputs(m, new int[] {0, 1});
            assertArrayEquals(new long[] {2, 3, 4, 5, 0, 0}, in.get(0).toLongArray());
            assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, in.get(1).toFloatArray());
        }
        // the first text is cut to three tokens
        TextData exact = TextData.of(table(texts, labels), "text", "label").maxLength(3);
        int[] rows = exact.train().origin();
        for (SeqSplit part : List.of(exact.train(), exact.validation(), exact.test())) {
            for (int i = 0; i < part.size(); i++) {
                if (part.origin()[i] == 0) {
                    assertEquals(List.of("good", "good", "film"), exact.tokens(part, i));
                    assertEquals(3, part.lengths()[i]);
                    assertEquals("good good film here", exact.texts(part).get(i));
                }
            }
        }
        assertTrue(rows.length > 0);
    }

    @Test
    void automaticLengthIsThe95thPercentileOfTrainingLengths() {
        // row r has r + 1 words, classes alternate; 10 per class with 0.5/0.25 -> 5 train rows each
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            texts.add("w ".repeat(r + 1));
            labels.add(r % 2 == 0 ? "even" : "odd");
        }
        TextData data = TextData.of(table(texts, labels), "text", "label").split(0.5, 0.25);
        int[] lengths = Arrays.stream(data.train().origin()).map(r -> r + 1).sorted().toArray();
        // nearest rank: ceil(0.95 * 10) = 10th of 10 sorted lengths
        assertEquals(10, lengths.length);
        assertEquals(lengths[9], data.spec().timeSteps());
    }

    @Test
    void integerLabelsSortNumerically() {
        Table t = Table.create("nums", StringColumn.create("text", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i")),
                IntColumn.create("label", 10, 2, 10, 2, 10, 2, 10, 2, 10));
        TextData data = TextData.of(t, "text", "label").split(0.5, 0.2);
        assertEquals(List.of("2", "10"), data.classNames());
        for (SeqSplit part : List.of(data.train(), data.validation(), data.test())) {
            for (int i = 0; i < part.size(); i++) {
                int label = t.intColumn("label").getInt(part.origin()[i]);
                assertEquals(label == 2 ? 0 : 1, part.classes()[i]);
            }
        }
    }

    @Test
    void charactersModeOnFirstNames() {
        TextData names = TextData.csv("datasets/first_names_gender.csv", "name", "gender").chars().maxLength(12);
        assertEquals(List.of("female", "male"), names.classNames());
        assertEquals(12, names.spec().timeSteps());
        assertTrue(names.spec().vocabSize() < 60, "lower-case letters and a few signs: " + names.vocabulary());
        assertEquals(List.of("a", "a", "r", "e", "n"), names.tokens(SeqSplit.classification(
                new int[][] {{0}}, new int[] {1}, new int[] {0}, new int[] {0}), 0));
    }

    @Test
    void summaryShowsEveryDefault() {
        TextData data = TextData.of(classes(10, 10, 0), "text", "label");
        assertEquals("TextData[toy text=text label=label classes=[a, b] words lowercase=true maxLength=auto vocabulary=20000 "
                + "minCount=1 split=0.70/0.15/0.15 seed=42 -> length=2 ids=17 train=14 val=4 test=2 samples]", data.toString());
    }
}
