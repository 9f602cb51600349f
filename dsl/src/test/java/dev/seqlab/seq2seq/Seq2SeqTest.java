package dev.seqlab.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.PairSplit;
import dev.seqlab.data.PairedTokens;
import dev.seqlab.model.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encoder-decoder on a tiny G2P subset, on the real engine: decoding, masking, saving, teacher forcing, training. */
class Seq2SeqTest {

    static final Seq2Seq MODEL = Seq2Seq.of(Stack.lstm(24).bidirectional().embedding(16), Stack.lstm(32))
            .attention(Scoring.ADDITIVE).embedding(16);
    static PairedTokens data;
    static Seq2SeqExperiment experiment;
    static Seq2SeqRun run;

    @BeforeAll
    static void train() {
        data = PairedTokens.csv("datasets/cmudict_g2p.csv", "word", "phonemes").targetWords().limit(600).split(0.7, 0.15).seed(3).load();
        experiment = Seq2SeqExperiment.of(MODEL, data).adam(1e-2).epochs(4).batch(32).seed(5).threads(1);
        run = experiment.train();
    }

    @AfterAll
    static void close() {
        run.close();
    }

    @Test
    void lossFallsAndTokenAccuracyBeatsTheMostFrequentPhoneme() {
        var h = run.history();
        double first = h.doubleColumn("train_loss").get(0);
        double last = h.doubleColumn("train_loss").get(h.rowCount() - 1);
        assertTrue(last < 0.8 * first, "training loss falls: " + first + " -> " + last);
        // Chance: always the most frequent target token of the validation part (end token included).
        PairSplit val = data.validation();
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (int i = 0; i < val.size(); i++) {
            for (String t : val.targetTokens(i)) {
                counts.merge(t, 1, Integer::sum);
            }
            counts.merge(PairedTokens.END, 1, Integer::sum);
            total += val.targetTokens(i).size() + 1;
        }
        double chance = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow() / (double) total;
        double acc = run.teacherForcedLoss(val)[1];
        assertTrue(acc > chance + 0.1, "token accuracy " + acc + " beats the majority token's share " + chance);
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestEpoch() {
        // A learning rate far too high makes the validation loss rise within a few epochs; one
        // seed makes the stop epoch the same on every run.
        try (Seq2SeqRun r = Seq2SeqExperiment.of(MODEL, data).adam(0.3).epochs(12).batch(32).seed(5).threads(1).earlyStop(1).train()) {
            var h = r.history();
            assertTrue(r.stopReason().startsWith("early stop after epoch "), r.stopReason());
            assertTrue(h.rowCount() < 12, "stopped before the last epoch: " + h.rowCount() + " epochs");
            double bestVal = h.doubleColumn("val_loss").get(r.bestEpoch() - 1);
            for (int i = 0; i < h.rowCount(); i++) {
                assertTrue(h.doubleColumn("val_loss").get(i) >= bestVal, "the best epoch has the lowest validation loss");
            }
            assertTrue(r.bestEpoch() < h.rowCount(), "the last epoch was worse than the best one");
            double restored = r.teacherForcedLoss(data.validation())[0];
            assertEquals(bestVal, restored, 1e-5 * Math.max(1, bestVal), "the run holds the best epoch's weights");
        }
    }

    @Test
    void beamOfWidthOneIsGreedy() {
        PairSplit test = data.test();
        for (int i = 0; i < 12; i++) {
            Decoded g = run.greedy(test, i).get(0);
            List<Decoded> b = run.beam(test, i, 1, 0);
            assertEquals(1, b.size());
            assertEquals(g.tokens(), b.get(0).tokens(), "pair " + i);
            assertEquals(g.score(), b.get(0).score(), 1e-5, "pair " + i);
            assertEquals(g.alignment().length, b.get(0).alignment().length);
            for (int r = 0; r < g.alignment().length; r++) {
                assertArrayEquals(g.alignment()[r], b.get(0).alignment()[r], 1e-6f);
            }
        }
        // A wider beam never finds a worse best candidate by its own (unnormalised) score.
        for (int i = 0; i < 12; i++) {
            assertTrue(run.beam(test, i, 4, 0).get(0).score() >= run.greedy(test, i).get(0).score() - 1e-5);
        }
    }

    @Test
    void paddedAndUnpaddedBatchesDecodeAlike() {
        PairSplit test = data.test();
        int[] idx = {0, 1, 2, 3, 4, 5, 6, 7};
        List<Decoded> padded = run.greedyPadded(test, test.maxSourceLength() + 9, idx);
        for (int k = 0; k < idx.length; k++) {
            Decoded alone = run.greedy(test, idx[k]).get(0); // a batch of one: no padding at all
            Decoded p = padded.get(k);
            assertEquals(alone.tokens(), p.tokens());
            assertEquals(alone.score(), p.score(), 1e-5);
            for (int r = 0; r < alone.alignment().length; r++) {
                assertEquals(test.source(idx[k]).length, p.alignment()[r].length);
                assertArrayEquals(alone.alignment()[r], p.alignment()[r], 1e-5f);
            }
        }
    }

    @Test
    void attentionRowsSumToOneOverRealStepsOnly() {
        for (Decoded d : run.greedy(data.test(), 0, 1, 2, 3)) {
            for (float[] row : d.alignment()) {
                double s = 0;
                for (float w : row) {
                    s += w;
                }
                assertEquals(1.0, s, 1e-5);
            }
        }
        // The scorer itself: padded columns get exactly 0, real ones sum to 1, for every scoring.
        for (Scoring sc : Scoring.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                AttentionScorer a = new AttentionScorer(sc, 6, 6, 5);
                a.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 6),
                        new ai.djl.ndarray.types.Shape(1, 4, 6), new ai.djl.ndarray.types.Shape(1, 4));
                var q = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 6));
                var k = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 4, 6));
                var mask = m.create(new float[] {1, 1, 1, 1, 1, 1, 0, 0}, new ai.djl.ndarray.types.Shape(2, 4));
                float[] w = a.forward(new ParameterStore(m, false), new NDList(q, k, mask), false).get(1).toFloatArray();
                assertEquals(1.0, w[0] + w[1] + w[2] + w[3], 1e-6, sc.name());
                assertEquals(1.0, w[4] + w[5], 1e-6, sc.name());
                assertEquals(0f, w[6], sc.name());
                assertEquals(0f, w[7], sc.name());
            }
        }
    }

    @Test
    void aReloadedCheckpointDecodesIdentically(@TempDir Path dir) {
        run.save(dir);
        assertTrue(Files.isRegularFile(dir.resolve(Seq2SeqRun.PARAMS)));
        try (Seq2SeqRun back = Seq2SeqRun.load(dir, MODEL, data)) {
            List<Decoded> a = run.greedy(data.test());
            List<Decoded> b = back.greedy(data.test());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).tokens(), b.get(i).tokens());
                assertEquals(a.get(i).score(), b.get(i).score(), 0.0);
            }
            assertEquals(run.beam(data.test(), 3, 3, 0.6).toString(), back.beam(data.test(), 3, 3, 0.6).toString());
        }
        PairedTokens other = PairedTokens.csv("datasets/cmudict_g2p.csv", "word", "phonemes").targetWords().limit(40).seed(9).load();
        SeqLabException e = assertThrows(SeqLabException.class, () -> Seq2SeqRun.load(dir, MODEL, other));
        assertTrue(e.getMessage().contains("vocabularies"), e.getMessage());
    }

    @Test
    void teacherForcingRatioDecidesWhatTheDecoderReads() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDList batch = data.train().batch(m, new int[] {0, 1, 2, 3, 4, 5}, 0);
            long[] gold = batch.get(2).toLongArray();
            Seq2SeqModel.Forced forced = run.model().teacherForced(ps, batch, 1, new Random(1), false);
            assertArrayEquals(gold, forced.inputs().toLongArray(), "ratio 1 feeds the true previous tokens");
            Seq2SeqModel.Forced free = run.model().teacherForced(ps, batch, 0, new Random(1), false);
            long[] in = free.inputs().toLongArray();
            long[] argmax = free.logits().argMax(2).toLongArray();
            int u = (int) batch.get(2).getShape().get(1);
            boolean differs = false;
            for (int b = 0; b < 6; b++) {
                assertEquals(gold[b * u], in[b * u], "the first input is the start token");
                for (int t = 1; t < u; t++) {
                    assertEquals(argmax[b * u + t - 1], in[b * u + t], "ratio 0 feeds the previous prediction");
                    differs |= in[b * u + t] != gold[b * u + t];
                }
            }
            assertTrue(differs, "a 4-epoch model's predictions differ from the truth somewhere");
        }
    }

    @Test
    void badInputGetsOneSentence() {
        SeqLabException e = assertThrows(SeqLabException.class, () -> Seq2Seq.of(Stack.lstm(8), Stack.lstm(8).bidirectional()));
        assertTrue(e.getMessage().contains("remove .bidirectional()"), e.getMessage());
        e = assertThrows(SeqLabException.class, () -> Seq2Seq.of(Stack.lstm(8).bidirectional(), Stack.lstm(8)).attention(Scoring.DOT));
        assertTrue(e.getMessage().contains("Scoring.GENERAL"), e.getMessage());
        e = assertThrows(SeqLabException.class, () -> PairedTokens.of(List.of("ab", "ba", "aa"), List.of("x y", "y", "z"))
                .targetWords().vocabularies(data.sourceVocabulary(), data.targetVocabulary()).load());
        assertTrue(e.getMessage().contains("does not match the data: it lacks"), e.getMessage());
        e = assertThrows(SeqLabException.class, () -> experiment.teacherForcing(1.5));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void oneSeedReproducesBitForBitWithScheduledSampling() {
        PairedTokens small = PairedTokens.csv("datasets/cmudict_g2p.csv", "word", "phonemes").targetWords().limit(120).seed(4).load();
        Seq2SeqExperiment e = Seq2SeqExperiment.of(MODEL, small).epochs(3).batch(16).seed(9).threads(1).scheduledSampling(1, 0.5);
        assertEquals(0.75, e.forcingAt(1), 1e-12, "the ratio moves linearly over the epochs");
        try (Seq2SeqRun a = e.train(); Seq2SeqRun b = e.train(); Seq2SeqRun c = e.seed(10).train()) {
            assertEquals(a.history().removeColumns("seconds").printAll(), b.history().removeColumns("seconds").printAll());
            assertEquals(a.greedy(small.test()).toString(), b.greedy(small.test()).toString());
            assertNotEquals(a.history().removeColumns("seconds").printAll(), c.history().removeColumns("seconds").printAll());
        }
    }

    @Test
    void theBeamTableListsCandidatesBestFirst() {
        var t = run.beamTable(data.test(), 2, 3, 0.6);
        assertEquals(List.of("rank", "output", "log_prob", "normalised", "correct"), t.columnNames());
        assertEquals(3, t.rowCount());
        for (int r = 1; r < t.rowCount(); r++) {
            assertTrue(t.doubleColumn("normalised").get(r - 1) >= t.doubleColumn("normalised").get(r), t.print());
            assertNotEquals(t.stringColumn("output").get(r - 1), t.stringColumn("output").get(r), "distinct candidates");
        }
        assertTrue(t.doubleColumn("log_prob").get(0) < 0);
    }

    @Test
    void mixedStacksServeAsEncoderAndDecoder() {
        PairedTokens small = PairedTokens.csv("datasets/cmudict_g2p.csv", "word", "phonemes").targetWords().limit(80).seed(6).load();
        Seq2Seq mixed = Seq2Seq.of(Stack.gru(10).bidirectional().embedding(8).then(dev.seqlab.model.Layer.lstm(12)),
                Stack.lstm(16).then(dev.seqlab.model.Layer.gru(20))).attention(Scoring.GENERAL).embedding(8);
        try (Seq2SeqRun r = Seq2SeqExperiment.of(mixed, small).epochs(2).batch(16).seed(2).threads(1).train()) {
            assertTrue(Double.isFinite(r.history().doubleColumn("train_loss").get(1)));
            for (Decoded d : r.greedy(small.test())) {
                for (float[] row : d.alignment()) {
                    double s = 0;
                    for (float w : row) {
                        s += w;
                    }
                    assertEquals(1.0, s, 1e-5);
                }
            }
        }
    }
}
