package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.Corpus;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.data.TextData;
import dev.seqlab.model.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Training on the real engine and real data: effects that could fail, not shapes. */
class TrainingTest {

    @Test
    void oneSeedAndThreadCountGiveIdenticalHistories() {
        Experiment e = Experiment.of(Stack.lstm(8).layers(2).dropout(0.2), Fixtures.air()).epochs(4).batch(16).seed(11).threads(1);
        try (Run a = e.train(); Run b = e.train()) {
            assertEquals(withoutTimes(a.history()), withoutTimes(b.history()));
            assertArrayEquals(a.predictRaw(a.data().test())[0], b.predictRaw(b.data().test())[0]);
        }
        try (Run c = e.seed(12).train()) {
            try (Run a = e.train()) {
                assertTrue(!withoutTimes(a.history()).equals(withoutTimes(c.history())), "another seed gives another history");
            }
        }
    }

    static String withoutTimes(Table history) {
        return history.removeColumns("seconds").printAll();
    }

    @Test
    void lossFallsAndDeepLstmBeatsNaiveForecast() {
        Series air = Fixtures.air();
        Stack deep = Stack.lstm(32).layers(3).residual().layerNorm().dropout(0.1).attention();
        try (Run run = Experiment.of(deep, air).adam(5e-3).clipNorm(1.0).epochs(80).batch(16).earlyStop(25).seed(42).train()) {
            double[] loss = run.history().doubleColumn("train_loss").asDoubleArray();
            assertTrue(loss[loss.length - 1] < loss[0] / 4, "training loss falls: " + loss[0] + " -> " + loss[loss.length - 1]);
            SeqSplit test = air.test();
            double naive = Metrics.rmse(air.truth(test), air.naive(test));
            double rmse = run.metric("rmse");
            assertEquals(rmse, Metrics.rmse(run.truth(test), run.predict(test)), 1e-4, "test metric = RMSE of predictions in data units");
            System.out.printf("TrainingTest: deep LSTM test RMSE %.2f vs naive %.2f (best epoch %d of %d)%n", rmse, naive, run.bestEpoch(),
                    loss.length);
            assertTrue(rmse < naive, "deep LSTM test RMSE " + rmse + " beats naive " + naive);
        }
    }

