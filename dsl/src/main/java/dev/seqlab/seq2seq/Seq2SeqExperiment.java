package dev.seqlab.seq2seq;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.PairedTokens;
import dev.seqlab.train.LearningRateSchedule;
import dev.seqlab.train.Optim;
import dev.seqlab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to train a {@link Seq2Seq} on {@link PairedTokens}: the same fluent, immutable feel as
 * {@link dev.seqlab.train.Experiment} (optimizer, schedule, clipping, epochs, batch, early
 * stopping, seed, threads, listeners for live progress) plus teacher forcing.
 *
 * <p>Why not {@code Experiment} itself: its loop trains one {@code Network} on a {@code
 * SequenceData} with one forward call per batch, while an encoder-decoder needs two networks, a
 * step-by-step decoder whose inputs depend on teacher forcing, and paired token data. The
 * parts that fit are reused: {@link Optim}, {@link LearningRateSchedule}, {@link
 * TrainingListener} and its progress records, and the seeding of {@code runtime.Torch}.
 *
 * <pre>{@code
 * Seq2SeqRun run = Seq2SeqExperiment.of(model, g2p).adam(3e-3).epochs(8).batch(64).seed(1).train();
 * }</pre>
 */
public final class Seq2SeqExperiment {

    private final Seq2Seq model;
    private final PairedTokens data;
    private Optim optim = new Optim(Optim.Kind.ADAM, 3e-3, 0, 0);
    private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
    private double clipNorm = 1.0;
    private int epochs = 10;
    private int batch = 64;
    private int earlyStop;
    private long seed = 42;
    private int threads;
    private double forcingStart = 1;
    private double forcingEnd = 1;
    private String name = "seq2seq";
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Seq2SeqExperiment(Seq2Seq model, PairedTokens data) {
        this.model = model;
        this.data = data;
    }

    private Seq2SeqExperiment copy() {
        Seq2SeqExperiment e = new Seq2SeqExperiment(model, data);
        e.optim = optim;
        e.schedule = schedule;
        e.clipNorm = clipNorm;
        e.epochs = epochs;
        e.batch = batch;
        e.earlyStop = earlyStop;
        e.seed = seed;
        e.threads = threads;
        e.forcingStart = forcingStart;
        e.forcingEnd = forcingEnd;
        e.name = name;
        e.listeners.addAll(listeners);
        return e;
    }

