package dev.seqlab.seq2seq;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.PairSplit;
import dev.seqlab.runtime.Torch;
import dev.seqlab.train.Progress;
import dev.seqlab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The training loop of a {@link Seq2SeqExperiment}, built like {@code train.TrainingLoop}: every
 * step's arrays live in a sub-manager closed at the end of the step (gradient handles included),
 * gradients are clipped by global norm, the best weights by validation loss are kept on the heap
 * and restored, and an interrupt stops between steps with the best model so far.
 */
final class Seq2SeqTraining {

    private final Seq2SeqExperiment exp;
    private final List<TrainingListener> listeners = new ArrayList<>();

    Seq2SeqTraining(Seq2SeqExperiment exp) {
        this.exp = exp;
        listeners.addAll(exp.listeners());
        listeners.addAll(TrainingListener.globals());
    }

    /** A tracker the loop sets before every step. */
    private static final class Rate implements Tracker {
        private volatile float value;

        @Override
        public float getNewValue(int numUpdate) {
            return value;
        }
    }

    Seq2SeqRun run() {
        Engine engine = Torch.engine();
        if (exp.threadCount() > 0) {
            Torch.threads(exp.threadCount());
        }
        PairSplit train = exp.data().train();
        PairSplit val = exp.data().validation();
        SeqLabException.check(train.size() > 0, "The training part of %s is empty; use a larger training fraction.", exp.data().source());
        Seq2SeqModel model = exp.model().build(exp.data());
        Torch.seed(exp.seed());
        NDManager manager = engine.newBaseManager();
        boolean handedOver = false;
        try {
            model.initialize(manager);
            ParameterStore ps = new ParameterStore(manager, false);
            Rate rate = new Rate();
            Optimizer optimizer = exp.optim().build(rate);
            List<Parameter> params = new ArrayList<>();
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                if (p.getValue().requiresGradient()) {
                    params.add(p.getValue());
                }
            }
            // The coin flips of teacher forcing come from their own seeded stream, so a run is
            // reproducible bit for bit whatever else draws random numbers.
            Random coins = new Random(exp.seed() * 31 + 7);
            IntColumn epochCol = IntColumn.create("epoch");
            DoubleColumn trainCol = DoubleColumn.create("train_loss");
            DoubleColumn valCol = DoubleColumn.create("val_loss");
            DoubleColumn accCol = DoubleColumn.create("val_token_accuracy");
            DoubleColumn forcingCol = DoubleColumn.create("teacher_forcing");
            DoubleColumn lrCol = DoubleColumn.create("learning_rate");
            DoubleColumn secCol = DoubleColumn.create("seconds");
            float[][] best = null;
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            double plateau = 1;
            long globalStep = 0;
            long start = System.nanoTime();
            int steps = (train.size() + exp.batchSize() - 1) / exp.batchSize();
            List<Double> trainLosses = new ArrayList<>();
            List<Double> valLosses = new ArrayList<>();
            String stop = "completed " + exp.epochs() + " epochs";
            boolean interrupted = false;
            double lr = exp.optim().learningRate();
            emit(l -> l.onStart(new Progress(exp.name(), 1, exp.epochs(), 0, steps, Double.NaN, Double.NaN, exp.optim().learningRate(), 0,
                    List.of(), List.of())));
            epochs:
            for (int epoch = 0; epoch < exp.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double ratio = exp.forcingAt(epoch);
                int[][] batches = train.batches(exp.batchSize(), true, exp.seed() * 1_000_003L + epoch);
                double sum = 0;
                int seen = 0;
                for (int s = 0; s < batches.length; s++) {
                    if (Thread.currentThread().isInterrupted()) {
                        interrupted = true;
                        stop = String.format(Locale.ROOT, "interrupted in epoch %d at step %d", epoch + 1, s + 1);
                        break epochs;
                    }
                    lr = exp.optim().learningRate() * exp.schedule().decayAt(epoch, exp.epochs()) * exp.schedule().warmupAt(globalStep)
                            * plateau;
                    rate.value = (float) lr;
                    float loss = step(engine, model, ps, optimizer, params, manager, train, batches[s], ratio, coins);
                    sum += loss * batches[s].length;
                    seen += batches[s].length;
                    globalStep++;
                    double shownVal = valLosses.isEmpty() ? Double.NaN : valLosses.get(valLosses.size() - 1);
                    Progress p = new Progress(exp.name(), epoch + 1, exp.epochs(), s + 1, steps, sum / seen, shownVal, lr,
                            seconds(start), trainLosses, valLosses);
                    emit(l -> l.onStep(p));
                }
                double trainLoss = sum / seen;
                SeqLabException.check(Double.isFinite(trainLoss),
                        "Training diverged (loss is %s in epoch %d); lower the learning rate or clip gradients with clipNorm(1.0).",
                        trainLoss, epoch + 1);
                double[] v = evaluate(model, ps, manager, val, exp.batchSize());
                trainLosses.add(trainLoss);
                valLosses.add(v[0]);
                epochCol.append(epoch + 1);
                trainCol.append(trainLoss);
                valCol.append(v[0]);
                accCol.append(v[1]);
                forcingCol.append(ratio);
                lrCol.append(lr);
                secCol.append(seconds(epochStart));
                double monitored = val.size() > 0 ? v[0] : trainLoss;
                if (best == null || monitored < bestLoss) {
                    bestLoss = monitored;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    best = new float[params.size()][];
                    for (int i = 0; i < params.size(); i++) {
                        best[i] = params.get(i).getArray().toFloatArray();
                    }
                } else {
                    sinceBest++;
                    if (exp.schedule().plateauPatience() > 0 && sinceBest % exp.schedule().plateauPatience() == 0) {
                        plateau *= exp.schedule().plateauFactor();
                    }
                }
                Progress p = new Progress(exp.name(), epoch + 1, exp.epochs(), steps, steps, trainLoss, v[0], lr, seconds(start),
                        List.copyOf(trainLosses), List.copyOf(valLosses));
                emit(l -> l.onEpoch(p));
                if (exp.earlyStopPatience() > 0 && sinceBest >= exp.earlyStopPatience()) {
                    stop = String.format(Locale.ROOT, "early stop after epoch %d (no improvement for %d epochs)", epoch + 1,
                            exp.earlyStopPatience());
                    break;
                }
            }
            if (best != null) {
                for (int i = 0; i < params.size(); i++) {
                    dev.seqlab.runtime.Torch.assign(params.get(i).getArray(), best[i]); // not NDArray.set(Buffer): libtorch warns for it
                }
            }
            Table history = Table.create("history " + exp.name(), epochCol, trainCol, valCol, accCol, forcingCol, lrCol, secCol);
            Seq2SeqRun run = new Seq2SeqRun(exp.name(), exp.model(), exp.data(), model, manager, history, bestEpoch, stop,
                    seconds(start), exp.seed(), Torch.threads());
            handedOver = true;
            Seq2SeqRun.setLast(run);
            Progress end = new Progress(exp.name(), Math.max(1, history.rowCount()), exp.epochs(), steps, steps,
                    trainLosses.isEmpty() ? Double.NaN : trainLosses.get(trainLosses.size() - 1),
                    valLosses.isEmpty() ? Double.NaN : valLosses.get(valLosses.size() - 1), lr, seconds(start),
                    List.copyOf(trainLosses), List.copyOf(valLosses));
            emit(l -> l.onEnd(end, run));
            if (interrupted) {
                Thread.interrupted(); // reported by the exception; clear the flag for the next cell
                throw new SeqLabException("Training was " + stop + "; the best model so far (epoch " + bestEpoch
                        + ") is in Seq2SeqRun.last().");
            }
            return run;
        } catch (RuntimeException e) {
            if (!handedOver) {
                emit(l -> l.onEnd(new Progress(exp.name(), 1, exp.epochs(), 0, 1, Double.NaN, Double.NaN, 0, 0, List.of(), List.of()), null));
                manager.close();
            }
            throw e;
        }
    }

    private float step(Engine engine, Seq2SeqModel model, ParameterStore ps, Optimizer optimizer, List<Parameter> params,
            NDManager manager, PairSplit train, int[] idx, double ratio, Random coins) {
        try (NDManager step = manager.newSubManager()) {
            NDList batch = train.batch(step, idx, 0);
            NDArray loss;
            try (GradientCollector gc = engine.newGradientCollector()) {
                loss = model.teacherForced(ps, batch, ratio, coins, true).loss();
                gc.backward(loss);
            }
            NDArray[] grads = new NDArray[params.size()];
            NDArray[] sq = new NDArray[params.size()];
            for (int i = 0; i < grads.length; i++) {
                NDArray g = params.get(i).getArray().getGradient();
                g.attach(step); // DJL creates gradient handles in the weight's manager: without this they leak
                grads[i] = g;
                sq[i] = g.square().sum();
            }
            NDArray scale = null;
            if (exp.clipNormValue() > 0) {
                NDArray global = NDArrays.stack(new NDList(sq)).sum().sqrt().reshape(1);
                scale = global.add(1e-6).pow(-1).mul(exp.clipNormValue()).minimum(1f);
            }
            for (int i = 0; i < grads.length; i++) {
                optimizer.update(params.get(i).getId(), params.get(i).getArray(), scale == null ? grads[i] : grads[i].mul(scale));
            }
            return loss.getFloat();
        }
    }

    /**
     * Teacher-forced loss and token accuracy on a part, with dropout off.
     *
     * @return {loss, token accuracy}, NaN for an empty part
     */
    static double[] evaluate(Seq2SeqModel model, ParameterStore ps, NDManager manager, PairSplit part, int batchSize) {
        if (part.size() == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double loss = 0;
        double tokens = 0;
        double right = 0;
        for (int[] idx : part.batches(Math.max(batchSize, 128), false, 0)) {
            try (NDManager m = manager.newSubManager()) {
                NDList batch = part.batch(m, idx, 0);
                Seq2SeqModel.Forced f = model.teacherForced(ps, batch, 1, new Random(0), false);
                float n = batch.get(4).sum().getFloat();
                loss += f.loss().getFloat() * n;
                tokens += n;
                NDArray hit = f.logits().argMax(2).toType(ai.djl.ndarray.types.DataType.INT64, false).eq(batch.get(3))
                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mul(batch.get(4));
                right += hit.sum().getFloat();
            }
        }
        return new double[] {loss / tokens, right / tokens};
    }

    private interface Emit {
        void to(TrainingListener l);
    }

    private void emit(Emit e) {
        for (TrainingListener l : listeners) {
            e.to(l);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
