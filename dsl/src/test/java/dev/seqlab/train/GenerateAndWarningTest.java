package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Corpus;
import dev.seqlab.model.Stack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded text generation, and the warning for a loss that explodes in the first epochs. */
class GenerateAndWarningTest {

    @Test
    void generationSeedChoosesTheDraw() {
        Corpus austen = Fixtures.austen(8_000);
        try (Run run = Experiment.of(Stack.lstm(16), austen).adam(1e-2).epochs(1).batch(32).seed(42).train()) {
            String a = run.generate("Eliz", 60, 1.0, 1);
            assertEquals(a, run.generate("Eliz", 60, 1.0, 1), "one seed, one text");
            assertNotEquals(a, run.generate("Eliz", 60, 1.0, 2), "another seed, another draw");
            assertEquals(run.generate("Eliz", 60, 1.0), run.generate("Eliz", 60, 1.0, run.seed()), "the default seed is the run's");
            assertEquals(64, run.generate("Eliz", 60, 0.5, 7).length());
        }
    }

    @Test
    void explodingLossWarnsOnceNamingTheLearningRate() {
        String warned = captureErr(() -> {
            try (Run r = Experiment.of(Stack.lstm(8), Fixtures.air()).sgd(20, 0).epochs(3).batch(8).seed(1).train()) {
                System.out.println("LossExplosionWarning test: train losses " + r.history().doubleColumn("train_loss").asList());
            } catch (SeqLabException e) {
                System.out.println("LossExplosionWarning test: training stopped: " + e.getMessage());
            }
        });
        assertTrue(warned.contains("Warning: the training loss of") && warned.contains("learning rate 20.0"), warned);
        assertEquals(1, warned.split("Warning: the training loss", -1).length - 1, "printed once: " + warned);

        String calm = captureErr(() -> Experiment.of(Stack.lstm(8), Fixtures.air()).adam(5e-3).epochs(3).batch(16).seed(1).train().close());
        assertFalse(calm.contains("exploded"), calm);
    }

    @Test
    void warningRule() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LossExplosionWarning w = new LossExplosionWarning(() -> ps);
        w.onStep(progress(1, 1.0));
        w.onStep(progress(1, 99.0)); // below two orders of magnitude
        assertFalse(w.warned());
        w.onStep(progress(2, 150.0));
        assertTrue(w.warned());
        w.onStep(progress(2, 1e6));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("from 1.000 at the first step to 150.0 in epoch 2 (150x) with learning rate 0.5"), text);
        LossExplosionWarning late = new LossExplosionWarning(() -> ps);
        late.onStep(progress(1, 1.0));
        late.onStep(progress(LossExplosionWarning.EPOCHS + 1, 1e6)); // later epochs are not "the first epochs"
        assertFalse(late.warned());
    }

    private static Progress progress(int epoch, double loss) {
        return new Progress("toy", epoch, 10, 1, 5, loss, Double.NaN, 0.5, 1, List.of(), List.of());
    }

    private static String captureErr(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(s);
        return s;
    }
}
