package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.model.Stack;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every training setting that cannot work says so in one sentence naming the fix. */
class ExperimentErrorsTest {

    private final Experiment base = Experiment.of(Stack.lstm(4), Fixtures.air());

    static void says(String message, Executable action) {
        SeqLabException e = assertThrows(SeqLabException.class, action);
        assertEquals(message, e.getMessage());
    }

    @Test
    void badSettingsAreRejectedWhenDeclared() {
        Map<String, Executable> cases = Map.ofEntries(
                Map.entry("Epochs 0 is below 1; train for 1 or more epochs.", () -> base.epochs(0)),
                Map.entry("Batch size -2 is below 1; use a batch size of 1 or more.", () -> base.batch(-2)),
                Map.entry("Learning rate 0.0 is not a positive number; use a value such as 1e-3.", () -> base.adam(0)),
                Map.entry("Learning rate NaN is not a positive number; use a value such as 1e-3.", () -> base.sgd(Double.NaN, 0)),
                Map.entry("Momentum 1.0 is outside [0, 1); use a value such as 0.9.", () -> base.sgd(0.1, 1.0)),
                Map.entry("Weight decay -1.0 is negative; use 0 or a small positive value such as 1e-4.", () -> base.weightDecay(-1)),
                Map.entry("Clip norm -1.0 is not a positive number; use a value such as 1.0.", () -> base.clipNorm(-1)),
                Map.entry("Clip value 0.0 is not a positive number; use a value such as 0.5.", () -> base.clipValue(0)),
                Map.entry("Early-stopping patience 0 is below 1; use 1 or more epochs.", () -> base.earlyStop(0)),
                Map.entry("Thread count 0 is below 1; use 1 or more threads.", () -> base.threads(0)),
                Map.entry("Decay factor 1.5 is outside (0, 1]; use a value such as 0.5.", () -> base.stepDecay(2, 1.5)),
                Map.entry("Step decay every 0 epochs is below 1; use 1 or more epochs.", () -> base.stepDecay(0, 0.5)),
                Map.entry("Plateau patience 0 is below 1; use 1 or more epochs.", () -> base.reduceOnPlateau(0, 0.5)),
                Map.entry("The model is null; declare one with Stack.lstm(32) or similar.", () -> Experiment.of(null, Fixtures.air())),
                Map.entry("The data set is null; load one with Series.csv(...), TextData.csv(...) or Corpus.text(...).",
                        () -> Experiment.of(Stack.gru(2), null)));
        cases.forEach((msg, action) -> says(msg, action));
    }

    @Test
    void askingARunForWhatItLacksSaysWhatItHas() {
        try (Run run = base.epochs(1).train()) {
            says("This run has no test metric 'accuracy'; it has: mse, rmse, mae, mape.", () -> run.metric("accuracy"));
            says("Only a classification run with a test part has a class report; this run is regression.", run::report);
            says("This model has no attention; declare it with .attention() to see attention weights.", () -> run.attention(run.data().test(), 0));
            says("Only a language model trained on a Corpus generates text; train one with Corpus.text(...) and a next-token head.",
                    () -> run.generate("a", 3, 1.0));
            says("Only classification runs predict classes; this run is regression.", () -> run.predictClasses(run.data().test()));
            run.close();
            says("This run was closed; train it again or load it with Run.load(dir).", () -> run.predictRaw(run.data().test()));
        }
    }

    @Test
    void divergenceIsReportedAsOneSentence() {
        SeqLabException e = assertThrows(SeqLabException.class,
                () -> Experiment.of(Stack.rnn(16).relu(), Fixtures.air()).sgd(1e6, 0).epochs(3).train());
        assertTrue(e.getMessage().startsWith("Training diverged (loss is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("lower the learning rate or clip gradients with clipNorm(1.0)."), e.getMessage());
    }
}
