package dev.seqlab.spark;

import dev.seqlab.notebook.NotebookRunner;
import dev.seqlab.notebook.Parameters;
import dev.seqlab.notebook.RunOptions;
import dev.seqlab.runtime.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The executor's side of a trial: puts the shipped files beside it (relative to the executor's
 * working folder, so the notebook's relative paths resolve as on the driver), runs the notebook
 * headless with SeqLab's engine in this JVM, and returns the executed notebook's text.
 */
final class TrialTask {

    private TrialTask() {}

    /** The executor's log gets the runner's lines; in local mode (the driver) they would mix into the sweep's display. */
    private static java.io.PrintStream console() {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        boolean driver = env != null && "driver".equals(env.executorId());
        return driver ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err;
    }

    /**
     * Runs one trial.
     *
     * @param spec the trial
     * @return the executed notebook (JSON text)
     */
    static String run(TrialSpec spec) {
        // One notebook at a time per JVM: libtorch's generator and thread count and the record()
        // store are per process (the driver asks for one task per executor; this guards local[N]).
        synchronized (TrialTask.class) {
            Path cwd = Path.of("").toAbsolutePath();
            Path tmp = null;
            System.err.println("seqlab trial " + spec.id() + " running in " + cwd);
            System.err.flush();
            try {
                for (Map.Entry<String, byte[]> f : spec.files().entrySet()) {
                    Path target = cwd.resolve(f.getKey()).normalize();
                    if (!target.startsWith(cwd)) {
                        continue;
                    }
                    if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), f.getValue())) {
                        Files.createDirectories(target.getParent());
                        AtomicFiles.write(target, out -> out.write(f.getValue()));
                    }
                }
                tmp = Files.createTempDirectory("seqlab-trial-");
                Path in = tmp.resolve(spec.notebookName());
                Files.writeString(in, spec.notebook());
                Path out = tmp.resolve(spec.id() + ".ipynb");
                Parameters params = new Parameters();
                spec.parameters().forEach(params::add);
                Duration limit = spec.timeoutSeconds() > 0 ? Duration.ofMillis(Math.round(spec.timeoutSeconds() * 1000)) : null;
                new NotebookRunner(console()).run(new RunOptions(in, out, params, limit, false, false, false));
                return Files.readString(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (tmp != null) {
                    try (Stream<Path> s = Files.walk(tmp)) {
                        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (IOException ignored) {
                        // a temporary folder left behind
                    }
                }
            }
        }
    }
}
