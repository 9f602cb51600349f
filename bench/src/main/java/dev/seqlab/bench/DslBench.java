package dev.seqlab.bench;

import dev.seqlab.model.LayerKind;
import dev.seqlab.model.Stack;
import dev.seqlab.runtime.Torch;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Progress;
import dev.seqlab.train.Run;
import dev.seqlab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The model as a SeqLab user trains it: {@code Stack} + {@code Experiment.train()} on
 * {@link SyntheticData}. A step's time is the interval between consecutive {@code onStep}
 * events (the first one measured from {@code onStart}), so it holds everything the DSL does per
 * step: batch copy, forward, backward, gradient norms, optimizer updates and the one read-back.
 */
final class DslBench {

    private DslBench() {}

    static Stack stack(Shape3 c) {
        // The layer kind is looked up by name ("lstm", "gru", "rnn"), not switched on.
        return Stack.of(LayerKind.named(c.cell()), c.hidden()).layers(c.layers()).regression();
    }

    /**
     * Trains one epoch of {@code warmup + steps} steps and returns the times of the last steps.
     *
     * @param c the configuration
     * @param steps timed steps
     * @param warmup untimed first steps
     * @param threads libtorch intra-op threads
     * @param seed data and model seed
     * @return wall time per step and mean process CPU time per step, in milliseconds, and the threads the run
     *     chose: {@code [wall[], {cpu}, {threads}]}
     */
    static double[][] train(Shape3 c, int steps, int warmup, int threads, long seed) {
        int n = steps + warmup;
        SyntheticData data = new SyntheticData(n * c.batch(), c.time(), c.features(), seed);
        List<Long> stamps = new ArrayList<>(n + 1);
        List<Long> cpu = new ArrayList<>(n + 1);
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onStart(Progress p) {
                stamps.add(System.nanoTime());
                cpu.add(CpuClock.nanos());
            }

            @Override
            public void onStep(Progress p) {
                stamps.add(System.nanoTime());
                cpu.add(CpuClock.nanos());
            }
        };
        // The session's count; the experiment names none, as a user's need not, and the answer
        // says the count the run recorded.
        Torch.threads(threads);
        try (Run run = Experiment.of(stack(c), data).adam(1e-3).epochs(1).batch(c.batch()).seed(seed)
                .listener(timer).name("bench").train()) {
            double[][] out = new double[3][];
            out[2] = new double[] {run.threads()};
            out[0] = new double[steps];
            for (int i = 0; i < steps; i++) {
                out[0][i] = (stamps.get(warmup + i + 1) - stamps.get(warmup + i)) / 1e6;
            }
            out[1] = new double[] {(cpu.get(n) - cpu.get(warmup)) / 1e6 / steps};
            return out;
        }
    }

    /**
     * Trains briefly, then times {@code Run.predictRaw} on one batch (forward only, no gradient).
     *
     * @param c the configuration
     * @param reps timed passes
     * @param warmup untimed passes
     * @param threads intra-op threads
     * @param seed the seed
     * @return wall time per pass and mean process CPU time per pass, in milliseconds: {@code [wall[], {cpu}]}
     */
    static double[][] infer(Shape3 c, int reps, int warmup, int threads, long seed) {
        SyntheticData data = new SyntheticData(c.batch(), c.time(), c.features(), seed);
        try (Run run = Experiment.of(stack(c), data).adam(1e-3).epochs(1).batch(c.batch()).seed(seed).threads(threads)
                .name("bench").train()) {
            double[][] out = new double[2][];
            out[0] = new double[reps];
            long c0 = 0;
            for (int i = 0; i < warmup + reps; i++) {
                if (i == warmup) {
                    c0 = CpuClock.nanos();
                }
                long t0 = System.nanoTime();
                float[][] y = run.predictRaw(data.train());
                long t1 = System.nanoTime();
                if (y.length != c.batch()) {
                    throw new IllegalStateException("expected " + c.batch() + " rows");
                }
                if (i >= warmup) {
                    out[0][i - warmup] = (t1 - t0) / 1e6;
                }
            }
            out[1] = new double[] {(CpuClock.nanos() - c0) / 1e6 / reps};
            return out;
        }
    }
}
