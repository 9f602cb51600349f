package dev.seqlab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.SequenceData;
import dev.seqlab.model.Network;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.List;

/**
 * One training run of an {@link Experiment}: a hand-written loop over DJL's gradient collector
 * and optimizer rather than DJL's {@code Trainer}, because it needs what the Trainer lacks
 * (clipping by global norm and by value in both signs, best-weight restore, reduce-on-plateau,
 * per-layer gradient norms) and must not leak: every step's arrays live in a sub-manager that
 * is closed at the end of the step, including the gradient handles DJL hands out.
 */
final class TrainingLoop {

    private final Experiment exp;
    private final List<TrainingListener> listeners = new ArrayList<>();

    TrainingLoop(Experiment exp) {
        this.exp = exp;
        listeners.addAll(exp.listeners());
        listeners.add(new LossExplosionWarning(() -> System.err));
        if (!Quietly.active()) {
            listeners.addAll(TrainingListener.globals());
        }
    }

    Run run() {
        Engine engine = Torch.engine();
        // No count named: the session's. (GRU and RNN stacks once trained on one thread because
        // a sleeping OpenMP thread was woken too slowly for their small kernels; libgomp's brief
        // spin, dev.seqlab.runtime.NativeEnv, made two threads the faster choice for every
        // benchmark configuration: bench/ANALYSIS.md, "Threads wake up".)
        if (exp.threads() <= 0) {
            return run(engine);
        }
        // A named count is this run's: the session's is back in place for what the user does next.
        int session = Torch.threads();
        Torch.threads(exp.threads());
        try {
            return run(engine);
        } finally {
            Torch.threads(session);
        }
    }

