package dev.seqlab.train;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SequenceData;
import dev.seqlab.model.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A training experiment: a model declaration, a data set and how to train. Immutable: every
 * method returns a new experiment, so one base configuration can be varied cell by cell.
 *
 * <pre>{@code
 * Run run = Experiment.of(Stack.lstm(32).layers(2), air)
 *         .adam(1e-3).clipNorm(1.0).epochs(50).batch(16).earlyStop(10).seed(42)
 *         .train();
 * }</pre>
 *
 * <p>Defaults (all printed by {@link #toString()}): Adam at 1e-3, constant rate, no clipping,
 * 20 epochs, batch 32, no early stopping (but the best epoch by validation loss is always
 * restored), seed 42, the engine's current thread count.
 */
public final class Experiment {

    private final Stack stack;
    private final SequenceData data;
    private final Optim optim;
    private final LearningRateSchedule schedule;
    private final double clipNorm;
    private final double clipValue;
    private final int epochs;
    private final int batch;
    private final int earlyStop;
    private final long seed;
    private final int threads;
    private final String name;
    private final List<TrainingListener> listeners;
    private final int bptt;

    private Experiment(Stack stack, SequenceData data, Optim optim, LearningRateSchedule schedule, double clipNorm,
            double clipValue, int epochs, int batch, int earlyStop, long seed, int threads, String name,
            List<TrainingListener> listeners, int bptt) {
        this.stack = stack;
        this.data = data;
        this.optim = optim;
        this.schedule = schedule;
        this.clipNorm = clipNorm;
        this.clipValue = clipValue;
        this.epochs = epochs;
        this.batch = batch;
        this.earlyStop = earlyStop;
        this.seed = seed;
        this.threads = threads;
        this.name = name;
        this.listeners = List.copyOf(listeners);
        this.bptt = bptt;
    }

    /**
     * Starts an experiment with the defaults.
     *
     * @param stack the model declaration
     * @param data the data set
     * @return the experiment
     */
    public static Experiment of(Stack stack, SequenceData data) {
        SeqLabException.check(stack != null, "The model is null; declare one with Stack.lstm(32) or similar.");
        SeqLabException.check(data != null, "The data set is null; load one with Series.csv(...), TextData.csv(...) or Corpus.text(...).");
        return new Experiment(stack, data, new Optim(Optim.Kind.ADAM, 1e-3, 0, 0), LearningRateSchedule.CONSTANT, 0, 0, 20, 32, 0, 42, 0,
                null, List.of(), 0);
    }

    private Experiment with(Optim o, LearningRateSchedule s, double cn, double cv, int ep, int b, int es, long sd, int th, String nm,
            List<TrainingListener> ls) {
        return new Experiment(stack, data, o, s, cn, cv, ep, b, es, sd, th, nm, ls, bptt);
    }

    /**
     * @param lr learning rate
     * @return this experiment with Adam
     */
    public Experiment adam(double lr) {
        return optimizer(new Optim(Optim.Kind.ADAM, lr, 0, optim.weightDecay()));
    }

    /**
     * @param lr learning rate
     * @param weightDecay decoupled weight decay
     * @return this experiment with AdamW
     */
    public Experiment adamW(double lr, double weightDecay) {
        return optimizer(new Optim(Optim.Kind.ADAMW, lr, 0, weightDecay));
    }

    /**
     * @param lr learning rate
     * @param momentum momentum in [0, 1)
     * @return this experiment with SGD
     */
    public Experiment sgd(double lr, double momentum) {
        return optimizer(new Optim(Optim.Kind.SGD, lr, momentum, optim.weightDecay()));
    }

    /**
     * @param lr learning rate
     * @return this experiment with RMSProp
     */
    public Experiment rmsprop(double lr) {
        return optimizer(new Optim(Optim.Kind.RMSPROP, lr, 0, optim.weightDecay()));
    }

    /**
     * @param o a full optimizer choice
     * @return this experiment with it
     */
    public Experiment optimizer(Optim o) {
        return with(Objects.requireNonNull(o), schedule, clipNorm, clipValue, epochs, batch, earlyStop, seed, threads, name, listeners);
    }

    /**
     * @param wd weight decay (L2, or decoupled for AdamW)
     * @return this experiment with it
     */
    public Experiment weightDecay(double wd) {
        return optimizer(new Optim(optim.kind(), optim.learningRate(), optim.momentum(), wd));
    }

    /**
     * Multiplies the learning rate by {@code factor} every {@code everyEpochs} epochs.
     *
     * @param everyEpochs epochs between reductions
     * @param factor multiplier, in (0, 1]
     * @return this experiment with step decay
     */
    public Experiment stepDecay(int everyEpochs, double factor) {
        return schedule(new LearningRateSchedule(LearningRateSchedule.Decay.STEP, everyEpochs, factor, schedule.warmupSteps(),
                schedule.plateauPatience(), schedule.plateauFactor()));
    }

    /** @return this experiment with a cosine decay to 1% of the base rate */
    public Experiment cosine() {
        return schedule(new LearningRateSchedule(LearningRateSchedule.Decay.COSINE, 0, 0.01, schedule.warmupSteps(),
                schedule.plateauPatience(), schedule.plateauFactor()));
    }

    /**
     * @param steps linear warm-up steps
     * @return this experiment with warm-up
     */
    public Experiment warmup(int steps) {
        return schedule(new LearningRateSchedule(schedule.decay(), schedule.stepEvery(), schedule.factor(), steps,
                schedule.plateauPatience(), schedule.plateauFactor()));
    }

    /**
     * Cuts the learning rate by {@code factor} after {@code patience} epochs without a new best
     * validation loss.
     *
     * @param patience epochs to wait
     * @param factor multiplier at each cut
     * @return this experiment with the plateau rule
     */
    public Experiment reduceOnPlateau(int patience, double factor) {
        SeqLabException.check(patience >= 1, "Plateau patience %d is below 1; use 1 or more epochs.", patience);
        return schedule(new LearningRateSchedule(schedule.decay(), schedule.stepEvery(), schedule.factor(), schedule.warmupSteps(),
                patience, factor));
    }

    /**
     * @param s a full schedule
     * @return this experiment with it
     */
    public Experiment schedule(LearningRateSchedule s) {
        return with(optim, Objects.requireNonNull(s), clipNorm, clipValue, epochs, batch, earlyStop, seed, threads, name, listeners);
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxNorm}.
     *
     * @param maxNorm the limit, above 0
     * @return this experiment with norm clipping
     */
    public Experiment clipNorm(double maxNorm) {
        SeqLabException.check(maxNorm > 0 && Double.isFinite(maxNorm), "Clip norm %s is not a positive number; use a value such as 1.0.", maxNorm);
        return with(optim, schedule, maxNorm, clipValue, epochs, batch, earlyStop, seed, threads, name, listeners);
    }

    /**
     * Clips every gradient element into {@code [-limit, limit]} (both signs, unlike DJL's
     * {@code optClipGrad}, which only clips from above).
     *
     * @param limit the limit, above 0
     * @return this experiment with value clipping
     */
    public Experiment clipValue(double limit) {
        SeqLabException.check(limit > 0 && Double.isFinite(limit), "Clip value %s is not a positive number; use a value such as 0.5.", limit);
        return with(optim, schedule, clipNorm, limit, epochs, batch, earlyStop, seed, threads, name, listeners);
    }

    /**
     * @param n epochs, at least 1
     * @return this experiment with it
     */
    public Experiment epochs(int n) {
        SeqLabException.check(n >= 1, "Epochs %d is below 1; train for 1 or more epochs.", n);
        return with(optim, schedule, clipNorm, clipValue, n, batch, earlyStop, seed, threads, name, listeners);
    }

    /**
     * @param n samples per batch, at least 1
     * @return this experiment with it
     */
    public Experiment batch(int n) {
        SeqLabException.check(n >= 1, "Batch size %d is below 1; use a batch size of 1 or more.", n);
        return with(optim, schedule, clipNorm, clipValue, epochs, n, earlyStop, seed, threads, name, listeners);
    }

    /**
     * Stops after {@code patience} epochs without a new best validation loss; the best weights
     * are restored either way.
     *
     * @param patience epochs to wait, at least 1
     * @return this experiment with early stopping
     */
    public Experiment earlyStop(int patience) {
        SeqLabException.check(patience >= 1, "Early-stopping patience %d is below 1; use 1 or more epochs.", patience);
        return with(optim, schedule, clipNorm, clipValue, epochs, batch, patience, seed, threads, name, listeners);
    }

    /**
     * Truncated backpropagation through time for language models: each training sequence is
     * cut into chunks of {@code steps}; the recurrent state flows from chunk to chunk, but the
     * gradient is stopped at every chunk boundary, so memory and time per update no longer grow
     * with the sequence length. Gradients of the chunks of a batch are summed into one update.
     *
     * @param steps chunk length, at least 1
     * @return this experiment with truncated BPTT
     */
    public Experiment bptt(int steps) {
        SeqLabException.check(steps >= 1, "Truncated BPTT length %d is below 1; use 1 or more steps, such as 32.", steps);
        return new Experiment(stack, data, optim, schedule, clipNorm, clipValue, epochs, batch, earlyStop, seed, threads, name, listeners,
                steps);
    }

    /** @return the truncated BPTT chunk length, 0 when off (full backpropagation through time) */
    public int bptt() {
        return bptt;
    }

    /**
     * @param s the seed for initialisation, dropout and shuffling
     * @return this experiment with it
     */
    public Experiment seed(long s) {
        return with(optim, schedule, clipNorm, clipValue, epochs, batch, earlyStop, s, threads, name, listeners);
    }

    /**
     * Sets libtorch's intra-op thread count for this run (the session's count is back in place
     * afterwards). Bit-for-bit reproducibility needs the same seed and the same thread count.
     * Without it the run uses the session's count ({@link dev.seqlab.runtime.Torch#threads()});
     * the run records the count it used. One thread is the faster choice while other processes
     * keep the machine's cores busy (libtorch's threads then wait for each other).
     *
     * @param n threads, at least 1
     * @return this experiment with it
     */
    public Experiment threads(int n) {
        SeqLabException.check(n >= 1, "Thread count %d is below 1; use 1 or more threads.", n);
        return with(optim, schedule, clipNorm, clipValue, epochs, batch, earlyStop, seed, n, name, listeners);
    }

    /**
     * @param n a display name for progress and comparisons
     * @return this experiment with it
     */
    public Experiment name(String n) {
        return with(optim, schedule, clipNorm, clipValue, epochs, batch, earlyStop, seed, threads, n, listeners);
    }

    /**
     * @param l a listener for this experiment's events
     * @return this experiment with it added
     */
    public Experiment listener(TrainingListener l) {
        List<TrainingListener> ls = new ArrayList<>(listeners);
        ls.add(Objects.requireNonNull(l));
        return with(optim, schedule, clipNorm, clipValue, epochs, batch, earlyStop, seed, threads, name, ls);
    }

    /**
     * Trains. Checks the current thread's interrupt flag at every step: an interrupted run stops
     * within one step, keeps the best weights so far in {@link Run#last()} and throws
     * {@link TrainingInterruptedException}.
     *
     * @return the finished run with its best model, history and test metrics
     */
    public Run train() {
        return new TrainingLoop(this).run();
    }

    /** @return the model declaration */
    public Stack stack() {
        return stack;
    }

    /** @return the data set */
    public SequenceData data() {
        return data;
    }

    /** @return the optimizer choice */
    public Optim optim() {
        return optim;
    }

    /** @return the learning-rate schedule */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** @return the global-norm clip limit, 0 when off */
    public double clipNorm() {
        return clipNorm;
    }

    /** @return the value clip limit, 0 when off */
    public double clipValue() {
        return clipValue;
    }

    /** @return planned epochs */
    public int epochs() {
        return epochs;
    }

    /** @return batch size */
    public int batch() {
        return batch;
    }

    /** @return early-stopping patience, 0 when off */
    public int earlyStop() {
        return earlyStop;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the requested thread count, 0 when the run chooses (the engine's count, or 1 for small GRU/RNN steps) */
    public int threads() {
        return threads;
    }

    /** @return the display name: the one given, or a short description such as "LSTM 3x32 residual layerNorm attention" */
    public String name() {
        return name != null ? name : shortName(stack);
    }

    static String shortName(Stack s) {
        if (!s.isUniform()) {
            // A mixed stack: each layer as it prints, for example "LSTM(16) bidirectional > GRU(32) layerNorm".
            StringBuilder m = new StringBuilder();
            for (dev.seqlab.model.Layer l : s.layerList()) {
                m.append(m.length() == 0 ? "" : " > ").append(l.toString().replace("(tanh)", ""));
            }
            return m + (s.hasAttention() ? " attention" : "");
        }
        int[] sizes = s.sizes();
        boolean same = java.util.Arrays.stream(sizes).allMatch(x -> x == sizes[0]);
        StringBuilder b = new StringBuilder(s.kind().label().replace("(tanh)", ""));
        b.append(' ').append(same ? sizes.length + "x" + sizes[0] : java.util.Arrays.toString(sizes).replace(" ", ""));
        if (s.isBidirectional()) {
            b.append(" bidirectional");
        }
        if (s.dropout() > 0) {
            b.append(" dropout=").append(s.dropout());
        }
        if (s.isResidual()) {
            b.append(s.isResidualProjected() ? " residual(projected)" : " residual");
        }
        if (s.isLayerNorm()) {
            b.append(" layerNorm");
        }
        if (s.hasAttention()) {
            b.append(" attention");
        }
        return b.toString();
    }

    /** @return the listeners added with {@link #listener(TrainingListener)}, in order (unmodifiable) */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "Experiment[name=%s model=%s data=%s optimizer=%s schedule=%s clipNorm=%s clipValue=%s epochs=%d batch=%d earlyStop=%s bptt=%s seed=%d threads=%s]",
                name(), stack, data.source(), optim, schedule, clipNorm == 0 ? "off" : clipNorm, clipValue == 0 ? "off" : clipValue,
                epochs, batch, earlyStop == 0 ? "off" : earlyStop, bptt == 0 ? "full" : bptt, seed, threads == 0 ? "chosen by the run" : threads);
    }
}
