package dev.seqlab.spark;

import dev.seqlab.SeqLabException;
import dev.seqlab.engine.SeqLabEngine;
import dev.seqlab.notebook.Parameters;
import dev.seqlab.runtime.AtomicFiles;
import dev.seqlab.runtime.NativeEnv;
import dev.seqlab.sweep.Trial;
import dev.seqlab.sweep.TrialResult;
import dev.seqlab.trials.ClusterTrials;
import dev.seqlab.trials.SweepPlan;
import dev.seqlab.trials.TrialNotebook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trials as Apache Spark tasks ({@code seqlab sweep --master spark://HOST:PORT} or {@code local[N]}).
 *
 * <p>Each trial is one single-task job whose element is the trial as data ({@link TrialSpec});
 * the sweep's worker threads submit them side by side, and Spark places them on executors.
 * An executor runs one trial at a time ({@code spark.task.cpus} = {@code spark.executor.cores} =
 * the trial's intra-op threads), because libtorch's random generator and thread count are per
 * process. A task whose executor is lost is run again elsewhere ({@code spark.task.maxFailures}
 * = 4), so results equal a local run's. Executors get the driver's class path
 * ({@code spark.executor.extraClassPath}; set {@code SEQLAB_EXECUTOR_CLASSPATH} when SeqLab lives
 * elsewhere on the workers) and the launcher's native environment.
 */
public final class SparkTrials implements ClusterTrials {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    @Override
    public boolean accepts(String master) {
        return master.startsWith("spark://") || LOCAL.matcher(master).matches();
    }

    @Override
    public Session open(SweepPlan plan) {
        // Spark logs at INFO through whichever SLF4J provider comes first; keep the terminal for the sweep.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache", System.getProperty("org.slf4j.simpleLogger.log.org.apache", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.sparkproject", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
        String master = plan.master();
        int threads = plan.threads();
        SparkConf conf = new SparkConf().setMaster(master).setAppName("seqlab sweep " + plan.notebook().getFileName())
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", "4")
                .set("spark.executor.cores", Integer.toString(threads))
                .set("spark.task.cpus", Integer.toString(taskCpus(master, threads)))
                .set("spark.executor.memory", System.getProperty("seqlab.executor.memory", "2g"))
                .set("spark.executor.extraClassPath", executorClassPath())
                .set("spark.executor.extraJavaOptions", String.join(" ", SeqLabEngine.JVM_OPTIONS) + " -Dai.djl.offline=true"
                        + " -Dai.djl.pytorch.num_threads=" + threads);
        NativeEnv.RECOMMENDED.forEach((k, v) -> conf.set("spark.executorEnv." + k, v));
        conf.set("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(threads));
        if (loopback(master)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        String notebook;
        try {
            notebook = Files.readString(plan.notebook());
            for (String f : plan.ship()) {
                files.put(f, Files.readAllBytes(Path.of(f)));
            }
        } catch (IOException e) {
            throw new SeqLabException("Cannot read the files to ship (" + e.getMessage() + "); check that they exist and are readable.", e);
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new SeqLabException("Cannot start Spark with master " + master + " (" + e.getMessage()
                    + "); check the URL and that the master is running.", e);
        }
        return new SparkSession(sc, plan, notebook, files);
    }

    /** In local mode tasks share the driver's JVM: one at a time, so each gets all local cores. */
    private static int taskCpus(String master, int threads) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return threads;
        }
        String n = m.group(1);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }

    private static boolean loopback(String master) {
        return master.startsWith("local") || master.startsWith("spark://127.0.0.1:") || master.startsWith("spark://localhost:");
    }

    private static String executorClassPath() {
        String cp = System.getenv("SEQLAB_EXECUTOR_CLASSPATH");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** A connected sweep: one single-task Spark job per trial. */
    private static final class SparkSession implements Session {
        private final JavaSparkContext sc;
        private final SweepPlan plan;
        private final String notebook;
        private final Map<String, byte[]> files;

        SparkSession(JavaSparkContext sc, SweepPlan plan, String notebook, Map<String, byte[]> files) {
            this.sc = sc;
            this.plan = plan;
            this.notebook = notebook;
            this.files = files;
        }

        @Override
        public TrialResult run(Trial trial) {
            Parameters params = plan.parameters(trial);
            LinkedHashMap<String, String> p = new LinkedHashMap<>();
            params.list().forEach(x -> p.put(x.name(), x.json().toString()));
            TrialSpec spec = new TrialSpec(trial.id(), plan.notebook().getFileName().toString(), notebook, p, files,
                    plan.timeout() == null ? 0 : plan.timeout());
            long t0 = System.nanoTime();
            sc.setJobGroup("seqlab-" + trial.id(), "trial " + trial.id(), true);
            List<String> out = sc.parallelize(List.of(spec), 1).map(TrialTask::run).collect();
            Path file = plan.notebookOf(trial);
            AtomicFiles.writeString(file, out.get(0));
            TrialResult r = TrialNotebook.read(file, trial, params.json());
            return r != null ? r : TrialResult.failed(trial, (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT,
                    "The executor returned a notebook that does not hold trial %s's parameters; see %s.", trial.id(), file));
        }

        @Override
        public void close() {
            sc.cancelAllJobs();
            sc.stop();
        }
    }
}
