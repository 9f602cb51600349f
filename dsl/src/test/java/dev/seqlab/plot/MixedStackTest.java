package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Scaling;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.model.Layer;
import dev.seqlab.model.LayerKind;
import dev.seqlab.model.Stack;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.History;
import dev.seqlab.train.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import tech.tablesaw.api.Table;

/**
 * The payoff of layers as types: a bidirectional LSTM, then a GRU, then an LSTM of another size,
 * each with its own residual link, dropout and layer norm, trains on a real series, shows its
 * gates and gradient flow, and comes back from a checkpoint predicting exactly the same.
 */
class MixedStackTest {

    @TempDir
    Path tmp;

    /** Air passengers, 12-month windows, one step ahead, standardised, 70/15/15. */
    private static final Series AIR = Series.csv("datasets/airpassengers.csv", "passengers_thousands").windows(12).horizon(1)
            .scale(Scaling.STANDARD).split(0.7, 0.15);

    /** Width 16 -> 16 (identity residual possible) -> 12 (a projected residual). */
    static Stack mixed() {
        return Stack.lstm(8).bidirectional().layerNorm()
                .then(Layer.gru(16).residual().layerNorm())
                .then(Layer.lstm(12).dropout(0.1).residualProjected().layerNorm());
    }

    @Test
    void declaresPrintsAndSummarisesEachLayer() {
        Stack s = mixed();
        assertFalse(s.isUniform());
        assertEquals(List.of(LayerKind.LSTM, LayerKind.GRU, LayerKind.LSTM), s.layerList().stream().map(Layer::kind).toList());
        assertEquals("Stack[layers=[LSTM(tanh)(8) bidirectional layerNorm, GRU(tanh)(16) residual layerNorm, "
                + "LSTM(tanh)(12) dropout=0.1 residualProjected layerNorm] attention=false embedding=auto(32) head=auto]", s.toString());
        assertEquals("LSTM(tanh)+GRU(tanh)+LSTM(tanh)", s.kindLabel());
        // Skip links compare widths: a GRU(8) cannot add the 16 values of a bidirectional LSTM(8).
        SeqLabException e = assertThrows(SeqLabException.class,
                () -> Stack.lstm(8).bidirectional().then(Layer.gru(8).residual()).build(AIR.spec()));
        assertEquals("Residual links need equal widths but layer 1 is 16 wide and layer 2 is 8 wide (bidirectional layers are twice "
                + "their size); use matching sizes or .residualProjected().", e.getMessage());
        e = assertThrows(SeqLabException.class, s::kind);
        assertEquals("This stack mixes LSTM(tanh) and GRU(tanh) layers, so it has no single kind; ask each layer with stack.layer(i).kind().",
                e.getMessage());
        assertEquals(LayerKind.RNN_RELU, LayerKind.named("rnn_relu"));
        assertEquals(LayerKind.RNN_TANH, LayerKind.named("rnn"));
        // Uniform stacks print as they always did.
        assertTrue(Stack.lstm(32).layers(3).isUniform());
        assertEquals("Stack[cell=LSTM(tanh) sizes=[32, 32, 32] bidirectional=false dropout=0.0 residual=false layerNorm=false"
                + " attention=false embedding=auto(32) head=auto]", Stack.lstm(32).layers(3).toString());
    }

    @Test
    void trainsShowsGatesAndFlowAndReloadsIdentically() throws Exception {
        try (Run run = Experiment.of(mixed(), AIR).adam(1e-2).epochs(8).batch(16).seed(11).name("mixed").train()) {
            // Training works: the training loss falls.
            double[] loss = run.history().doubleColumn(History.TRAIN_LOSS).asDoubleArray();
            assertTrue(loss[loss.length - 1] < 0.7 * loss[0], "training loss falls: " + java.util.Arrays.toString(loss));
            assertEquals(List.of("grad_norm_layer1", "grad_norm_layer2", "grad_norm_layer3"),
                    run.history().columnNames().stream().filter(c -> c.startsWith(History.GRAD_NORM_LAYER)).toList());

            Table summary = run.network().summary();
            List<String> kinds = summary.stringColumn("kind").asList();
            assertEquals("LSTM(8) bidirectional + layer norm", kinds.get(0));
            assertEquals("GRU(16) + residual + layer norm", kinds.get(1));
            assertEquals("LSTM(12) + projected residual + layer norm after dropout 0.1", kinds.get(2));
            assertEquals(List.of(16, 16, 12), List.of(run.network().stageSize(0), run.network().stageSize(1), run.network().stageSize(2)));

            // Gates per layer, each of its own kind (the chart checks that the recomputed gates
            // reproduce the layer's own output within 1e-5 before drawing).
            SeqSplit test = AIR.test();
            CategoryChart lstmGates = Plots.gates(run, test, 0, 0).chart();
            assertEquals(List.of("input", "forget", "output"), List.copyOf(lstmGates.getSeriesMap().keySet()));
            CategoryChart gruGates = Plots.gates(run, test, 0, 1).chart();
            assertEquals(List.of("reset", "update"), List.copyOf(gruGates.getSeriesMap().keySet()));
            assertTrue(Plots.gates(run, test, 0, 1).title().contains("GRU gates, layer 2"), Plots.gates(run, test, 0, 1).title());
            HeatMapChart forget = Plots.gate(run, test, 0, 2, "forget").chart();
            assertEquals(12 * 12, forget.getHeatMapSeries().getHeatData().size(), "12 steps x 12 units of layer 3");

            // Gradient flow: one row per layer, 12 steps each, all finite.
            HeatMapChart flow = Plots.gradientFlow(run, AIR.train()).chart();
            assertEquals(List.of("layer 1", "layer 2", "layer 3"), List.copyOf(flow.getHeatMapSeries().getYData()));
            assertEquals(3 * 12, flow.getHeatMapSeries().getHeatData().size());
            for (Number[] cell : flow.getHeatMapSeries().getHeatData()) {
                assertTrue(Double.isFinite(cell[2].doubleValue()), "finite flow");
            }
            // Both render to real PNG files.
            for (Figure<?> f : List.of(Plots.gates(run, test, 0, 1), Plots.gradientFlow(run, AIR.train()), Plots.gradientNorms(run))) {
                byte[] png = f.png();
                assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', f.title());
            }

            // Saved and loaded: the same declaration, the same predictions to the bit.
            Path dir = run.save(tmp.resolve("mixed"));
            assertTrue(Files.readString(dir.resolve("run.json")).contains("\"layers\""), "a mixed stack writes its layers");
            try (Run back = Run.load(dir.toString(), AIR)) {
                assertEquals(mixed(), back.network().stack());
                float[][] a = run.predictRaw(test);
                float[][] b = back.predictRaw(test);
                assertEquals(a.length, b.length);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], b[i], 0f, "identical outputs after reload, sample " + i);
                }
            }
        }
    }
}
