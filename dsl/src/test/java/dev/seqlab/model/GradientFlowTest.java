package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.Task;
import dev.seqlab.runtime.Torch;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Gradient flow: probe gradients agree with finite differences and leave nothing behind. */
class GradientFlowTest {

    private static final int T = 4;
    private static final int B = 2;
    private static final float EPS = 1e-2f;
    private static final BiFunction<NDArray, NDArray, NDArray> MSE = (p, l) -> p.sub(l).square().mean();

    private static DataSpec spec() {
        return new DataSpec(Task.REGRESSION, T, 3, 0, 2, 1, List.of("a", "b"));
    }

    @Test
    void lstmNormsMatchFiniteDifferences() {
        matchesFiniteDifferences(Stack.lstm(3).layers(2));
    }

    @Test
    void gruNormsMatchFiniteDifferences() {
        matchesFiniteDifferences(Stack.gru(3).layers(2).residual().layerNorm());
    }

    private static void matchesFiniteDifferences(Stack stack) {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(stack, spec(), m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec(), B, T);
            NDArray labels = m.create(new float[] {0.5f, -1f, 1.5f, 0.25f}, new Shape(B, 2));
            GradientFlow flow = GradientFlow.of(net, ps, in, labels, MSE);
            assertEquals(2, flow.depth());
            assertEquals(T, flow.timeSteps());
            float[][] norms = flow.norms();
            float worst = 0f;
            for (int stage = 0; stage < 2; stage++) {
                for (int t = 0; t < T; t++) {
                    double sq = 0;
                    for (int b = 0; b < B; b++) {
                        for (int f = 0; f < 3; f++) {
                            double d = (loss(net, ps, in, labels, stage, b, t, f, EPS)
                                    - loss(net, ps, in, labels, stage, b, t, f, -EPS)) / (2 * EPS);
                            sq += d * d;
                        }
                    }
                    float fd = (float) Math.sqrt(sq);
                    if (norms[stage][t] > 0f) {
                        worst = Math.max(worst, Math.abs(fd - norms[stage][t]) / norms[stage][t]);
                    }
                    // the head reads the last stage at the last step only; every step of stage 0 feeds it
                    boolean reached = stage == 0 || t == T - 1;
                    assertEquals(reached, norms[stage][t] > 0f, "stage " + stage + " step " + t + ": " + norms[stage][t]);
                    assertTrue(Math.abs(fd - norms[stage][t]) <= 1e-2f * norms[stage][t] + 1e-4f,
                            "stage " + stage + " step " + t + ": probe " + norms[stage][t] + " vs finite difference " + fd);
                }
            }
            System.out.printf("GradientFlow %s: largest relative error against central differences = %.3g%n",
                    stack.kind(), worst);
        }
    }

    /** The loss with {@code delta} added to one element of one stage's output (through its probe). */
    private static double loss(Network net, ParameterStore ps, NDList in, NDArray labels, int stage, int b, int t, int f,
            float delta) {
        NDManager m = in.head().getManager();
        try (NDManager sub = m.newSubManager()) {
            NDList probed = new NDList(in.get(0), in.get(1));
            for (int i = 0; i < net.depth(); i++) {
                NDArray probe = sub.zeros(new Shape(B, T, net.stageSize(i)));
                if (i == stage) {
                    probe.setScalar(new ai.djl.ndarray.index.NDIndex(b, t, f), delta);
                }
                probed.add(probe);
            }
            NDArray y = net.forward(ps, probed, false).head();
            float v = MSE.apply(y, labels).getFloat();
            return v;
        }
    }

    @Test
    void keepsGradientsATrainerHasAlreadyCollected() {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.gru(3).layers(2), spec(), m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec(), B, T);
            NDArray labels = m.ones(new Shape(B, 2));
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
                gc.backward(MSE.apply(net.forward(ps, in, true).head(), labels));
            }
            List<Parameter> params = List.copyOf(net.block().getParameters().values());
            float[][] before = new float[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                before[i] = params.get(i).getArray().getGradient().toFloatArray();
            }
            GradientFlow.of(net, ps, in, labels, MSE);
            for (int i = 0; i < params.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(before[i],
                        params.get(i).getArray().getGradient().toFloatArray(), params.get(i).getName());
            }
        }
    }

    @Test
    void leavesParametersAndMemoryAsTheyWere() {
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(3).layers(2).dropout(0.2), spec(), m);
            ParameterStore ps = Fixtures.store(m);
            NDList in = Fixtures.full(m, spec(), B, T);
            NDArray labels = m.zeros(new Shape(B, 2));
            int before = m.getManagedArrays().size();
            GradientFlow flow = GradientFlow.of(net, ps, in, labels, Loss.l2Loss());
            assertEquals(before, m.getManagedArrays().size(), "GradientFlow left arrays behind");
            assertEquals(2, flow.norms().length);
            for (Parameter p : net.block().getParameters().values()) {
                assertTrue(p.getArray().hasGradient(), p.getName() + " lost requiresGradient");
                try (NDManager sub = m.newSubManager()) {
                    NDArray g = p.getArray().getGradient();
                    g.attach(sub);
                    assertEquals(0f, g.abs().sum().getFloat(), p.getName() + " received gradient");
                }
            }
            // inside another collector it says what to do
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
                SeqLabException e = assertThrows(SeqLabException.class,
                        () -> GradientFlow.of(net, ps, in, labels, MSE));
                assertTrue(e.getMessage().contains("outside any open GradientCollector"), e.getMessage());
            }
        }
    }
}
