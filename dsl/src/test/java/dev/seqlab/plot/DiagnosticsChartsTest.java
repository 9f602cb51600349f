package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.model.Gates;
import dev.seqlab.model.GradientFlow;
import dev.seqlab.runtime.Torch;
import dev.seqlab.train.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Gradient flow and gate charts hold the model-level measurements (GradientFlow, Gates) of the
 * trained network, measured here independently, and the gates reproduce the layers within 1e-5.
 */
class DiagnosticsChartsTest {

    /** The probe norms of the first 32 training samples under the training loss (MSE), measured directly. */
    private static float[][] flow(Run run, SeqSplit part) {
        int[] idx = new int[Math.min(32, part.size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDList in = part.inputs(m, idx);
            NDArray labels = part.labels(m, idx);
            return GradientFlow.of(run.network(), new ParameterStore(m, false), in, labels, (p, l) -> p.sub(l).square().mean()).norms();
        }
    }

    @Test
    void gradientFlowHeatmapIsTheProbeNormsPerLayerAndStep() {
        for (Run run : List.of(PlotFixtures.rnnAir(), PlotFixtures.lstmAir(), PlotFixtures.gruAir())) {
            SeqSplit train = PlotFixtures.AIR.train();
            float[][] expected = flow(run, train);
            HeatMapChart c = Plots.gradientFlow(run, train).chart();
            List<? extends Number[]> heat = c.getHeatMapSeries().getHeatData();
            assertEquals(2 * 12, heat.size(), "2 layers x 12 steps");
            assertEquals(List.of("layer 1", "layer 2"), c.getHeatMapSeries().getYData());
            assertEquals("t-11", c.getHeatMapSeries().getXData().get(0));
            for (Number[] cell : heat) {
                int step = cell[0].intValue();
                int layer = cell[1].intValue();
                assertTrue(expected[layer][step] > 0, run.name() + ": a gradient reaches every step of every layer");
                assertEquals(Math.log10(expected[layer][step]), cell[2].doubleValue(), 1e-5, run.name() + " layer " + layer + " step " + step);
            }
        }
    }

    @Test
    void gradientReachIsRelativeToTheLastStep() {
        XYChart c = Plots.gradientReach(PlotFixtures.rnnAir(), PlotFixtures.lstmAir(), PlotFixtures.gruAir()).chart();
        assertEquals(List.of("RNN 2x6", "LSTM 2x8", "GRU 2x6"), List.copyOf(c.getSeriesMap().keySet()));
        float[] first = flow(PlotFixtures.rnnAir(), PlotFixtures.AIR.train())[0];
        XYSeries rnn = c.getSeriesMap().get("RNN 2x6");
        assertEquals(0.0, rnn.getXData()[11], "x = steps before the last input");
        assertEquals(1.0, rnn.getYData()[11], 1e-9);
        assertEquals(first[0] / first[11], rnn.getYData()[0], 1e-5);
    }

    @Test
    void gatesAreTheRecomputedMeansAndReproduceTheLayerWithin1e5() {
        SeqSplit test = PlotFixtures.AIR.test();
        check(PlotFixtures.lstmAir(), test, 1, 0, List.of("input", "forget", "output"));
        check(PlotFixtures.lstmAir(), test, 3, 1, List.of("input", "forget", "output"));
        check(PlotFixtures.gruAir(), test, 0, 1, List.of("reset", "update"));
        check(PlotFixtures.lstmText(), PlotFixtures.TEXT.test(), 2, 0, List.of("input", "forget", "output"));
    }

    private static void check(Run run, SeqSplit part, int sample, int stage, List<String> names) {
        Gates g;
        try (NDManager m = Torch.engine().newBaseManager()) {
            g = Gates.of(run.network(), new ParameterStore(m, false), part.inputs(m, new int[] {sample}), 0, stage);
        }
        assertTrue(g.maxAbsDifference() < 1e-5f, run.name() + ": recomputed h within 1e-5 of the fused layer, got " + g.maxAbsDifference());
        XYChart c = Plots.gates(run, part, sample, stage).chart();
        assertEquals(names, List.copyOf(c.getSeriesMap().keySet()));
        int steps = part.lengths()[sample];
        for (String name : names) {
            float[][] a = g.gate(name);
            double[] y = c.getSeriesMap().get(name).getYData();
            assertEquals(steps, y.length, "real steps only");
            for (int s = 0; s < steps; s++) {
                double mean = 0;
                for (float v : a[s]) {
                    mean += v;
                }
                mean /= a[s].length;
                assertEquals(mean, y[s], 1e-9, run.name() + " " + name + " step " + s);
                assertTrue(y[s] > 0 && y[s] < 1, "a sigmoid gate is in (0, 1)");
            }
        }
        HeatMapChart forget = Plots.gate(run, part, sample, stage, names.get(1)).chart();
        assertEquals(steps * g.size(), forget.getHeatMapSeries().getHeatData().size());
        Number[] cell = forget.getHeatMapSeries().getHeatData().get(g.size() + 1);
        assertArrayEquals(new Number[] {1, 1, (double) g.gate(names.get(1))[1][1]}, cell);
    }
}