    private Run run(Engine engine) {
        int threads = Torch.threads();
        SequenceData data = exp.data();
        DataSpec spec = data.spec();
        SeqSplit train = data.train();
        SeqSplit val = data.validation();
        SeqLabException.check(train.size() > 0, "The training part of %s is empty; use a larger training fraction or a shorter window.",
                data.source());
        Network net = exp.stack().build(spec);
        SeqLabException.check(exp.bptt() == 0 || spec.task() == dev.seqlab.data.Task.NEXT_TOKEN,
                "Truncated BPTT applies to language models (next-token data), not to %s data; remove .bptt(%d).",
                spec.task().name().toLowerCase(java.util.Locale.ROOT), exp.bptt());

        Torch.seed(exp.seed());
        NDManager manager = engine.newBaseManager();
        boolean handedOver = false;
        try {
            net.initialize(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            MutableRate rate = new MutableRate(exp.optim().learningRate());
            Optimizer optimizer = exp.optim().build(rate);

            List<Parameter> params = new ArrayList<>();
            for (Pair<String, Parameter> p : net.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    params.add(p.getValue());
                }
            }
            GradientNorms gradientNorms = GradientNorms.of(net, params, manager);
            History history = new History(net.depth(), exp.clipNorm() > 0, History.metricOf(EpochMetric.name(spec.task())));
            Best best = new Best(params);

            int[][] firstBatches = train.batches(exp.batch(), true, exp.seed());
            int stepsPerEpoch = firstBatches.length;
            // Gradient norms feed the history's per-epoch means (the gradient-flow chart). Without
            // clipping, which needs the global norm every step, they are taken on every k-th step
            // only, at least NORM_SAMPLES times an epoch: they cost P + 7 native calls, 0.3 ms or
            // 4% of a step of bench configuration (c) (bench/ANALYSIS.md).
            int normEvery = exp.clipNorm() > 0 ? 1 : Math.max(1, stepsPerEpoch / NORM_SAMPLES);
            long startNanos = System.nanoTime();
            long globalStep = 0;
            double plateauScale = 1;
            int sinceBest = 0;
            int sinceCut = 0;
            String stop = "completed " + exp.epochs() + " epochs";
            boolean interrupted = false;
            List<Double> trainLosses = new ArrayList<>();
            List<Double> valLosses = new ArrayList<>();
            double lr = exp.optim().learningRate();
            emitStart(new Progress(exp.name(), 1, exp.epochs(), 0, stepsPerEpoch, Double.NaN, Double.NaN, lr, 0, List.of(), List.of()));

            epochs:
            for (int epoch = 0; epoch < exp.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                int[][] batches = epoch == 0 ? firstBatches : train.batches(exp.batch(), true, exp.seed() * 1_000_003L + epoch);
                double lossSum = 0;
                int seen = 0;
                double[] normSum = new double[net.depth() + 1];
                int normSteps = 0;
                // Predictions of the training batches, as the weights were at each step (like
                // Keras' running training metric): no extra pass over the training data.
                float[][] trainOut = spec.task() == dev.seqlab.data.Task.NEXT_TOKEN ? null : new float[train.size()][];
                int statCount = net.depth() + 2 + (exp.clipNorm() > 0 ? 1 : 0);
                double clippedMax = 0;
                for (int s = 0; s < batches.length; s++) {
                    if (Thread.currentThread().isInterrupted()) {
                        interrupted = true;
                        stop = String.format(java.util.Locale.ROOT, "interrupted in epoch %d at step %d", epoch + 1, s + 1);
                        break epochs;
                    }
                    lr = exp.optim().learningRate() * exp.schedule().decayAt(epoch, exp.epochs())
                            * exp.schedule().warmupAt(globalStep) * plateauScale;
                    rate.set(lr);
                    boolean withNorms = s % normEvery == 0;
                    float[] stats = step(engine, net, ps, optimizer, params, withNorms ? gradientNorms : null, manager, train, batches[s]);
                    keepPredictions(stats, withNorms ? statCount : 1, batches[s], trainOut);
                    lossSum += stats[0] * batches[s].length;
                    seen += batches[s].length;
                    if (withNorms) {
                        for (int k = 0; k < normSum.length; k++) {
                            normSum[k] += stats[1 + k];
                        }
                        normSteps++;
                    }
                    if (exp.clipNorm() > 0) {
                        clippedMax = Math.max(clippedMax, stats[net.depth() + 2]); // after loss, global and per-stage norms
                    }
                    globalStep++;
                    emitStep(new Progress(exp.name(), epoch + 1, exp.epochs(), s + 1, stepsPerEpoch, lossSum / seen,
                            valLosses.isEmpty() ? Double.NaN : valLosses.get(valLosses.size() - 1), lr,
                            seconds(startNanos), trainLosses, valLosses));
                }
                double trainLoss = lossSum / seen;
                // Next-token outputs (N x T x V) are large and the epoch metric needs only the loss.
                Inference.Pass vp = Inference.run(net, ps, manager, val, spec.task() != dev.seqlab.data.Task.NEXT_TOKEN);
                double valMetric = EpochMetric.of(data, val, vp);
                double trainMetric = EpochMetric.of(data, train, new Inference.Pass(trainLossSoFar(lossSum, seen), trainOut, null));
                double monitored = val.size() > 0 ? vp.loss() : trainLoss;
                SeqLabException.check(Double.isFinite(trainLoss),
                        "Training diverged (loss is %s in epoch %d); lower the learning rate or clip gradients with clipNorm(1.0).",
                        trainLoss, epoch + 1);
                trainLosses.add(trainLoss);
                valLosses.add(vp.loss());
                for (int k = 0; k < normSum.length; k++) {
                    normSum[k] /= Math.max(1, normSteps);
                }
                history.add(epoch + 1, trainLoss, vp.loss(), trainMetric, valMetric, lr, normSum, clippedMax, seconds(epochStart));
                if (best.offer(monitored, epoch + 1)) {
                    sinceBest = 0;
                    sinceCut = 0;
                } else {
                    sinceBest++;
                    sinceCut++;
                }
                emitEpoch(new Progress(exp.name(), epoch + 1, exp.epochs(), stepsPerEpoch, stepsPerEpoch, trainLoss, vp.loss(), lr,
                        seconds(startNanos), List.copyOf(trainLosses), List.copyOf(valLosses)));
                if (exp.schedule().plateauPatience() > 0 && sinceCut >= exp.schedule().plateauPatience()) {
                    plateauScale *= exp.schedule().plateauFactor();
                    sinceCut = 0;
                }
                if (exp.earlyStop() > 0 && sinceBest >= exp.earlyStop()) {
                    stop = String.format(java.util.Locale.ROOT, "early stop after epoch %d (no improvement for %d epochs)", epoch + 1,
                            exp.earlyStop());
                    break;
                }
            }
            double trainSeconds = seconds(startNanos);
            best.restore();
            Run run = Run.finish(exp, net, manager, ps, history.table(), best.epoch(), stop, trainSeconds, threads);
            handedOver = true;
            Run.setLast(run);
            Progress end = new Progress(exp.name(), Math.max(1, history.size()), exp.epochs(), stepsPerEpoch, stepsPerEpoch,
                    trainLosses.isEmpty() ? Double.NaN : trainLosses.get(trainLosses.size() - 1),
                    valLosses.isEmpty() ? Double.NaN : valLosses.get(valLosses.size() - 1), lr, trainSeconds,
                    List.copyOf(trainLosses), List.copyOf(valLosses));
            emitEnd(end, run);
            if (interrupted) {
                Thread.interrupted(); // the interrupt is reported as this exception; clear the flag for the next cell
                throw new TrainingInterruptedException("Training was " + stop + "; the best model so far (epoch " + best.epoch()
                        + ") is in Run.last().", run);
            }
            return run;
        } catch (RuntimeException e) {
            if (!handedOver) {
                emitEnd(new Progress(exp.name(), 1, exp.epochs(), 0, 1, Double.NaN, Double.NaN, 0, 0, List.of(), List.of()), null);
            }
            throw e;
        } finally {
            if (!handedOver) {
                manager.close();
            }
        }
    }

