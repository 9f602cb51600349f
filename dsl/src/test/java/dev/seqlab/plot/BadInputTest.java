package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seqlab.SeqLabException;
import dev.seqlab.train.Experiment;
import dev.seqlab.model.Stack;
import dev.seqlab.train.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every chart refuses input it cannot draw with one sentence that names the fix. */
class BadInputTest {

    private static void fails(String message, Executable call) {
        assertEquals(message, assertThrows(SeqLabException.class, call).getMessage());
    }

    @Test
    void chartsForRunsWithoutTheDataTheyNeed() {
        Run air = PlotFixtures.lstmAir();
        Run text = PlotFixtures.lstmText();
        fails("confusion() needs a classification run, and run 'LSTM 2x8' is regression; use predictions(run) for forecasts.",
                () -> Plots.confusion(air));
        fails("classScores() needs a classification run, and run 'LSTM 2x8' is regression; use predictions(run) for forecasts.",
                () -> Plots.classScores(air));
        fails("predictions() draws forecasts of a Series, and run 'LSTM 8 sentiment' is a classification run; use confusion(run) or classScores(run) for classifiers.",
                () -> Plots.predictions(text));
        fails("horizon() draws forecasts of a Series, and run 'LSTM 8 sentiment' is a classification run; use confusion(run) or classScores(run) for classifiers.",
                () -> Plots.horizon(text, PlotFixtures.TEXT.test(), 0));
        fails("Run 'GRU 2x6' has no attention layer; declare the model with .attention(), such as Stack.lstm(32).attention(), to see attention weights.",
                () -> Plots.attention(PlotFixtures.gruAir(), PlotFixtures.AIR.test(), 0));
        fails("Runs 'LSTM 2x8' and 'LSTM 8 sentiment' record different validation metrics (val_rmse and val_accuracy); compare runs of one task.",
                () -> Plots.metric(air, text));
        fails("loss() needs at least one run; pass the result of Experiment.train().", () -> Plots.loss());
        fails("Compare.of() needs at least one run; pass the results of Experiment.train().", () -> Compare.of());
    }

    @Test
    void indicesOutOfRange() {
        Run air = PlotFixtures.lstmAir();
        int last = PlotFixtures.AIR.test().size() - 1;
        fails("Sample " + (last + 1) + " is out of range; this part has samples 0 to " + last + ".",
                () -> Plots.attention(air, PlotFixtures.AIR.test(), last + 1));
        fails("Sample -1 is out of range; this part has samples 0 to " + last + ".", () -> Plots.horizon(air, PlotFixtures.AIR.test(), -1));
        fails("Sample 99 is out of range; this part has samples 0 to " + last + ".", () -> Plots.gates(air, PlotFixtures.AIR.test(), 99, 0));
        fails("Layer 2 does not exist; this model has layers 0 to 1 (0 is nearest the input).",
                () -> Plots.gates(air, PlotFixtures.AIR.test(), 0, 2));
        fails("Horizon step 4 does not exist; this run forecasts steps 1 to 3.", () -> Plots.predictions(air, PlotFixtures.AIR.test(), 4));
        fails("The part is null; pass one of the data's parts, such as data.test().", () -> Plots.gradientFlow(air, null));
    }

    @Test
    void gatesOfAGateFreeModel() {
        fails("Run 'RNN 2x6' uses RNN(tanh) cells, which have no gates; train a Stack.lstm(...) or Stack.gru(...) model to see gates.",
                () -> Plots.gates(PlotFixtures.rnnAir(), PlotFixtures.AIR.test(), 0, 0));
        fails("There is no GRU(tanh) gate named 'forget'; use one of [reset, update, candidate].",
                () -> Plots.gate(PlotFixtures.gruAir(), PlotFixtures.AIR.test(), 0, 0, "forget"));
    }

    @Test
    void learningCurveArguments() {
        Experiment e = Experiment.of(Stack.gru(4), PlotFixtures.AIR).epochs(1);
        fails("Fraction 1.5 is not in (0, 1]; pass fractions of the training data such as 0.25, 0.5, 1.0.", () -> LearningCurve.of(e, 0.5, 1.5));
        fails("A learning curve needs at least one fraction of the training data; pass fractions such as 0.25, 0.5, 1.0.", () -> LearningCurve.of(e));
    }

    @Test
    void unknownImageFormat() {
        fails("Cannot tell the image format of 'loss.jpg'; end the file name with .png or .svg.",
                () -> Plots.loss(PlotFixtures.lstmAir()).save("loss.jpg"));
    }
}
