package dev.seqlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.seqlab.model.Network;
import dev.seqlab.train.GradientNorms;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Micro-measurements of what the DSL's training step does beyond the hand-written loop,
 * repeated many times so that the cost per step is resolved below a millisecond even on a busy
 * machine: the per-step gradient norms read back with the loss, through the training loop's own
 * {@link GradientNorms} (not a copy, so the measurement follows the loop when it changes), against
 * a bare {@code loss.getFloat()}, and the last-step pick through the mask ({@code
 * StackBlock.lastStep}/{@code Sequences.pick}) against {@code x.get(":, -1, :")}.
 */
final class Overheads {

    private Overheads() {}

    /**
     * Measures the extras on the DSL network of a configuration.
     *
     * @param c the configuration
     * @param reps repetitions per measurement
     * @param threads intra-op threads
     * @return median microseconds per repetition for each variant
     */
    static Map<String, Object> run(Shape3 c, int reps, int threads) {
        Engine engine = Torch.engine();
        Torch.threads(threads);
        Map<String, Object> out = new LinkedHashMap<>();
        SyntheticData data = new SyntheticData(c.batch(), c.time(), c.features(), 1);
        Network net = DslBench.stack(c).build(data.spec());
        try (NDManager manager = engine.newBaseManager()) {
            net.initialize(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            List<Parameter> params = new ArrayList<>();
            for (Pair<String, Parameter> p : net.block().getParameters()) {
                params.add(p.getValue());
            }
            GradientNorms gradientNorms = GradientNorms.of(net, params, manager);
            int[] all = new int[c.batch()];
            Arrays.setAll(all, i -> i);
            // one real backward so that every parameter has a gradient of the right shape
            try (NDManager step = manager.newSubManager()) {
                NDList in = data.train().inputs(step, all);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray pred = net.forward(ps, in, true).get(0);
                    gc.backward(pred.square().mean());
                }
            }
            out.put("params", params.size());
            out.put("TrainingLoop.step norms+concat+toFloatArray us", time(reps, manager, step -> {
                NDArray loss = step.create(1f).reshape(new Shape());
                normsReadBack(step, loss, params, gradientNorms);
            }));
            out.put("loss.getFloat() only us", time(reps, manager, step -> step.create(1f).reshape(new Shape()).getFloat()));
            NDArray x0 = manager.randomNormal(new Shape(c.batch(), c.time(), c.hidden()));
            NDArray mask = manager.ones(new Shape(c.batch(), c.time()));
            out.put("StackBlock.lastStep via Sequences.pick fwd+bwd us", time(reps, manager, step -> {
                NDArray x = x0.duplicate();
                x.attach(step);
                x.setRequiresGradient(true);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray len = mask.sum(new int[] {1}).sub(1f);
                    Shape s = x.getShape();
                    NDArray index = len.toType(DataType.INT64, false).reshape(s.get(0), 1, 1).broadcast(s.get(0), 1, s.get(2));
                    gc.backward(x.gather(index, 1).squeeze(1).sum());
                }
            }));
            out.put("x.get(\":, -1, :\") fwd+bwd us", time(reps, manager, step -> {
                NDArray x = x0.duplicate();
                x.attach(step);
                x.setRequiresGradient(true);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    gc.backward(x.get(":, -1, :").sum());
                }
            }));
            out.put("SeqSplit.inputs+labels (batch copy with mask) us", time(reps, manager, step -> {
                data.train().inputs(step, all);
                data.train().labels(step, all);
            }));
        }
        return out;
    }

    /** The loop's norms (GradientNorms) read back with the loss in one transfer, as TrainingLoop.step does. */
    static float[] normsReadBack(NDManager step, NDArray loss, List<Parameter> params, GradientNorms gradientNorms) {
        NDArray norms = gradientNorms.norms(GradientNorms.gradients(params, step));
        return NDArrays.concat(new NDList(loss.reshape(1), norms)).toFloatArray();
    }

    private interface Body {
        void run(NDManager step);
    }

    /** Median over 5 blocks of the mean microseconds per repetition (in a fresh sub-manager each). */
    private static double time(int reps, NDManager manager, Body body) {
        double[] blocks = new double[5];
        for (int w = 0; w < 20; w++) {
            try (NDManager step = manager.newSubManager()) {
                body.run(step);
            }
        }
        for (int b = 0; b < blocks.length; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                try (NDManager step = manager.newSubManager()) {
                    body.run(step);
                }
            }
            blocks[b] = (System.nanoTime() - t0) / 1e3 / reps;
        }
        Arrays.sort(blocks);
        return blocks[blocks.length / 2];
    }
}
