package dev.seqlab.trials;

import dev.seqlab.notebook.Parameters;
import dev.seqlab.runtime.NativeEnv;
import dev.seqlab.sweep.Sweep;
import dev.seqlab.sweep.Trial;
import dev.seqlab.sweep.TrialResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each trial as {@code seqlab run} in a child JVM of its own: libtorch's random generator and
 * thread count are per process, so trials side by side stay independent and each one repeats bit
 * for bit (its thread count is fixed by {@code -Dai.djl.pytorch.num_threads} and
 * {@code OMP_NUM_THREADS}). The child writes the executed notebook atomically; its terminal output
 * goes to {@code trials/ID.log}.
 */
final class LocalTrials implements Sweep.Runner, AutoCloseable {

    private final SweepPlan plan;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    LocalTrials(SweepPlan plan) {
        this.plan = plan;
    }

    @Override
    public TrialResult run(Trial trial) throws Exception {
        Path out = plan.notebookOf(trial);
        Path log = plan.trialsDir().resolve(trial.id() + ".log");
        Parameters params = plan.parameters(trial);
        List<String> args = new ArrayList<>(List.of("run", plan.notebook().toAbsolutePath().toString()));
        for (Parameters.Param p : params.list()) {
            args.addAll(List.of("-p", p.name(), p.json().toString()));
        }
        args.addAll(List.of("-o", out.toAbsolutePath().toString()));
        if (plan.timeout() != null) {
            args.addAll(List.of("--timeout", Double.toString(plan.timeout())));
        }
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(plan.threads(), args)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        NativeEnv.fillIn(pb.environment());
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(plan.threads()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        live.add(p);
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        } finally {
            live.remove(p);
        }
        TrialResult r = TrialNotebook.read(out, trial, params.json());
        if (r != null) {
            return r;
        }
        return TrialResult.failed(trial, (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT,
                "The trial's JVM ended with exit code %d and wrote no complete notebook; its output is in %s.", rc, log));
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Stops every running child (Ctrl-C, or the sweep was stopped). */
    @Override
    public void close() {
        live.forEach(LocalTrials::kill);
    }

    static void prepare(SweepPlan plan) throws IOException {
        Files.createDirectories(plan.trialsDir());
    }
}
