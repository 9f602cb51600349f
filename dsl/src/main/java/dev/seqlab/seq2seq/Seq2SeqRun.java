package dev.seqlab.seq2seq;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.PairSplit;
import dev.seqlab.data.PairedTokens;
import dev.seqlab.runtime.AtomicFiles;
import dev.seqlab.runtime.Torch;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A trained encoder-decoder: decodes (greedy or beam search), scores against references, and
 * saves and loads its weights. Holds native memory: {@link #close()} it when done.
 */
public final class Seq2SeqRun implements AutoCloseable {

    static final String PARAMS = "seq2seq.params";
    static final String META = "seq2seq.properties";

    private final String name;
    private final Seq2Seq config;
    private final PairedTokens data;
    private final Seq2SeqModel model;
    private final NDManager manager;
    private final Table history;
    private final int bestEpoch;
    private final String stopReason;
    private final double trainSeconds;
    private final long seed;
    private final int threads;
    private final Search search;

    Seq2SeqRun(String name, Seq2Seq config, PairedTokens data, Seq2SeqModel model, NDManager manager, Table history, int bestEpoch,
            String stopReason, double trainSeconds, long seed, int threads) {
        this.name = name;
        this.config = config;
        this.data = data;
        this.model = model;
        this.manager = manager;
        this.history = history;
        this.bestEpoch = bestEpoch;
        this.stopReason = stopReason;
        this.trainSeconds = trainSeconds;
        this.seed = seed;
        this.threads = threads;
        this.search = new Search(model, manager, data.targetVocabulary());
    }

    private static volatile Seq2SeqRun last;

    static void setLast(Seq2SeqRun run) {
        last = run;
    }

    /**
     * Returns the run most recently finished in this JVM, also when training was interrupted
     * (the cell then fails, but the best weights so far are kept here).
     *
     * @return the last run
     * @throws SeqLabException if no run has finished yet
     */
    public static Seq2SeqRun last() {
        Seq2SeqRun r = last;
        SeqLabException.check(r != null, "No sequence-to-sequence run has finished in this session yet; train one with Seq2SeqExperiment.train().");
        return r;
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Greedy decoding of a whole part.
     *
     * @param part a part of this run's data (or {@link PairedTokens#encode} of new words)
     * @return one result per pair, in order
     */
    public List<Decoded> greedy(PairSplit part) {
        return greedy(part, all(part.size()));
    }

    /**
     * Greedy decoding of some pairs.
     *
     * @param part the part
     * @param idx pair indices
     * @return one result per index
     */
    public List<Decoded> greedy(PairSplit part, int... idx) {
        check(part, idx);
        return search.greedy(part, idx, 256, 0);
    }

    /**
     * Greedy decoding with every source padded to at least {@code minSource} steps: the same
     * results as {@link #greedy(PairSplit, int...)} because padding is masked (a check).
     *
     * @param part the part
     * @param minSource the padded length
     * @param idx pair indices
     * @return one result per index
     */
    public List<Decoded> greedyPadded(PairSplit part, int minSource, int... idx) {
        check(part, idx);
        return search.greedy(part, idx, idx.length, minSource);
    }

    /**
     * Beam search for one pair.
     *
     * @param part the part
     * @param i the pair
     * @param width the beam width (1 = greedy)
     * @param alpha length normalisation: candidates ranked by score / (length + 1)^alpha (0 = none)
     * @return up to {@code width} candidates, best first
     */
    public List<Decoded> beam(PairSplit part, int i, int width, double alpha) {
        check(part, new int[] {i});
        return search.beam(part, i, width, alpha);
    }

    /**
     * The best beam-search candidate of every pair of a part.
     *
     * @param part the part
     * @param width the beam width
     * @param alpha length normalisation
     * @return one result per pair
     */
    public List<Decoded> beamAll(PairSplit part, int width, double alpha) {
        List<Decoded> out = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            out.add(beam(part, i, width, alpha).get(0));
        }
        return out;
    }

    /**
     * A table of beam-search candidates for one pair: rank, output, log-probability score,
     * normalised score and whether it equals the reference.
     *
     * @param part the part
     * @param i the pair
     * @param width the beam width
     * @param alpha length normalisation
     * @return the table
     */
    public Table beamTable(PairSplit part, int i, int width, double alpha) {
        List<Decoded> c = beam(part, i, width, alpha);
        IntColumn rank = IntColumn.create("rank");
        StringColumn out = StringColumn.create("output");
        DoubleColumn score = DoubleColumn.create("log_prob");
        DoubleColumn norm = DoubleColumn.create("normalised");
        StringColumn right = StringColumn.create("correct");
        for (int k = 0; k < c.size(); k++) {
            rank.append(k + 1);
            out.append(String.join(" ", c.get(k).tokens()));
            score.append(c.get(k).score());
            norm.append(c.get(k).normalizedScore());
            right.append(c.get(k).reference().isEmpty() ? "" : c.get(k).correct() ? "yes" : "no");
        }
        return Table.create("Beam " + width + ": " + String.join("", part.sourceTokens(i)) + " (expected "
                + String.join(" ", part.targetTokens(i)) + ")", rank, out, score, norm, right);
    }

    /**
     * Decodes new source strings greedily.
     *
     * @param sources strings tokenised like the training sources
     * @return one result per string
     */
    public List<Decoded> decode(String... sources) {
        return greedy(data.encode(List.of(sources)));
    }

    /**
     * Greedy decoding of a part scored against its references.
     *
     * @param part the part
     * @return the score (PER = errorRate, WER = sequenceErrorRate)
     */
    public Score evaluate(PairSplit part) {
        return Score.of(greedy(part));
    }

    private static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    private void check(PairSplit part, int[] idx) {
        for (int i : idx) {
            SeqLabException.check(i >= 0 && i < part.size(), "Pair %d does not exist; this part has pairs 0 to %d.", i, part.size() - 1);
        }
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves the weights and what is needed to check a later load: the configuration and both
     * vocabularies. Writes two files into the folder, each atomically; nothing else there is touched.
     *
     * @param dir the folder
     * @return the folder
     */
    public Path save(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        Properties p = new Properties();
        p.setProperty("config", config.toString());
        p.setProperty("sourceVocabulary", String.join("\u001f", data.sourceVocabulary().tokens()));
        p.setProperty("targetVocabulary", String.join("\u001f", data.targetVocabulary().tokens()));
        p.setProperty("maxSource", Integer.toString(model.encoder().spec().timeSteps()));
        p.setProperty("name", name);
        p.setProperty("bestEpoch", Integer.toString(bestEpoch));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("threads", Integer.toString(threads));
        AtomicFiles.write(d.resolve(PARAMS), out -> {
            DataOutputStream dos = new DataOutputStream(out);
            model.block().saveParameters(dos);
            dos.flush();
        });
        AtomicFiles.write(d.resolve(META), out -> p.store(out, "SeqLab seq2seq checkpoint"));
        return d;
    }

    /**
     * Loads a run saved by {@link #save(Path)}; it decodes exactly as the saved run did.
     *
     * @param dir the folder
     * @param config the same configuration the run was trained with
     * @param data data with the same vocabularies
     * @return the run
     */
    public static Seq2SeqRun load(Path dir, Seq2Seq config, PairedTokens data) {
        Path d = dir.toAbsolutePath().normalize();
        SeqLabException.check(Files.isRegularFile(d.resolve(META)) && Files.isRegularFile(d.resolve(PARAMS)),
                "%s is not a saved seq2seq run (no %s and %s); give the folder that run.save(dir) wrote.", d, META, PARAMS);
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(d.resolve(META), StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new SeqLabException("Could not read " + d.resolve(META) + "; the checkpoint is damaged, save the run again.", e);
        }
        SeqLabException.check(config.toString().equals(p.getProperty("config")),
                "The configuration given to load differs from the saved one (%s); pass the configuration the run was trained with.",
                p.getProperty("config"));
        SeqLabException.check(String.join("\u001f", data.sourceVocabulary().tokens()).equals(p.getProperty("sourceVocabulary"))
                && String.join("\u001f", data.targetVocabulary().tokens()).equals(p.getProperty("targetVocabulary")),
                "The vocabularies of this data do not match the saved run's; load the data with the same file, limit, split and seed as for training.");
        Seq2SeqModel model = new Seq2SeqModel(config, data.sourceVocabulary().size(), data.targetVocabulary().size(),
                Integer.parseInt(p.getProperty("maxSource")));
        NDManager manager = Torch.engine().newBaseManager();
        try {
            model.initialize(manager);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(d.resolve(PARAMS)))) {
                model.block().loadParameters(manager, new DataInputStream(in));
            }
            // A trained run's weights carry gradients, which steers libtorch to the same kernels
            // (its oneDNN LSTM is used only without them); loaded weights get them too, so a
            // reloaded run decodes bit for bit like the one that was saved.
            for (ai.djl.nn.Parameter w : model.block().getParameters().values()) {
                w.getArray().setRequiresGradient(true);
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            if (e instanceof SeqLabException) {
                throw (SeqLabException) e;
            }
            throw new SeqLabException("Could not load the weights in " + d + "; the checkpoint is damaged or from another model, save the run again.", e);
        }
        Table history = Table.create("history " + p.getProperty("name"));
        return new Seq2SeqRun(p.getProperty("name"), config, data, model, manager, history, Integer.parseInt(p.getProperty("bestEpoch")),
                "loaded from " + d, 0, Long.parseLong(p.getProperty("seed")), Integer.parseInt(p.getProperty("threads")));
    }

    // ---------------------------------------------------------------- facts

    /** @return the per-epoch history (epoch, losses, validation token accuracy, teacher forcing, rate, seconds), a copy */
    public Table history() {
        return history.copy();
    }

    /** @return the model (for parameter access and counts) */
    public Seq2SeqModel model() {
        return model;
    }

    /** @return the data the run was trained on */
    public PairedTokens data() {
        return data;
    }

    /** @return the run's name */
    public String name() {
        return name;
    }

    /** @return the epoch whose weights were kept */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return why training ended */
    public String stopReason() {
        return stopReason;
    }

    /** @return the training time in seconds */
    public double trainSeconds() {
        return trainSeconds;
    }

    /** @return the number of trainable values */
    public long parameterCount() {
        return model.parameterCount();
    }

    /**
     * Teacher-forced loss and token accuracy on a part (dropout off).
     *
     * @param part the part
     * @return {loss, token accuracy}
     */
    public double[] teacherForcedLoss(PairSplit part) {
        return Seq2SeqTraining.evaluate(model, new ParameterStore(manager, false), manager, part, 128);
    }

    /** Frees the native memory. */
    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Seq2SeqRun[%s: %s, %d parameters, best epoch %d, %s, %.1f s]", name, config,
                parameterCount(), bestEpoch, stopReason, trainSeconds);
    }
}
