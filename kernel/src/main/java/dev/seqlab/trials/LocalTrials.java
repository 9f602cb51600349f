package dev.seqlab.trials;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.seqlab.notebook.Parameters;
import dev.seqlab.runtime.NativeEnv;
import dev.seqlab.sweep.Sweep;
import dev.seqlab.sweep.Trial;
import dev.seqlab.sweep.TrialResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs trials in child JVMs ({@link TrialWorker}), at most one trial per JVM at a time: libtorch's
 * random generator and thread count are per process, so trials side by side stay independent and
 * each one repeats bit for bit (its thread count is fixed by {@code -Dai.djl.pytorch.num_threads}
 * and {@code OMP_NUM_THREADS}; each trial gets a fresh engine and sets its own seed). A worker that
 * finished a trial cleanly runs the next one, so JVM start, libtorch's load and javac's warm-up are
 * paid once per worker instead of once per trial; a worker whose trial failed, timed out or crashed
 * is killed and the next trial gets a fresh one. The worker writes each executed notebook
 * atomically; a trial's terminal output goes to {@code trials/ID.log}, the worker's own to
 * {@code trials/worker-N.log}.
 */
final class LocalTrials implements Sweep.Runner, AutoCloseable {

    private final SweepPlan plan;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Worker> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    LocalTrials(SweepPlan plan) {
        this.plan = plan;
    }

    @Override
    public TrialResult run(Trial trial) throws Exception {
        Path out = plan.notebookOf(trial);
        Path log = plan.trialsDir().resolve(trial.id() + ".log");
        Parameters params = plan.parameters(trial);
        JsonObject req = new JsonObject();
        req.addProperty("input", plan.notebook().toAbsolutePath().toString());
        req.addProperty("output", out.toAbsolutePath().toString());
        req.addProperty("log", log.toAbsolutePath().toString());
        JsonObject values = new JsonObject();
        for (Parameters.Param p : params.list()) {
            values.add(p.name(), p.json());
        }
        req.add("params", values);
        if (plan.timeout() != null) {
            req.addProperty("timeout", plan.timeout());
        } else {
            req.add("timeout", JsonNull.INSTANCE);
        }
        long t0 = System.nanoTime();
        Worker w = idle.pollFirst();
        if (w == null || !w.process.isAlive()) {
            if (w != null) {
                retire(w);
            }
            w = start();
        }
        boolean keep = false;
        try {
            boolean replied = w.run(req.toString());
            TrialResult r = TrialNotebook.read(out, trial, params.json());
            keep = replied && r != null && r.ok();
            if (r != null) {
                return r;
            }
            String ended = replied ? "wrote no complete notebook" : String.format(Locale.ROOT, "ended with exit code %d and wrote no complete notebook",
                    w.process.exitValue());
            return TrialResult.failed(trial, (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT,
                    "The trial's JVM %s; its output is in %s.", ended, log));
        } finally {
            if (keep && !closed) {
                idle.addFirst(w);
            } else {
                retire(w);
            }
        }
    }

    private Worker start() throws IOException {
        Path workerLog = plan.trialsDir().resolve("worker-" + started.incrementAndGet() + ".log");
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(plan.threads(), TrialWorker.class.getName(), List.of()))
                .redirectError(ProcessBuilder.Redirect.appendTo(workerLog.toFile()));
        NativeEnv.fillIn(pb.environment());
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(plan.threads()));
        Worker w = new Worker(pb.start());
        live.add(w);
        if (closed) {
            retire(w);
            throw new IOException("the sweep was stopped");
        }
        return w;
    }

    private void retire(Worker w) {
        live.remove(w);
        w.process.descendants().forEach(ProcessHandle::destroyForcibly);
        w.process.destroyForcibly();
    }

    /** Stops every child, running or idle (Ctrl-C, or the sweep ended). */
    @Override
    public void close() {
        closed = true;
        live.forEach(this::retire);
        idle.clear();
    }

    static void prepare(SweepPlan plan) throws IOException {
        Files.createDirectories(plan.trialsDir());
    }

    /** One worker JVM and its protocol channel. */
    private static final class Worker {
        final Process process;
        final Writer requests;
        final BufferedReader replies;

        Worker(Process process) {
            this.process = process;
            this.requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /**
         * Sends one trial and waits for the worker's reply.
         *
         * @return true when the worker replied, false when it died first
         * @throws InterruptedException when the sweep is stopped while waiting (the caller kills the worker)
         */
        boolean run(String request) throws IOException, InterruptedException {
            try {
                requests.write(request);
                requests.write('\n');
                requests.flush();
            } catch (IOException e) {
                return false; // the worker is gone
            }
            // Polled, so that a stopped sweep (an interrupt) is noticed while the trial runs.
            while (true) {
                while (replies.ready()) {
                    String line = replies.readLine();
                    if (line == null) {
                        return false;
                    }
                    if (TrialWorker.DONE.equals(line)) {
                        return true;
                    }
                }
                if (!process.isAlive()) {
                    String line = replies.ready() ? replies.readLine() : null;
                    return TrialWorker.DONE.equals(line);
                }
                Thread.sleep(10);
            }
        }
    }
}
