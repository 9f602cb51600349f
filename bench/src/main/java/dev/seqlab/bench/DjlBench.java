package dev.seqlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.seqlab.train.GradientNorms;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The baseline: the same model written by hand in plain DJL, the way a careful DJL user would.
 * One fused recurrent block with {@code numLayers = L}, batch first, a linear head on the last
 * step, mean squared error, Adam; each step in its own sub-manager, a {@link GradientCollector},
 * {@code optimizer.update} per parameter and the loss read back once.
 */
final class DjlBench {

    private DjlBench() {}

    /**
     * Ablations (set by the worker): {@code "fused"} (the baseline), {@code "split"} (L one-layer
     * blocks instead of one fused block), {@code "dslnet"} (the DSL's own network block, fed
     * {@code [x, mask]}, in this hand-written loop: separates the model's cost from the loop's).
     */
    static String variant = "fused";

    static Block block(Shape3 c) {
        SequentialBlock net = new SequentialBlock();
        boolean split = variant.equals("split");
        int blocks = split ? c.layers() : 1;
        int layers = split ? 1 : c.layers();
        for (int i = 0; i < blocks; i++) {
            net.add(switch (c.cell()) {
                case "lstm" -> LSTM.builder().setStateSize(c.hidden()).setNumLayers(layers).optBatchFirst(true).build();
                case "gru" -> GRU.builder().setStateSize(c.hidden()).setNumLayers(layers).optBatchFirst(true).build();
                default -> RNN.builder().setStateSize(c.hidden()).setNumLayers(layers).optBatchFirst(true)
                        .setActivation(RNN.Activation.TANH).build();
            });
        }
        return net.add(new LambdaBlock(list -> new NDList(list.head().get(":, -1, :")), "lastStep"))
                .add(Linear.builder().setUnits(1).build());
    }

    private static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    /**
     * Trains {@code warmup + steps} steps on random batches and returns the last steps' times.
     *
     * @param c the configuration
     * @param steps timed steps
     * @param warmup untimed first steps
     * @param threads libtorch intra-op threads
     * @param seed the seed
     * @return wall time per step and mean process CPU time per step, in milliseconds: {@code [wall[], {cpu}]}
     */
    static double[][] train(Shape3 c, int steps, int warmup, int threads, long seed) {
        Engine engine = Torch.engine();
        Torch.threads(threads);
        engine.setRandomSeed((int) seed);
        int n = steps + warmup;
        Random r = new Random(seed);
        Shape xs = new Shape(c.batch(), c.time(), c.features());
        float[][] xb = new float[n][];
        float[][] yb = new float[n][];
        for (int i = 0; i < n; i++) {
            xb[i] = gaussian(r, (int) xs.size());
            yb[i] = gaussian(r, c.batch());
        }
        double[][] out = {new double[steps], null};
        long c0 = 0;
        try (NDManager manager = engine.newBaseManager()) {
            boolean norms = variant.equals("dslnorms");
            boolean dslnet = norms || variant.equals("dslnet");
            Block block;
            dev.seqlab.model.Network net = null;
            if (dslnet) {
                net = DslBench.stack(c).build(new SyntheticData(1, c.time(), c.features(), seed).spec());
                net.initialize(manager);
                block = net.block();
            } else {
                block = block(c);
                block.initialize(manager, DataType.FLOAT32, xs);
            }
            float[] ones = new float[c.batch() * c.time()];
            java.util.Arrays.fill(ones, 1f);
            ParameterStore ps = new ParameterStore(manager, false);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            List<Parameter> params = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    params.add(p.getValue());
                }
            }
            GradientNorms gradientNorms = norms ? GradientNorms.of(net, params, manager) : null;
            float sink = 0;
            for (int i = 0; i < n; i++) {
                if (i == warmup) {
                    c0 = CpuClock.nanos();
                }
                long t0 = System.nanoTime();
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(xb[i], xs);
                    NDArray y = step.create(yb[i], new Shape(c.batch(), 1));
                    NDList in = dslnet ? new NDList(x, step.create(ones, new Shape(c.batch(), c.time()))) : new NDList(x);
                    NDArray loss;
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray pred = block.forward(ps, in, true).head();
                        loss = pred.sub(y).square().mean();
                        gc.backward(loss);
                    }
                    float[] stats = norms ? Overheads.normsReadBack(step, loss, params, gradientNorms) : null;
                    for (Parameter p : params) {
                        NDArray w = p.getArray();
                        NDArray g = w.getGradient();
                        g.attach(step); // DJL makes each gradient handle in the weight's manager
                        adam.update(p.getId(), w, g);
                    }
                    sink += norms ? stats[0] : loss.getFloat();
                }
                long t1 = System.nanoTime();
                if (i >= warmup) {
                    out[0][i - warmup] = (t1 - t0) / 1e6;
                }
            }
            if (Float.isNaN(sink)) {
                throw new IllegalStateException("training diverged");
            }
        }
        out[1] = new double[] {(CpuClock.nanos() - c0) / 1e6 / steps};
        return out;
    }

    /**
     * Times forward passes without gradient on one batch, output copied to the heap.
     *
     * @param c the configuration
     * @param reps timed passes
     * @param warmup untimed passes
     * @param threads intra-op threads
     * @param seed the seed
     * @return wall time per pass and mean process CPU time per pass, in milliseconds: {@code [wall[], {cpu}]}
     */
    static double[][] infer(Shape3 c, int reps, int warmup, int threads, long seed) {
        Engine engine = Torch.engine();
        Torch.threads(threads);
        engine.setRandomSeed((int) seed);
        Shape xs = new Shape(c.batch(), c.time(), c.features());
        float[] xb = gaussian(new Random(seed), (int) xs.size());
        double[][] out = {new double[reps], null};
        long c0 = 0;
        try (NDManager manager = engine.newBaseManager()) {
            Block block = block(c);
            block.initialize(manager, DataType.FLOAT32, xs);
            ParameterStore ps = new ParameterStore(manager, false);
            for (int i = 0; i < warmup + reps; i++) {
                if (i == warmup) {
                    c0 = CpuClock.nanos();
                }
                long t0 = System.nanoTime();
                // Without gradient, said explicitly: the thread that loaded the engine had autograd
                // off only because DJL's load turned it off there (Torch.engine() turns it back on).
                try (NDManager step = manager.newSubManager(); Torch.NoGrad off = Torch.noGrad()) {
                    NDArray x = step.create(xb, xs);
                    float[] y = block.forward(ps, new NDList(x), false).head().toFloatArray();
                    if (y.length != c.batch()) {
                        throw new IllegalStateException("expected " + c.batch() + " outputs");
                    }
                }
                long t1 = System.nanoTime();
                if (i >= warmup) {
                    out[0][i - warmup] = (t1 - t0) / 1e6;
                }
            }
        }
        out[1] = new double[] {(CpuClock.nanos() - c0) / 1e6 / reps};
        return out;
    }
}