    /**
     * Starts an experiment with defaults: Adam 3e-3, clip norm 1, 10 epochs, batch 64, full
     * teacher forcing, seed 42.
     *
     * @param model the architecture
     * @param data the paired data
     * @return the experiment
     */
    public static Seq2SeqExperiment of(Seq2Seq model, PairedTokens data) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        return new Seq2SeqExperiment(model, data);
    }

    /** @param lr learning rate @return a new experiment using Adam */
    public Seq2SeqExperiment adam(double lr) {
        return optimizer(new Optim(Optim.Kind.ADAM, lr, 0, optim.weightDecay()));
    }

    /** @param o the optimizer @return a new experiment */
    public Seq2SeqExperiment optimizer(Optim o) {
        Seq2SeqExperiment e = copy();
        e.optim = Objects.requireNonNull(o, "optimizer");
        return e;
    }

    /** @param s the learning-rate schedule @return a new experiment */
    public Seq2SeqExperiment schedule(LearningRateSchedule s) {
        Seq2SeqExperiment e = copy();
        e.schedule = Objects.requireNonNull(s, "schedule");
        return e;
    }

    /** @return a new experiment with a cosine decay to 1% of the rate */
    public Seq2SeqExperiment cosine() {
        return schedule(new LearningRateSchedule(LearningRateSchedule.Decay.COSINE, 0, 0.01, schedule.warmupSteps(),
                schedule.plateauPatience(), schedule.plateauFactor()));
    }

    /** @param maxNorm global gradient norm limit, 0 for none @return a new experiment */
    public Seq2SeqExperiment clipNorm(double maxNorm) {
        SeqLabException.check(maxNorm >= 0, "Clip norm %s is negative; use 0 (off) or a value such as 1.0.", maxNorm);
        Seq2SeqExperiment e = copy();
        e.clipNorm = maxNorm;
        return e;
    }

    /** @param n epochs, at least 1 @return a new experiment */
    public Seq2SeqExperiment epochs(int n) {
        SeqLabException.check(n >= 1, "Epoch count %d is below 1; use 1 or more.", n);
        Seq2SeqExperiment e = copy();
        e.epochs = n;
        return e;
    }

    /** @param n pairs per batch, at least 1 @return a new experiment */
    public Seq2SeqExperiment batch(int n) {
        SeqLabException.check(n >= 1, "Batch size %d is below 1; use a batch size of 1 or more.", n);
        Seq2SeqExperiment e = copy();
        e.batch = n;
        return e;
    }

    /**
     * Stops when the validation loss has not improved for this many epochs; the best weights are
     * restored either way.
     *
     * @param patience epochs, 0 for off
     * @return a new experiment
     */
    public Seq2SeqExperiment earlyStop(int patience) {
        SeqLabException.check(patience >= 0, "Early-stopping patience %d is negative; use 0 (off) or more epochs.", patience);
        Seq2SeqExperiment e = copy();
        e.earlyStop = patience;
        return e;
    }

    /** @param s the seed of weights, shuffles and teacher-forcing draws @return a new experiment */
    public Seq2SeqExperiment seed(long s) {
        Seq2SeqExperiment e = copy();
        e.seed = s;
        return e;
    }

    /** @param n intra-op threads (0 = leave as is) @return a new experiment */
    public Seq2SeqExperiment threads(int n) {
        SeqLabException.check(n >= 0, "Thread count %d is negative; use 0 (default) or more.", n);
        Seq2SeqExperiment e = copy();
        e.threads = n;
        return e;
    }

    /**
     * Feeds the true previous token with this probability at every decoder step (else the
     * model's own previous prediction).
     *
     * @param ratio in [0, 1]; 1 (the default) is plain teacher forcing
     * @return a new experiment
     */
    public Seq2SeqExperiment teacherForcing(double ratio) {
        return scheduledSampling(ratio, ratio);
    }

    /**
     * Scheduled sampling (Bengio et al. 2015): the teacher forcing ratio moves linearly from
     * {@code from} in the first epoch to {@code to} in the last.
     *
     * @param from the first epoch's ratio in [0, 1]
     * @param to the last epoch's ratio in [0, 1]
     * @return a new experiment
     */
    public Seq2SeqExperiment scheduledSampling(double from, double to) {
        SeqLabException.check(from >= 0 && from <= 1 && to >= 0 && to <= 1,
                "Teacher forcing ratios %s and %s must lie in [0, 1]; use for example scheduledSampling(1.0, 0.5).", from, to);
        Seq2SeqExperiment e = copy();
        e.forcingStart = from;
        e.forcingEnd = to;
        return e;
    }

    /** @param n the run's name in progress and tables @return a new experiment */
    public Seq2SeqExperiment name(String n) {
        Seq2SeqExperiment e = copy();
        e.name = Objects.requireNonNull(n, "name");
        return e;
    }

    /** @param l a listener for progress events @return a new experiment */
    public Seq2SeqExperiment listener(TrainingListener l) {
        Seq2SeqExperiment e = copy();
        e.listeners.add(Objects.requireNonNull(l, "listener"));
        return e;
    }

    /**
     * Trains.
     *
     * @return the finished run (holding native memory: close it when done)
     */
    public Seq2SeqRun train() {
        return new Seq2SeqTraining(this).run();
    }

    /**
     * The teacher forcing ratio of an epoch.
     *
     * @param epoch from 0
     * @return the ratio
     */
    public double forcingAt(int epoch) {
        return epochs <= 1 ? forcingStart : forcingStart + (forcingEnd - forcingStart) * epoch / (epochs - 1.0);
    }

    /** @return the architecture */
    public Seq2Seq model() {
        return model;
    }

    /** @return the data */
    public PairedTokens data() {
        return data;
    }

    Optim optim() {
        return optim;
    }

    LearningRateSchedule schedule() {
        return schedule;
    }

    double clipNormValue() {
        return clipNorm;
    }

    /** @return the epochs */
    public int epochs() {
        return epochs;
    }

    int batchSize() {
        return batch;
    }

    int earlyStopPatience() {
        return earlyStop;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    int threadCount() {
        return threads;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    List<TrainingListener> listeners() {
        return listeners;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Seq2SeqExperiment[%s on %s, %s, schedule=%s, clipNorm=%s, epochs=%d, batch=%d, "
                + "earlyStop=%d, teacherForcing=%s->%s, seed=%d]", model, data.source(), optim, schedule, clipNorm, epochs, batch,
                earlyStop, forcingStart, forcingEnd, seed);
    }
}
