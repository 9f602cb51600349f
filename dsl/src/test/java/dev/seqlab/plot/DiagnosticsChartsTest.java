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
import org.knowm.xchart.CategoryChart;
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
            double floor = Double.POSITIVE_INFINITY;
            for (float[] row : expected) {
                for (float v : row) {
                    floor = v > 0 ? Math.min(floor, v) : floor;
                }
            }
            assertEquals(2 * 12, heat.size(), "2 layers x 12 steps");
            assertEquals(List.of("layer 1", "layer 2"), new java.util.ArrayList<>(c.getHeatMapSeries().getYData()));
            assertEquals("t-11", new java.util.ArrayList<>(c.getHeatMapSeries().getXData()).get(0));
            for (Number[] cell : heat) {
                int step = cell[0].intValue();
                int layer = cell[1].intValue();
                assertEquals(Math.log10(Math.max(expected[layer][step], floor)), cell[2].doubleValue(), 1e-5,
                        run.name() + " layer " + layer + " step " + step);
            }
        }
    }

    /**
     * The chart's numbers are gradients of the training loss: for the first layer of the RNN, at
     * the first and the last step, the norm over the batch and units of central finite
     * differences (step 1e-3) of the MSE (summed in double precision from the network's outputs, with a
     * non-zero probe as the perturbation) equals the plotted norm within 1%.
     */
    @Test
    void gradientFlowEqualsFiniteDifferencesOfTheTrainingLoss() {
        Run run = PlotFixtures.rnnAir();
        SeqSplit train = PlotFixtures.AIR.train();
        List<? extends Number[]> heat = Plots.gradientFlow(run, train).chart().getHeatMapSeries().getHeatData();
        int b = 32;
        int t = 12;
        int h = run.network().stageSize(0);
        int[] idx = new int[b];
        for (int i = 0; i < b; i++) {
            idx[i] = i;
        }
        float[][] labels = new float[b][];
        for (int i = 0; i < b; i++) {
            labels[i] = train.values()[i];
        }
        double eps = 1e-3; // 1e-2 is too coarse for the step 11 steps back (0.21 against 0.23)
        try (NDManager m = Torch.engine().newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDList in = train.inputs(m, idx);
            for (int step : new int[] {0, t - 1}) {
                double sq = 0;
                for (int i = 0; i < b; i++) {
                    for (int j = 0; j < h; j++) {
                        double up = mse(run, ps, m, in, labels, i, step, j, h, eps);
                        double down = mse(run, ps, m, in, labels, i, step, j, h, -eps);
                        double g = (up - down) / (2 * eps);
                        sq += g * g;
                    }
                }
                Number[] cell = heat.get(step);
                double plotted = Math.pow(10, cell[2].doubleValue());
                assertEquals(0, cell[1].intValue(), "layer 1 row");
                System.out.printf("Gradient flow, RNN layer 1, step %d: plotted %.6g, finite differences %.6g%n", step, plotted, Math.sqrt(sq));
                assertEquals(Math.sqrt(sq), plotted, 0.01 * plotted, "step " + step);
            }
        }
    }

    /** The training loss (MSE on scaled values) with {@code delta} added to one element of the first layer's output. */
    private static double mse(Run run, ParameterStore ps, NDManager m, NDList in, float[][] labels, int sample, int step, int unit, int h,
            double delta) {
        try (NDManager sub = m.newSubManager()) {
            int b = labels.length;
            int t = 12;
            float[] p0 = new float[b * t * h];
            p0[(sample * t + step) * h + unit] = (float) delta;
            NDList x = new NDList(in.get(0), in.get(1), sub.create(p0, new ai.djl.ndarray.types.Shape(b, t, h)),
                    sub.zeros(new ai.djl.ndarray.types.Shape(b, t, run.network().stageSize(1))));
            float[] pred = run.network().forward(ps, x, false).get(0).toFloatArray();
            int o = labels[0].length;
            double sum = 0;
            for (int i = 0; i < b; i++) {
                for (int k = 0; k < o; k++) {
                    double d = pred[i * o + k] - labels[i][k];
                    sum += d * d;
                }
            }
            return sum / (b * o);
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
        CategoryChart c = Plots.gates(run, part, sample, stage).chart();
        assertEquals(names, List.copyOf(c.getSeriesMap().keySet()));
        int steps = part.lengths()[sample];
        for (String name : names) {
            float[][] a = g.gate(name);
            List<Double> ys = new java.util.ArrayList<>();
            c.getSeriesMap().get(name).getYData().forEach(v -> ys.add(((Number) v).doubleValue()));
            double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
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