    @Test
    void bidirectionalGruClassifierBeatsChanceOnSentiment() {
        TextData text = Fixtures.sentiment();
        Stack bigru = Stack.gru(32).bidirectional().embedding(32).attention();
        try (Run run = Experiment.of(bigru, text).adam(3e-3).epochs(8).batch(32).earlyStop(3).seed(42).train()) {
            System.out.printf("TrainingTest: bi-GRU sentiment test accuracy %.3f, macro F1 %.3f%n", run.metric("accuracy"), run.metric("f1"));
            assertTrue(run.metric("accuracy") >= 0.70, "test accuracy " + run.metric("accuracy"));
            ClassReport r = run.report();
            assertEquals(List.of("0", "1"), r.classNames());
            assertEquals(text.test().size(), r.table().intColumn("support").getInt(2));
            float[] w = run.attention(text.test(), 0);
            assertEquals(text.test().lengths()[0], w.length);
            double sum = 0;
            for (float x : w) {
                sum += x;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void characterLstmBeatsUnigramPerplexityAndGenerates() {
        Corpus austen = Fixtures.austen(60_000);
        try (Run run = Experiment.of(Stack.lstm(96), austen).adam(1e-2).clipNorm(1.0).epochs(4).batch(32).seed(42).train()) {
            double unigram = austen.unigramPerplexity(austen.test());
            double ppl = run.metric("perplexity");
            System.out.printf("TrainingTest: char LSTM test perplexity %.2f vs unigram %.2f%n", ppl, unigram);
            assertTrue(ppl < unigram * 0.75, "LSTM perplexity " + ppl + " is well below unigram " + unigram);
            String text = run.generate("Elizabeth ", 80, 0.8);
            assertTrue(text.startsWith("Elizabeth "), text);
            assertEquals("Elizabeth ".length() + 80, text.length(), text);
            assertEquals(text, run.generate("Elizabeth ", 80, 0.8), "generation is seeded");
        }
    }

    @Test
    void truncatedBpttTrainsALanguageModelOnLongSequences() {
        Corpus austen = Corpus.text("datasets/austen_prideprejudice.txt").chars().maxChars(40_000).length(96).split(0.9, 0.05);
        Experiment e = Experiment.of(Stack.lstm(64), austen).adam(1e-2).clipNorm(1.0).epochs(3).batch(16).seed(42);
        try (Run full = e.train(); Run truncated = e.bptt(24).train()) {
            double unigram = austen.unigramPerplexity(austen.test());
            System.out.printf("TrainingTest: 96-step sequences, perplexity full BPTT %.2f, truncated at 24 steps %.2f, unigram %.2f%n",
                    full.metric("perplexity"), truncated.metric("perplexity"), unigram);
            assertTrue(truncated.metric("perplexity") < unigram * 0.75, "truncated BPTT still learns");
            assertTrue(!withoutTimes(full.history()).equals(withoutTimes(truncated.history())), "truncation changes the gradients");
            assertTrue(truncated.record().experiment().contains("bptt=24"), truncated.record().experiment());
        }
        ExperimentErrorsTest.says("Truncated BPTT applies to language models (next-token data), not to regression data; remove .bptt(8).",
                () -> Experiment.of(Stack.lstm(4), Fixtures.air()).bptt(8).train());
        ExperimentErrorsTest.says("Truncated BPTT length 0 is below 1; use 1 or more steps, such as 32.", () -> e.bptt(0));
    }

    @Test
    void trainingMetricComesFromTheEpochsOwnPredictions() {
        // With a learning rate too small to move the weights and no dropout, the running
        // training RMSE must equal the RMSE of the final model's predictions on the train part.
        Series air = Fixtures.air();
        try (Run run = Experiment.of(Stack.gru(8), air).sgd(1e-12, 0).epochs(2).batch(16).seed(8).train()) {
            double expected = Metrics.rmse(run.truth(air.train()), run.predict(air.train()));
            double[] recorded = run.history().doubleColumn("train_rmse").asDoubleArray();
            assertEquals(expected, recorded[1], 1e-3 * expected);
        }
    }

    @Test
    void clipNormKeepsTheGlobalNormAtTheLimit() {
        double limit = 0.05;
        try (Run run = Experiment.of(Stack.lstm(16), Fixtures.air()).sgd(0.1, 0).clipNorm(limit).epochs(3).batch(8).seed(3).train()) {
            Table h = run.history();
            assertTrue(h.doubleColumn("grad_norm").max() > limit, "the raw norm exceeded the limit, so clipping was exercised");
            assertTrue(h.doubleColumn("grad_norm_clipped_max").max() <= limit * (1 + 1e-4),
                    "after clipping: " + h.doubleColumn("grad_norm_clipped_max").max());
        }
    }

    @Test
    void sampledGradientNormsEstimateTheEveryStepMeanWithoutChangingTraining() {
        // A clip limit no gradient reaches scales by exactly 1, so both runs train identically;
        // with clipping the norms are taken every step, without it on every k-th step only.
        Series air = Fixtures.air();
        Experiment e = Experiment.of(Stack.lstm(8).layers(2), air).epochs(2).batch(2).seed(5);
        try (Run every = e.clipNorm(1e9).train(); Run sampled = e.train()) {
            int steps = (air.train().size() + 1) / 2;
            assertTrue(steps / TrainingLoop.NORM_SAMPLES >= 2, "the epoch is long enough to sample: " + steps + " steps");
            Table a = every.history();
            Table b = sampled.history();
            assertArrayEquals(a.doubleColumn("train_loss").asDoubleArray(), b.doubleColumn("train_loss").asDoubleArray());
            for (String col : new String[] {"grad_norm", "grad_norm_layer1", "grad_norm_layer2"}) {
                double[] full = a.doubleColumn(col).asDoubleArray();
                double[] part = b.doubleColumn(col).asDoubleArray();
                for (int i = 0; i < full.length; i++) {
                    assertTrue(part[i] > 0 && Math.abs(part[i] - full[i]) < 0.5 * full[i],
                            col + " epoch " + (i + 1) + ": sampled " + part[i] + " against every step " + full[i]);
                    assertNotEquals(full[i], part[i], col + ": the sampled mean is over fewer steps");
                }
            }
        }
    }

    @Test
    void clipValueClipsNegativeGradientsToo() {
        // One SGD step with learning rate 1 moves each weight by exactly -clip(g, -c, c): with
        // a tiny c, every weight with a large gradient moves by exactly c, in both directions.
        double c = 1e-4;
        Series air = Fixtures.air();
        Stack model = Stack.lstm(8);
        Experiment e = Experiment.of(model, air).sgd(1.0, 0).clipValue(c).epochs(1).batch(10_000).seed(5);
        float[][] before = InitialWeights.of(model, air, 5);
        try (Run run = e.train()) {
            float[][] after = InitialWeights.current(run);
            double maxStep = 0;
            boolean up = false;
            boolean down = false;
            for (int i = 0; i < before.length; i++) {
                for (int j = 0; j < before[i].length; j++) {
                    double d = after[i][j] - before[i][j];
                    maxStep = Math.max(maxStep, Math.abs(d));
                    up |= d > c * 0.99;
                    down |= d < -c * 0.99;
                }
            }
            assertTrue(maxStep <= c * 1.001, "no weight moved more than the clip value: " + maxStep);
            assertTrue(up && down, "gradients of both signs were clipped to the limit");
        }
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Series air = Fixtures.air();
        try (Run run = Experiment.of(Stack.gru(16), air).adam(3e-2).epochs(60).earlyStop(4).batch(8).seed(9).train()) {
            double[] val = run.history().doubleColumn("val_loss").asDoubleArray();
            int argmin = 0;
            for (int i = 1; i < val.length; i++) {
                if (val[i] < val[argmin]) {
                    argmin = i;
                }
            }
            assertEquals(argmin + 1, run.bestEpoch());
            assertTrue(run.stopReason().startsWith("early stop"), run.stopReason());
            assertEquals(val.length, run.bestEpoch() + 4, "stopped exactly patience epochs after the best");
            SeqSplit v = air.validation();
            double restored = Metrics.mse(v.values(), run.predictRaw(v));
            assertEquals(val[argmin], restored, 1e-5, "the model in the run is the best epoch's");
        }
    }

    @Test
    void schedulesShapeTheLearningRate() {
        Series air = Fixtures.air();
        try (Run step = Experiment.of(Stack.rnn(4), air).sgd(0.1, 0.9).stepDecay(2, 0.5).epochs(5).seed(1).train()) {
            assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025}, step.history().doubleColumn("lr").asDoubleArray(), 1e-9);
        }
        try (Run cos = Experiment.of(Stack.rnn(4), air).adam(0.01).cosine().epochs(5).seed(1).train()) {
            double[] lr = cos.history().doubleColumn("lr").asDoubleArray();
            assertEquals(0.01, lr[0], 1e-9);
            assertEquals(0.0001, lr[4], 1e-9);
            assertEquals(0.01 * (0.01 + 0.99 * 0.5), lr[2], 1e-9);
        }
        try (Run plateau = Experiment.of(Stack.rnn(4), air).adam(0.3).reduceOnPlateau(1, 0.5).epochs(8).seed(1).train()) {
            double[] val = plateau.history().doubleColumn("val_loss").asDoubleArray();
            double[] lr = plateau.history().doubleColumn("lr").asDoubleArray();
            double expected = 0.3;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < val.length; i++) {
                assertEquals(expected, lr[i], 1e-9, "epoch " + (i + 1));
                if (val[i] < best) {
                    best = val[i];
                } else {
                    expected *= 0.5; // one epoch without improvement cuts the rate for the next epoch
                }
            }
        }
    }

    @Test
    void listenersSeeEveryStepAndTheFinishedRun() {
        int[] steps = {0};
        Object[] end = {null};
        TrainingListener l = new TrainingListener() {
            @Override
            public void onStep(Progress p) {
                steps[0]++;
                assertTrue(p.fraction() > 0 && p.fraction() <= 1);
            }

            @Override
            public void onEnd(Progress p, Object result) {
                end[0] = result;
            }
        };
        Series air = Fixtures.air();
        try (Run run = Experiment.of(Stack.lstm(4), air).epochs(2).batch(32).listener(l).train()) {
            int perEpoch = (air.train().size() + 31) / 32;
            assertEquals(2 * perEpoch, steps[0]);
            assertNotNull(end[0]);
            assertEquals(run, end[0]);
        }
    }
}