    /** Gradient-norm samples an epoch at least takes when clipping is off (every step when fewer). */
    static final int NORM_SAMPLES = 16;

    /**
     * One optimizer step. Returns [loss, global grad norm, norm of stage 1..L, (norm after clipping)],
     * or [loss] alone when {@code gradientNorms} is null (no norms this step), then the batch's
     * predictions, read back in one transfer so that a step synchronises with the engine once.
     */
    private float[] step(Engine engine, Network net, ParameterStore ps, Optimizer optimizer, List<Parameter> params, GradientNorms gradientNorms,
            NDManager manager, SeqSplit train, int[] idx) {
        try (NDManager step = manager.newSubManager()) {
            NDList in = train.inputs(step, idx);
            NDArray labels = train.labels(step, idx);
            NDArray loss;
            NDArray pred = null;
            int t = train.timeSteps();
            if (exp.bptt() > 0 && t > exp.bptt()) {
                loss = truncatedBackward(engine, net, ps, in, labels, t);
            } else {
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDList out = net.forward(ps, in, true);
                    loss = Losses.of(net.spec().task(), out.get(0), labels, in.get(1));
                    gc.backward(loss);
                    if (net.spec().task() != dev.seqlab.data.Task.NEXT_TOKEN) {
                        pred = out.get(0).stopGradient().reshape(-1);
                    }
                }
            }
            int p = params.size();
            NDArray[] grads = GradientNorms.gradients(params, step);
            NDArray norms = null;
            NDArray global = null;
            if (gradientNorms != null) {
                norms = gradientNorms.norms(grads);
                global = norms.get("0:1"); // shape (1): a 0-d array would turn 1e-6 below into float64
            }
            NDArray scale = null;
            if (exp.clipNorm() > 0) {
                scale = global.add(1e-6).pow(-1).mul(exp.clipNorm()).minimum(1f);
            }
            for (int i = 0; i < p; i++) {
                NDArray g = grads[i];
                if (scale != null) {
                    g = g.mul(scale);
                }
                if (exp.clipValue() > 0) {
                    g = g.clip(-exp.clipValue(), exp.clipValue());
                }
                optimizer.update(params.get(i).getId(), params.get(i).getArray(), g);
            }
            NDList keep = new NDList(loss.reshape(1));
            if (norms != null) {
                keep.add(norms);
            }
            if (scale != null) {
                keep.add(global.mul(scale)); // every gradient was scaled alike: the norm after clipping
            }
            if (pred != null) {
                keep.add(pred); // read back with the statistics: still one transfer per step
            }
            return NDArrays.concat(keep).toFloatArray();
        }
    }

    /**
     * Backward pass of truncated BPTT: chunk by chunk, carrying the recurrent state forward but
     * detaching it, so that no gradient crosses a chunk boundary. PyTorch adds the chunks'
     * gradients up until the optimizer's update zeroes them. Each chunk's loss is weighted by its
     * share of the sequence, so the returned loss is the whole sequence's mean.
     */
    private NDArray truncatedBackward(Engine engine, Network net, ParameterStore ps, NDList in, NDArray labels, int t) {
        NDList state = new NDList();
        NDArray total = null;
        for (int from = 0; from < t; from += exp.bptt()) {
            int to = Math.min(t, from + exp.bptt());
            String cols = ":, " + from + ":" + to;
            NDArray mask = in.get(1).get(cols);
            NDArray chunkLoss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                Network.Chunk out = net.forwardWithState(ps, new NDList(in.get(0).get(cols), mask), state, true);
                chunkLoss = Losses.of(net.spec().task(), out.outputs().get(0), labels.get(cols), mask).mul((float) (to - from) / t);
                gc.backward(chunkLoss);
                NDList next = new NDList();
                for (NDArray s : out.state()) {
                    next.add(s.stopGradient());
                }
                state = next;
            }
            NDArray l = chunkLoss.stopGradient();
            total = total == null ? l : total.add(l);
        }
        return total;
    }

    private static double trainLossSoFar(double lossSum, int seen) {
        return seen == 0 ? Double.NaN : lossSum / seen;
    }

    /** Copies the batch's predictions (after the statistics in {@code stats}) to their samples' rows. */
    private static void keepPredictions(float[] stats, int statCount, int[] idx, float[][] into) {
        if (into == null) {
            return;
        }
        int width = (stats.length - statCount) / idx.length;
        for (int i = 0; i < idx.length; i++) {
            into[idx[i]] = java.util.Arrays.copyOfRange(stats, statCount + i * width, statCount + (i + 1) * width);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void emitStart(Progress p) {
        for (TrainingListener l : listeners) {
            l.onStart(p);
        }
    }

    private void emitStep(Progress p) {
        for (TrainingListener l : listeners) {
            l.onStep(p);
        }
    }

    private void emitEpoch(Progress p) {
        for (TrainingListener l : listeners) {
            l.onEpoch(p);
        }
    }

    private void emitEnd(Progress p, Run run) {
        for (TrainingListener l : listeners) {
            l.onEnd(p, run);
        }
    }

    /** The best weights seen so far, kept on the Java heap (models here are small). */
    private static final class Best {
        private final List<Parameter> params;
        private float[][] weights;
        private double loss = Double.POSITIVE_INFINITY;
        private int epoch;

        Best(List<Parameter> params) {
            this.params = params;
        }

        boolean offer(double monitored, int ep) {
            if (!(monitored < loss) && weights != null) {
                return false;
            }
            if (Double.isFinite(monitored) || weights == null) {
                loss = monitored;
                epoch = ep;
                weights = new float[params.size()][];
                for (int i = 0; i < params.size(); i++) {
                    weights[i] = params.get(i).getArray().toFloatArray();
                }
                return true;
            }
            return false;
        }

        void restore() {
            if (weights == null) {
                return;
            }
            for (int i = 0; i < params.size(); i++) {
                Torch.assign(params.get(i).getArray(), weights[i]);
            }
        }

        int epoch() {
            return epoch;
        }
    }
}
