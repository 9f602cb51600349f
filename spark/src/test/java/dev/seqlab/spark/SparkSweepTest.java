package dev.seqlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.cli.Main;
import dev.seqlab.notebook.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seqlab sweep --master spark://...} against a real standalone master and worker (separate
 * JVMs on 127.0.0.1): the recorded values equal a local run's exactly, and a sweep whose executor
 * is killed mid-trial still completes.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkSweepTest {

    @TempDir
    static Path dir;
    static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new StandaloneCluster(dir, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * A notebook that draws from libtorch's seeded generator and reads a data file named by a
     * path relative to the working folder (the module folder; on executors their own folder, where
     * the shipped copy is put).
     */
    static Path notebook(Path folder, int sleepMillis) throws Exception {
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/offset.txt"), "100\n");
        String data = Path.of("").toAbsolutePath().relativize(folder.resolve("data/offset.txt")).toString();
        Notebook nb = Notebook.empty();
        nb.cells().add(nb.newCodeCell("int X = 1;\nlong SEED = 1;", List.of("parameters")));
        nb.cells().add(nb.newCodeCell("""
                var m = ai.djl.ndarray.NDManager.newBaseManager();
                dev.seqlab.runtime.Torch.seed(SEED);
                float r = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(1)).getFloat(0);
                int offset = Integer.parseInt(Files.readString(Path.of("%s")).strip());
                record("y", offset + X * 10 + r);
                Thread.sleep(%d);""".formatted(data, sleepMillis), List.of()));
        Path file = folder.resolve("tiny.ipynb");
        nb.write(file);
        Files.writeString(folder.resolve("grid.json"), "{\"X\": [1, 2]}");
        return file;
    }

    /** results.csv without the measured seconds. */
    static List<String> values(Path results) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(4);
            out.add(String.join(",", cells));
        }
        return out;
    }

    static int sweep(String... args) {
        return Main.execute(args);
    }

    @Test
    @Order(1)
    void aSweepOnStandaloneSparkRecordsExactlyTheValuesOfALocalRun() throws Exception {
        Path work = Path.of("target/spark-e2e").toAbsolutePath();
        Path nb = notebook(work, 0);
        String rel = Path.of("").toAbsolutePath().relativize(nb).toString();
        String grid = work.resolve("grid.json").toString();
        Path local = Files.createTempDirectory(dir, "local");
        Path spark = Files.createTempDirectory(dir, "spark");
        assertEquals(0, sweep("sweep", rel, "--grid", grid, "--seeds", "1,2", "--parallel", "2", "--threads", "1",
                "-o", local.resolve("out").toString()));
        assertEquals(0, sweep("sweep", rel, "--grid", grid, "--seeds", "1,2", "--parallel", "2", "--threads", "1",
                "--master", cluster.url(), "-o", spark.resolve("out").toString()));
        List<String> expected = values(local.resolve("out/results.csv"));
        assertEquals(5, expected.size());
        assertTrue(expected.get(1).startsWith("c01-s1,1,1,ok,11"), expected.get(1));
        assertEquals(expected, values(spark.resolve("out/results.csv")));
        assertTrue(Files.isRegularFile(spark.resolve("out/trials/c02-s2.ipynb")));
    }

    @Test
    @Order(2)
    void aSweepWhoseExecutorIsKilledMidTrialStillCompletes() throws Exception {
        Path work = Path.of("target/spark-kill").toAbsolutePath();
        Path nb = notebook(work, 8000);
        Path out = Files.createTempDirectory(dir, "killed").resolve("out");
        int startsBefore = cluster.trialStarts();
        List<Path> oldApps = cluster.apps();
        AtomicInteger rc = new AtomicInteger(-1);
        Thread t = new Thread(() -> rc.set(sweep("sweep", Path.of("").toAbsolutePath().relativize(nb).toString(), "--grid",
                work.resolve("grid.json").toString(), "--seeds", "1", "--parallel", "2", "--threads", "1", "--master", cluster.url(),
                "-o", out.toString())));
        long killed;
        try {
            t.start();
            ProcessHandle[] victim = new ProcessHandle[1];
            StandaloneCluster.waitFor(() -> {
                Optional<ProcessHandle> e = cluster.executorRunningATrial(oldApps);
                e.ifPresent(x -> victim[0] = x);
                return e.isPresent();
            }, 240, "an executor to run a trial");
            killed = victim[0].pid();
            victim[0].destroyForcibly(); // kill -9 of the executor JVM in the middle of its trial
            t.join(TimeUnit.SECONDS.toMillis(300));
        } finally {
            if (t.isAlive()) {
                t.interrupt(); // a failed wait: stop the sweep, so the next test gets its own SparkContext
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        assertFalse(t.isAlive(), "the sweep finished");
        assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false), "the executor was killed");
        assertEquals(0, rc.get(), "every trial ended ok after the lost executor's trial was retried");
        assertTrue(cluster.trialStarts() - startsBefore >= 3, "two trials and one retry started on executors");
        List<String> rows = values(out.resolve("results.csv"));
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).startsWith("c01-s1,1,1,ok,11"), rows.toString());
        assertTrue(rows.get(2).startsWith("c02-s1,2,1,ok,12"), rows.toString());
    }
}
