package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.model.Stack;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Run;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Independent sequences from arrays and long tables: masks, leak-free scaling, one-sentence errors, real training. */
class IndependentSequencesTest {

    /** A short adding problem: channel 0 random values, channel 1 marks two steps; target their sum. */
    static IndependentSequences adding(int n, int t, long seed, boolean ragged) {
        Random r = new Random(seed);
        float[][][] x = new float[n][][];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int len = ragged ? t / 2 + r.nextInt(t / 2 + 1) : t;
            x[i] = new float[len][2];
            int a = r.nextInt(len);
            int b = r.nextInt(len);
            while (b == a) {
                b = r.nextInt(len);
            }
            for (int s = 0; s < len; s++) {
                x[i][s][0] = r.nextFloat();
            }
            x[i][a][1] = 1;
            x[i][b][1] = 1;
            y[i] = x[i][a][0] + x[i][b][0];
        }
        return IndependentSequences.regression(x, y);
    }

    @Test
    void anLstmLearnsAShortAddingProblemFromArraysOfVaryingLength() {
        IndependentSequences d = adding(600, 8, 1, true).split(0.7, 0.15).seed(2);
        assertEquals(8, d.spec().timeSteps());
        assertEquals(2, d.spec().features());
        try (Run run = Experiment.of(Stack.lstm(16), d).adam(1e-2).epochs(25).batch(32).seed(3).threads(1).train()) {
            // Predicting the mean (1.0) has an RMSE of about 0.41 (the sum of two uniforms has sd sqrt(1/6)).
            double rmse = run.metric("rmse");
            assertTrue(rmse < 0.25, "test RMSE " + rmse + " beats the mean's 0.41");
        }
    }

    @Test
    void masksFollowTheRealLengthsAndPaddingIsZero() {
        float[][][] x = {{{1, 2}}, {{3, 4}, {5, 6}, {7, 8}}, {{9, 10}, {11, 12}}};
        IndependentSequences d = IndependentSequences.regression(x, new float[] {1, 2, 3}).split(1, 0);
        SeqSplit all = d.train();
        assertArrayEquals(new int[] {1, 3, 2}, all.lengths());
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var in = all.inputs(m, new int[] {0, 1, 2});
            assertArrayEquals(new float[] {1, 0, 0, 1, 1, 1, 1, 1, 0}, in.get(1).toFloatArray());
            assertArrayEquals(new float[] {1, 2, 0, 0, 0, 0}, java.util.Arrays.copyOf(in.get(0).toFloatArray(), 6));
        }
    }

    @Test
    void scalingIsFittedOnTrainingSequencesOnly() {
        IndependentSequences d = adding(60, 6, 4, false).scale(Scaling.STANDARD).split(0.5, 0.25).seed(5);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (float[][] seq : d.train().numeric()) {
            for (float[] step : seq) {
                sum += step[0];
                sq += step[0] * step[0];
                n++;
            }
        }
        assertEquals(0, sum / n, 1e-4, "training features have mean 0");
        assertEquals(1, Math.sqrt(sq / n), 1e-3, "and standard deviation 1");
        // Changing a test sequence (to a huge value) changes nothing in the training part.
        int testIdx = d.test().origin()[0];
        float[][][] x = new float[60][6][2];
        float[] y = new float[60];
        Random r = new Random(8);
        for (int i = 0; i < 60; i++) {
            for (int s = 0; s < 6; s++) {
                x[i][s][0] = r.nextFloat();
            }
            y[i] = r.nextFloat();
        }
        IndependentSequences clean = IndependentSequences.regression(x, y).scale(Scaling.STANDARD).split(0.5, 0.25).seed(5);
        x[testIdx][0][0] = 1000;
        IndependentSequences leaky = IndependentSequences.regression(x, y).scale(Scaling.STANDARD).split(0.5, 0.25).seed(5);
        assertArrayEquals(clean.train().numeric()[3][2], leaky.train().numeric()[3][2]);
        assertNotEquals(clean.fingerprint(), leaky.fingerprint());
        // Targets come back in their own units.
        float[][] scaled = d.train().values();
        float[][] back = d.unscale(d.train(), scaled);
        assertNotEquals(scaled[0][0], back[0][0]);
    }

    @Test
    void aLongTableBecomesOrderedSequencesWithOneTargetPerId() {
        Table t = Table.create("long", StringColumn.create("id", "b", "a", "b", "a", "c", "b", "c"),
                IntColumn.create("step", 2, 1, 1, 2, 1, 3, 2), DoubleColumn.create("v", 20, 10, 19, 11, 30, 21, 31),
                StringColumn.create("label", "up", "down", "up", "down", "up", "up", "up"));
        IndependentSequences d = IndependentSequences.table(t, "id", "step", "label", "v").split(1, 0);
        assertEquals(List.of("down", "up"), d.names());
        SeqSplit all = d.train();
        assertArrayEquals(new int[] {3, 2, 2}, all.lengths(), "b has 3 rows, a and c 2");
        assertEquals(19f, all.numeric()[0][0][0], "b ordered by step: 19, 20, 21");
        assertEquals(21f, all.numeric()[0][2][0]);
        assertArrayEquals(new int[] {1, 0, 1}, all.classes());
        Table bad = t.copy();
        bad.stringColumn("label").set(5, "down");
        SeqLabException e = assertThrows(SeqLabException.class, () -> IndependentSequences.table(bad, "id", "step", "label", "v"));
        assertTrue(e.getMessage().contains("changes within sequence 'b'"), e.getMessage());
    }

    @Test
    void severalTargetsGiveSeveralOutputsAndMismatchesGetOneSentence() {
        float[][][] x = {{{1}}, {{2}}, {{3}}};
        IndependentSequences d = IndependentSequences.regression(x, new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertEquals(2, d.spec().outputs());
        SeqLabException e = assertThrows(SeqLabException.class, () -> IndependentSequences.regression(x, new float[] {1, 2}));
        assertTrue(e.getMessage().contains("one target per sequence"), e.getMessage());
        e = assertThrows(SeqLabException.class, () -> IndependentSequences.regression(new float[][][] {{{1}}, {{2, 3}}, {{4}}}, new float[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("same features"), e.getMessage());
        e = assertThrows(SeqLabException.class, () -> IndependentSequences.classification(x, new String[] {"a", "a", "a"}));
        assertTrue(e.getMessage().contains("two classes"), e.getMessage());
    }
}
