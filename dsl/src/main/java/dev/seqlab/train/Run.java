package dev.seqlab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.SequenceData;
import dev.seqlab.data.Task;
import dev.seqlab.model.Network;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A finished training run: the best model (restored), its history, its test metrics and a
 * record of everything needed to reproduce it.
 *
 * <p>A run owns the native memory of its weights. It is freed by {@link #close()}, or when the
 * run becomes unreachable (notebooks re-run cells and drop old runs without closing them).
 */
public final class Run implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();
    private static volatile Run last;

    private final Experiment experiment;
    private final SequenceData data;
    private final Network network;
    private final NDManager manager;
    private final ParameterStore store;
    private final Table history;
    private final int bestEpoch;
    private final String stopReason;
    private final double trainSeconds;
    private final int threads;
    private final Map<String, Double> testMetrics;
    private final ClassReport testReport;
    private final RunRecord record;
    private final Cleaner.Cleanable cleanable;

    private Run(Experiment experiment, SequenceData data, Network network, NDManager manager, ParameterStore store, Table history, int bestEpoch,
            String stopReason, double trainSeconds, int threads, Map<String, Double> testMetrics, ClassReport testReport,
            RunRecord record) {
        this.experiment = experiment;
        this.data = data;
        this.network = network;
        this.manager = manager;
        this.store = store;
        this.history = history;
        this.bestEpoch = bestEpoch;
        this.stopReason = stopReason;
        this.trainSeconds = trainSeconds;
        this.threads = threads;
        this.testMetrics = testMetrics;
        this.testReport = testReport;
        this.record = record;
        this.cleanable = CLEANER.register(this, manager::close);
    }

    static Run finish(Experiment exp, Network net, NDManager manager, ParameterStore ps, Table history, int bestEpoch, String stop,
            double trainSeconds, int threads) {
        SequenceData data = exp.data();
        SeqSplit test = data.test();
        Map<String, Double> metrics = new LinkedHashMap<>();
        ClassReport report = null;
        if (test.size() > 0) {
            Inference.Pass pass = Inference.run(net, ps, manager, test, data.spec().task() != Task.NEXT_TOKEN);
            switch (data.spec().task()) {
                case REGRESSION:
                    metrics.putAll(Metrics.regression(data.unscale(test, test.values()), data.unscale(test, pass.outputs())));
                    break;
                case CLASSIFICATION:
                    report = Metrics.classification(test.classes(), Inference.argmax(pass.outputs()), data.spec().labels());
                    metrics.put("accuracy", report.accuracy());
                    metrics.put("precision", report.macroPrecision());
                    metrics.put("recall", report.macroRecall());
                    metrics.put("f1", report.macroF1());
                    metrics.put("cross_entropy", pass.loss());
                    break;
                default:
                    metrics.put("cross_entropy", pass.loss());
                    metrics.put("perplexity", Metrics.perplexity(pass.loss()));
            }
        }
        RunRecord record = RunRecord.of(exp, net, threads, history, metrics, trainSeconds, stop, bestEpoch);
        return new Run(exp, data, net, manager, ps, history, bestEpoch, stop, trainSeconds, threads, Collections.unmodifiableMap(metrics),
                report, record);
    }

    static Run loaded(RunRecord record, SequenceData data, Network net, NDManager manager, Table history, int bestEpoch, String stop,
            double trainSeconds, int threads, Map<String, Double> testMetrics) {
        ClassReport report = null;
        if (data != null && data.spec().task() == Task.CLASSIFICATION && data.test().size() > 0) {
            ParameterStore ps = new ParameterStore(manager, false);
            report = Metrics.classification(data.test().classes(),
                    Inference.argmax(Inference.run(net, ps, manager, data.test(), true).outputs()), data.spec().labels());
        }
        return new Run(null, data, net, manager, new ParameterStore(manager, false), history, bestEpoch, stop, trainSeconds, threads,
                Collections.unmodifiableMap(new LinkedHashMap<>(testMetrics)), report, record);
    }

    /**
     * Saves the weights, history and record to a folder (replacing an earlier save there). The
     * folder is assembled beside the target and renamed into place: a crash never leaves a
     * half-written checkpoint.
     *
     * @param dir the folder
     * @return the folder written
     */
    public java.nio.file.Path save(String dir) {
        return save(java.nio.file.Path.of(dir));
    }

    /**
     * Saves the weights, history and record to a folder.
     *
     * @param dir the folder
     * @return the folder written
     */
    public java.nio.file.Path save(java.nio.file.Path dir) {
        checkOpen();
        return Checkpoint.save(this, dir);
    }

    /**
     * Loads a saved run without its data: it can predict raw outputs and show its record.
     *
     * @param dir the folder written by {@link #save}
     * @return the run
     */
    public static Run load(String dir) {
        return Checkpoint.load(java.nio.file.Path.of(dir), null);
    }

    /**
     * Loads a saved run together with the data it was trained on (checked by sha256 and shape),
     * so that it predicts in the data's units exactly as before it was saved.
     *
     * @param dir the folder written by {@link #save}
     * @param data the same data set, prepared the same way
     * @return the run
     */
    public static Run load(String dir, SequenceData data) {
        return Checkpoint.load(java.nio.file.Path.of(dir), data);
    }

    /**
     * Writes the weights to a NumPy {@code .npz} file under PyTorch's {@code state_dict} names
     * ({@code weight_ih_l0}, ... ; the table is in docs/weights.md and {@link Weights#table}).
     *
     * @param file the file, for example "weights.npz"
     * @return the file written
     */
    public java.nio.file.Path exportWeights(String file) {
        checkOpen();
        return Weights.export(network, manager, java.nio.file.Path.of(file));
    }

    /**
     * Builds the experiment's stack for its data and loads its weights from a {@code .npz} file,
     * for example a PyTorch {@code state_dict} saved with {@code numpy.savez} under the names of
     * docs/weights.md, without training. The run has no history; its test metrics are computed
     * with the loaded weights.
     *
     * @param experiment the stack and data (its optimiser settings are not used)
     * @param file the {@code .npz} file
     * @return the run
     */
    public static Run importWeights(Experiment experiment, String file) {
        SeqLabException.check(experiment != null, "Pass the Experiment whose stack and data the weights belong to.");
        SequenceData data = experiment.data();
        Network net = experiment.stack().build(data.spec());
        NDManager manager = dev.seqlab.runtime.Torch.engine().newBaseManager();
        try {
            net.initialize(manager);
            Weights.load(net, manager, java.nio.file.Path.of(file));
            Table history = new History(net.depth(), false, EpochMetric.name(data.spec().task()).substring("val_".length())).table();
            return finish(experiment, net, manager, new ParameterStore(manager, false), history, 0, "weights imported from " + file, 0,
                    dev.seqlab.runtime.Torch.threads());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    static void setLast(Run run) {
        last = run;
    }

    /**
     * Returns the most recent run trained in this JVM, including one stopped by an interrupt.
     *
     * @return the last run
     * @throws SeqLabException if nothing was trained yet
     */
    public static Run last() {
        Run r = last;
        SeqLabException.check(r != null, "No run has been trained yet; call train() on an Experiment first.");
        return r;
    }

    /**
     * Returns the experiment that produced this run.
     *
     * @return the experiment
     * @throws SeqLabException for a run loaded from disk (its configuration is in {@link #record()})
     */
    public Experiment experiment() {
        SeqLabException.check(experiment != null, "This run was loaded from disk, so it has no Experiment object; its configuration is in record().");
        return experiment;
    }

    /** @return the run's display name */
    public String name() {
        return record.name();
    }

    /** @return the seed the run was trained with */
    public long seed() {
        return record.seed();
    }

    /**
     * Returns the data set the run was trained on.
     *
     * @return the data set
     * @throws SeqLabException for a run loaded without its data
     */
    public SequenceData data() {
        SeqLabException.check(data != null, "This run was loaded without its data; use Run.load(dir, data) to predict in the data's units.");
        return data;
    }

    /** @return the built model with the best weights */
    public Network network() {
        return network;
    }

    /** @return the plain DJL block of the model, for use outside SeqLab */
    public Block block() {
        return network.block();
    }

    /** @return one row per epoch: losses, validation metric, learning rate, gradient norms, seconds */
    public Table history() {
        return history.copy();
    }

    /** @return the epoch whose weights were restored (best validation loss) */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return why training ended: completed, early stop or interrupt */
    public String stopReason() {
        return stopReason;
    }

    /** @return wall-clock seconds of training (without the final test evaluation) */
    public double trainSeconds() {
        return trainSeconds;
    }

    /** @return the intra-op thread count used */
    public int threads() {
        return threads;
    }

    /** @return metrics on the test part, in data units: rmse/mae/... or accuracy/f1/... or perplexity */
    public Map<String, Double> testMetrics() {
        return testMetrics;
    }

    /**
     * Returns one test metric.
     *
     * @param name for example "rmse", "accuracy" or "perplexity"
     * @return its value
     */
    public double metric(String name) {
        Double v = testMetrics.get(name);
        SeqLabException.check(v != null, "This run has no test metric '%s'; it has: %s.", name, String.join(", ", testMetrics.keySet()));
        return v;
    }

    /** @return precision, recall, F1 and confusion matrix on the test part (classification only) */
    public ClassReport report() {
        SeqLabException.check(testReport != null, "Only a classification run with a test part has a class report; this run is %s.",
                network.spec().task().name().toLowerCase(Locale.ROOT));
        return testReport;
    }

    /** @return the reproducibility record: configuration, seed, threads, data hash, versions, timings */
    public RunRecord record() {
        return record;
    }

    /**
     * Predicts a data part: forecasts in the data's own units, or class probabilities.
     *
     * @param part a part of this run's data set (or one built the same way)
     * @return one row per sample
     */
    public float[][] predict(SeqSplit part) {
        checkPart(part);
        Task task = network.spec().task();
        SeqLabException.check(task != Task.NEXT_TOKEN, "A language model predicts text, not rows; use generate(prompt, length, temperature).");
        float[][] raw = predictRaw(part);
        return task == Task.REGRESSION ? data().unscale(part, raw) : Inference.softmax(raw);
    }

    /**
     * Returns the true targets of a part in the data's own units (regression), for comparison
     * with {@link #predict(SeqSplit)}.
     *
     * @param part a part of this run's data set
     * @return one row per sample
     */
    public float[][] truth(SeqSplit part) {
        checkPart(part);
        SeqLabException.check(network.spec().task() == Task.REGRESSION, "Only regression runs have values to compare; use report() for classes.");
        return data().unscale(part, part.values());
    }

    /**
     * Predicts the class of every sample.
     *
     * @param part a part of a classification data set
     * @return the most probable class per sample
     */
    public int[] predictClasses(SeqSplit part) {
        SeqLabException.check(network.spec().task() == Task.CLASSIFICATION, "Only classification runs predict classes; this run is %s.",
                network.spec().task().name().toLowerCase(Locale.ROOT));
        checkPart(part);
        return Inference.argmax(predictRaw(part));
    }

    /**
     * Returns the raw model outputs (scaled values or logits), exactly as the network computes
     * them: the quantity that must be identical after {@link #save} and {@link #load}.
     *
     * @param part the data part
     * @return one row per sample
     */
    public float[][] predictRaw(SeqSplit part) {
        checkPart(part);
        checkOpen();
        return Inference.run(network, store, manager, part, true, false).outputs();
    }

    /**
     * Returns the attention weights of one sample over its real time steps (padding dropped).
     *
     * @param part the data part
     * @param sample the sample index in the part
     * @return weights summing to 1
     */
    public float[] attention(SeqSplit part, int sample) {
        checkPart(part);
        SeqLabException.check(network.hasAttention(), "This model has no attention; declare it with .attention() to see attention weights.");
        SeqLabException.check(sample >= 0 && sample < part.size(), "Sample %d is out of range; this part has samples 0 to %d.", sample,
                part.size() - 1);
        checkOpen();
        SeqSplit one = part.head(sample + 1);
        Inference.Pass pass = Inference.run(network, store, manager, one, true, false);
        return Arrays.copyOf(pass.attention()[sample], part.lengths()[sample]);
    }

    /**
     * Generates text from a language model: starts from the prompt and samples one token at a
     * time from the softmax of the last step's logits divided by the temperature. Sampling is
     * seeded with the run's seed, so the same call gives the same text.
     *
     * @param prompt the start of the text (its unknown characters or words become &lt;unk&gt;)
     * @param length how many tokens to add
     * @param temperature below 1 is more conservative, above 1 more adventurous; must be above 0
     * @return the prompt followed by the generated text
     */
    public String generate(String prompt, int length, double temperature) {
        return generate(prompt, length, temperature, seed());
    }

    /**
     * Generates text as {@link #generate(String, int, double)} with a sampling seed of your
     * choice: the same seed gives the same text, so samples at several temperatures are
     * independent draws when each gets its own seed and comparable draws when they share one.
     *
     * @param prompt the start of the text
     * @param length how many tokens to add
     * @param temperature above 0
     * @param seed the seed of the sampling random numbers (not of the model, which is trained)
     * @return the prompt followed by the generated text
     */
    public String generate(String prompt, int length, double temperature, long seed) {
        checkOpen();
        return TextGeneration.generate(this, prompt, length, temperature, seed);
    }

    NDManager manager() {
        return manager;
    }

    ParameterStore store() {
        return store;
    }

    /**
     * Refuses a part the network cannot take as it was trained: null, token ids for a numeric
     * model or the reverse, another feature count, window or vocabulary. Without it the engine
     * either fails deep inside (an EngineException) or, for another window, silently answers.
     */
    private void checkPart(SeqSplit part) {
        SeqLabException.check(part != null, "The data part is null; give a part of the run's data, such as data.test().");
        if (part.size() == 0) {
            return;
        }
        DataSpec spec = network.spec();
        String like = "predict a part prepared like the run's data (" + (data != null ? data.toString() : record.data()) + ")";
        boolean tokens = part.tokens() != null;
        SeqLabException.check(tokens == spec.tokens(), "This part holds %s, but the run was trained on %s; %s.",
                tokens ? "token ids" : "numbers", spec.tokens() ? "token ids" : "numbers", like);
        if (!tokens) {
            int features = part.numeric()[0][0].length;
            SeqLabException.check(features == spec.features(), "This part has %d features per time step, but the run was trained on %d; %s.",
                    features, spec.features(), like);
        } else {
            int max = 0;
            for (int[] row : part.tokens()) {
                for (int id : row) {
                    max = Math.max(max, id);
                }
            }
            SeqLabException.check(max < spec.vocabSize(), "This part has token id %d, but the run's vocabulary has %d ids; %s.", max,
                    spec.vocabSize(), like);
        }
        SeqLabException.check(part.timeSteps() == spec.timeSteps(), "This part has windows of %d steps, but the run was trained on %d; %s.",
                part.timeSteps(), spec.timeSteps(), like);
    }

    private void checkOpen() {
        SeqLabException.check(manager.isOpen(), "This run was closed; train it again or load it with Run.load(dir).");
    }

    /** Frees the native memory of the weights; the run cannot predict afterwards. */
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("Run[").append(record.name()).append("]\n");
        s.append("  model     ").append(record.model()).append(" (").append(network.parameterCount()).append(" parameters)\n");
        s.append("  data      ").append(record.data()).append('\n');
        s.append("  training  ").append(String.format(Locale.ROOT, "%s, %d epochs run, best epoch %d, %.1f s, seed %d, %d threads",
                stopReason, history.rowCount(), bestEpoch, trainSeconds, record.seed(), threads)).append('\n');
        s.append("  test      ");
        if (testMetrics.isEmpty()) {
            s.append("(no test part)");
        }
        testMetrics.forEach((k, v) -> s.append(k).append('=').append(String.format(Locale.ROOT, "%.4f", v)).append("  "));
        return s.toString().stripTrailing();
    }
}
