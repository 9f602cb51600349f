package dev.seqlab.sweep;

import dev.seqlab.SeqLabException;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Run;
import dev.seqlab.train.TrainingInterruptedException;
import dev.seqlab.train.TrainingListener;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A sweep: configurations (a grid, or a random sample of it) times replicates, each replicate
 * with its own seed, the same seed in every configuration (a paired design: differences between
 * configurations are taken seed by seed).
 *
 * <pre>{@code
 * SweepResult s = Sweep.over(Grid.of("LAYERS", 1, 2, 4))
 *         .replicates(5)
 *         .train(c -> Experiment.of(Stack.lstm(16).layers(c.getInt("LAYERS")), air).epochs(30));
 * s.summary();                                        // n, mean, std, 95% interval per configuration
 * s.paired("rmse", Map.of("LAYERS", 4), Map.of("LAYERS", 1)).sentence("test RMSE");
 * }</pre>
 *
 * <p><b>Threads.</b> libtorch keeps its random generator and its intra-op thread count per
 * process, so trials in one JVM cannot run side by side and stay reproducible: {@link #train} and
 * {@link #measure} run them one after another on the calling thread, each seeding the generator
 * and setting its thread count when it starts (bit-for-bit repeatable). Parallel trials run in
 * separate processes, each with its own libtorch: {@code seqlab sweep --parallel P} starts one
 * child JVM per trial with {@code cores / P} intra-op threads, and {@link #run} is the scheduler
 * it uses.
 */
public final class Sweep {

    /** What a trial computes in this JVM: its recorded values from its configuration (and seed). */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs one trial.
         *
         * @param config the parameter values; {@code config.seed()} is the trial's seed
         * @return named numbers or text to record (may be empty; {@code record(...)} calls count too)
         * @throws Exception when the trial fails (the sweep records it and goes on)
         */
        Map<String, ?> run(Config config) throws Exception;
    }

    /** Runs one trial somewhere (a child JVM, a Spark executor) and says how it ended. */
    @FunctionalInterface
    public interface Runner {
        /**
         * Runs a trial.
         *
         * @param trial the trial
         * @return how it ended (an exception thrown here is recorded as the trial's error)
         * @throws Exception when the trial could not be run
         */
        TrialResult run(Trial trial) throws Exception;
    }

    /** Hears about trials as they start and end (called from the worker threads). */
    public interface Listener {
        /** @param t a trial that starts */
        default void started(Trial t) {}

        /** @param r a trial that ended */
        default void finished(TrialResult r) {}
    }

    private final String name;
    private final List<String> parameters;
    private final List<Config> configs;
    private final long[] seeds;
    private final int parallel;

    private Sweep(String name, List<String> parameters, List<Config> configs, long[] seeds, int parallel) {
        this.name = name;
        this.parameters = parameters;
        this.configs = configs;
        this.seeds = seeds;
        this.parallel = parallel;
    }

    /**
     * A sweep over every configuration of a grid, with one replicate (seed 1) until told otherwise.
     *
     * @param grid the grid
     * @return the sweep
     */
    public static Sweep over(Grid grid) {
        return new Sweep("sweep", grid.names(), grid.configs(), new long[] {1}, 1);
    }

    /**
     * A sweep over some configurations of a grid drawn at random.
     *
     * @param grid the grid
     * @param n how many configurations
     * @param seed the draw's seed (not the trials' seeds)
     * @return the sweep
     */
    public static Sweep sample(Grid grid, int n, long seed) {
        return new Sweep("sweep", grid.names(), grid.sample(n, seed), new long[] {1}, 1);
    }

    /**
     * Replicates with seeds 1..n.
     *
     * @param n the number of replicates, at least 1
     * @return a new sweep
     */
    public Sweep replicates(int n) {
        SeqLabException.check(n >= 1, "Replicates %d is below 1; run at least one seed.", n);
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return new Sweep(name, parameters, configs, s, parallel);
    }

    /**
     * Replicates with the given seeds.
     *
     * @param s the seeds, distinct
     * @return a new sweep
     */
    public Sweep seeds(long... s) {
        SeqLabException.check(s.length >= 1, "No seeds given; give at least one.");
        SeqLabException.check(Arrays.stream(s).distinct().count() == s.length, "The seeds %s repeat one; give distinct seeds.", Arrays.toString(s));
        return new Sweep(name, parameters, configs, s.clone(), parallel);
    }

    /**
     * How many trials {@link #run} runs at once (each in its own process).
     *
     * @param p at least 1
     * @return a new sweep
     */
    public Sweep parallel(int p) {
        SeqLabException.check(p >= 1, "Parallel %d is below 1; run at least one trial at a time.", p);
        return new Sweep(name, parameters, configs, seeds, p);
    }

    /**
     * A display name.
     *
     * @param n the name
     * @return a new sweep
     */
    public Sweep name(String n) {
        return new Sweep(n, parameters, configs, seeds, parallel);
    }

    /** @return how many trials {@link #run} runs at once */
    public int parallelism() {
        return parallel;
    }

    /** @return the grid's parameter names */
    public List<String> parameters() {
        return parameters;
    }

    /** @return the configurations, in order */
    public List<Config> configs() {
        return configs;
    }

    /** @return the seeds, one per replicate */
    public long[] seeds() {
        return seeds.clone();
    }

    /**
     * Every trial, replicate by replicate: all configurations with the first seed, then all with
     * the second, so a sweep stopped early still has complete replicates to compare.
     *
     * @return the trials
     */
    public List<Trial> trials() {
        List<Trial> out = new ArrayList<>();
        int width = Integer.toString(configs.size()).length();
        for (int r = 0; r < seeds.length; r++) {
            for (int c = 0; c < configs.size(); c++) {
                String id = String.format(Locale.ROOT, "c%0" + Math.max(2, width) + "d-s%d", c + 1, seeds[r]);
                out.add(new Trial(id, c, configs.get(c).withSeed(seeds[r]), r + 1, seeds[r]));
            }
        }
        return out;
    }

    /**
     * Trains one experiment per trial in this JVM, one after another (see the class comment on
     * threads). The experiment gets the trial's seed; each trial records the run's test metrics,
     * {@code train_seconds}, {@code parameters} and anything the function {@code record}s.
     *
     * @param experiment the experiment for a configuration
     * @return the results
     */
    public SweepResult train(Function<Config, Experiment> experiment) {
        return measure(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            try (Run run = experiment.apply(c).seed(c.seed()).train()) {
                m.putAll(run.testMetrics());
                m.put("train_seconds", run.trainSeconds());
                m.put("parameters", run.network().parameterCount());
            }
            return m;
        });
    }

    /**
     * Runs a body per trial in this JVM, one after another on the calling thread, so an interrupt
     * stops the sweep; the trials finished by then are kept in {@link SweepResult#last()}.
     *
     * @param body what a trial computes
     * @return the results
     */
    public SweepResult measure(Body body) {
        SeqLabException.check(parallel == 1, "This sweep runs its trials in this JVM, where libtorch's random generator and thread count "
                + "are shared, so it runs them one at a time; drop parallel(%d), or run a notebook with seqlab sweep --parallel %d.", parallel, parallel);
        List<Trial> trials = trials();
        List<TrialResult> done = new ArrayList<>();
        List<TrainingListener> displays = TrainingListener.globals();
        SweepProgress progress = new SweepProgress(name, trials.size(), displays.isEmpty() ? System.err : null, displays);
        long t0 = System.nanoTime();
        Map<String, Object> outer = Recorded.snapshot();
        Thread self = Thread.currentThread();
        TrainingListener.QUIET.add(self);
        boolean complete = false;
        try {
            for (Trial t : trials) {
                progress.started(t);
                Recorded.clear();
                long ts = System.nanoTime();
                TrialResult r;
                try {
                    Map<String, Object> values = new LinkedHashMap<>();
                    Map<String, ?> returned = body.run(t.config());
                    values.putAll(Recorded.snapshot());
                    if (returned != null) {
                        values.putAll(returned);
                    }
                    r = TrialResult.ok(t, seconds(ts), values);
                } catch (TrainingInterruptedException | InterruptedException e) {
                    throw new SweepInterruptedException("The sweep was interrupted after " + done.size() + " of " + trials.size()
                            + " trials; SweepResult.last() holds the finished ones.", e);
                } catch (Exception e) {
                    r = TrialResult.failed(t, seconds(ts), sentence(e));
                }
                done.add(r);
                progress.finished(r);
                SweepResult.remember(new SweepResult(name, parameters, configs, seeds, done, false, seconds(t0)));
            }
            complete = true;
        } finally {
            TrainingListener.QUIET.remove(self);
            Recorded.restore(outer);
        }
        SweepResult result = new SweepResult(name, parameters, configs, seeds, done, complete, seconds(t0));
        SweepResult.remember(result);
        progress.end(result);
        return result;
    }

    /**
     * Runs every trial through a runner, {@link #parallel(int)} at a time, on worker threads. A
     * trial that throws is recorded as an error and the others go on. When the calling thread is
     * interrupted, no new trial starts, running ones are cancelled, and the finished ones are
     * returned (marked incomplete).
     *
     * @param trials the trials to run (usually {@link #trials()}, less those already done)
     * @param runner runs one trial
     * @param listener hears each start and end
     * @return the finished trials' results, in the order of {@code trials}
     */
    public List<TrialResult> run(List<Trial> trials, Runner runner, Listener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread th = new Thread(r, "seqlab-sweep-trial");
            th.setDaemon(true);
            return th;
        });
        List<Future<TrialResult>> futures = new ArrayList<>();
        for (Trial t : trials) {
            futures.add(pool.submit(() -> {
                listener.started(t);
                long ts = System.nanoTime();
                TrialResult r;
                try {
                    r = runner.run(t);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    r = TrialResult.failed(t, seconds(ts), sentence(e));
                }
                listener.finished(r);
                return r;
            }));
        }
        pool.shutdown();
        List<TrialResult> out = new ArrayList<>();
        try {
            for (Future<TrialResult> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    // only an interrupted trial throws; it has no result
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            for (Future<TrialResult> f : futures) {
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        out.add(f.get());
                    } catch (ExecutionException | InterruptedException ignored) {
                        // not finished
                    }
                }
            }
        }
        return out;
    }

    /**
     * One sentence for a failure: SeqLab's own message, else the exception's type and message.
     *
     * @param e the failure
     * @return the sentence, on one line
     */
    public static String sentence(Throwable e) {
        String m = e.getMessage();
        String s = e instanceof SeqLabException && m != null ? m : e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        s = s.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Sweep[%s: %d configurations x %d seeds %s = %d trials, parallel %d]", parameters,
                configs.size(), seeds.length, Arrays.toString(seeds), configs.size() * seeds.length, parallel);
    }
}
