package dev.seqlab.trials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.seqlab.cli.Main;
import dev.seqlab.notebook.Notebook;
import dev.seqlab.notebook.NotebookRunner;
import dev.seqlab.notebook.Parameters;
import dev.seqlab.notebook.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seqlab sweep} end to end with child JVMs: repeatability, failures, kill -9 and --resume. */
class SweepCommandTest {

    @TempDir
    Path dir;

    static List<String[]> csv(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    /** Every column of results.csv except the measured seconds. */
    static List<String> valuesOf(Path results) throws Exception {
        List<String> out = new ArrayList<>();
        List<String[]> rows = csv(results);
        int seconds = List.of(rows.get(0)).indexOf("seconds");
        for (String[] r : rows) {
            List<String> l = new ArrayList<>(List.of(r));
            l.remove(seconds);
            out.add(String.join(",", l));
        }
        return out;
    }

    @Test
    void recordStoresValuesInTheNotebookMetadataOfAPlainRun() throws Exception {
        Path nb = SweepNotebooks.write(dir, false, 0);
        Path out = dir.resolve("out.ipynb");
        Parameters p = new Parameters().add("X", "3");
        new NotebookRunner(new PrintStream(new ByteArrayOutputStream())).run(RunOptions.of(nb).output(out).parameters(p));
        JsonObject rec = Notebook.read(out).metadata().getAsJsonObject("seqlab").getAsJsonObject("recorded");
        assertEquals("x3", rec.get("label").getAsString());
        assertTrue(rec.get("y").getAsDouble() > 30 && rec.get("y").getAsDouble() < 31, rec.toString());
    }

    @Test
    void theSameSweepTwiceGivesIdenticalValuesAndAFailingTrialDoesNotStopTheOthers() throws Exception {
        Path nb = SweepNotebooks.write(dir, true, 0);
        String grid = dir.resolve("grid.json").toString();
        int first = Main.execute("sweep", nb.toString(), "--grid", grid, "--replicates", "2", "--parallel", "2", "--threads", "1",
                "-o", dir.resolve("a").toString());
        int second = Main.execute("sweep", nb.toString(), "--grid", grid, "--seeds", "1,2", "--parallel", "2", "--threads", "1",
                "-o", dir.resolve("b").toString());
        assertEquals(1, first, "a failed trial makes the exit code 1");
        assertEquals(1, second);
        List<String> a = valuesOf(dir.resolve("a/results.csv"));
        // Recorded names come in the order nbformat writes metadata keys: sorted.
        assertEquals("trial,X,SEED,status,label,y", a.get(0));
        assertEquals(5, a.size());
        assertEquals(a, valuesOf(dir.resolve("b/results.csv")));
        List<String[]> rows = csv(dir.resolve("a/results.csv"));
        assertEquals("c02-s2", rows.get(4)[0]);
        assertEquals("error", rows.get(4)[3]);
        assertEquals("ok", rows.get(3)[3]);
        // The seeds give different draws; the paired design gives both configurations the same draw.
        assertNotEquals(rows.get(1)[6], rows.get(3)[6]);
        double r1 = Double.parseDouble(rows.get(1)[6]) - 10;
        assertEquals(r1, Double.parseDouble(rows.get(2)[6]) - 20, 1e-5);
        String failures = Files.readString(dir.resolve("a/failures.csv"));
        assertTrue(failures.contains("c02-s2,error,\"cell 3, line 4: IllegalStateException: trial X=2 SEED=2 fails on purpose\""), failures);
        List<String[]> summary = csv(dir.resolve("a/summary.csv"));
        assertEquals("X,y_n,y_mean,y_std,y_ci95_low,y_ci95_high", String.join(",", summary.get(0)));
        assertEquals("2", summary.get(1)[1]);
        assertEquals("1", summary.get(2)[1]);
        assertTrue(Files.isRegularFile(dir.resolve("a/trials/c02-s2.ipynb")));
    }

    @Test
    void resumeAfterKillMinus9RunsOnlyTheUnfinishedTrials() throws Exception {
        Path nb = SweepNotebooks.write(dir, false, 2);
        Path out = dir.resolve("out");
        List<String> args = List.of("sweep", nb.toString(), "--grid", dir.resolve("grid.json").toString(), "--replicates", "2", "--threads", "1",
                "-o", out.toString());
        Process p = new ProcessBuilder(ChildJvm.command(1, args)).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        Map<String, FileTime> finished = new HashMap<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive()) {
                Path results = out.resolve("results.csv");
                if (Files.exists(results) && Files.readString(results).contains("c02-s1,2,1,ok")) {
                    break; // two trials finished and recorded; the third is running
                }
                Thread.sleep(100);
            }
            assertTrue(Files.readString(out.resolve("results.csv")).contains("c02-s1,2,1,ok"), "two trials finish within two minutes");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // kill -9 of the trial JVM ...
            p.destroyForcibly(); // ... and of the sweep itself
            p.waitFor(30, TimeUnit.SECONDS);
        }
        try (var s = Files.list(out.resolve("trials"))) {
            for (Path f : s.filter(f -> f.toString().endsWith(".ipynb")).toList()) {
                finished.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
            }
        }
        assertTrue(finished.size() >= 2 && finished.size() < 4, finished.toString());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int rc;
        System.setErr(new PrintStream(log, true));
        try {
            rc = Main.execute(args.toArray(new String[0]));
            List<String> more = new ArrayList<>(args);
            more.add("--resume");
            rc = Main.execute(more.toArray(new String[0]));
        } finally {
            System.setErr(old);
        }
        String text = log.toString();
        assertTrue(text.contains("already holds a sweep; add --resume"), text);
        assertEquals(0, rc, text);
        assertTrue(text.contains("resuming, " + finished.size() + " of 4 trials already done"), text);
        for (Map.Entry<String, FileTime> e : finished.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(out.resolve("trials").resolve(e.getKey())), e.getKey() + " was not rerun");
        }
        List<String[]> rows = csv(out.resolve("results.csv"));
        assertEquals(5, rows.size());
        assertTrue(rows.stream().skip(1).allMatch(r -> r[3].equals("ok")));
    }

    @Test
    void aWorkerJvmRunsTrialsOneAfterAnotherAndIsReplacedAfterAFailure() throws Exception {
        Path nb = SweepNotebooks.write(dir, true, 0);
        Path out = dir.resolve("pool");
        int rc = Main.execute("sweep", nb.toString(), "--grid", dir.resolve("grid.json").toString(), "--seeds", "1,2,3", "--parallel", "1",
                "--threads", "1", "-o", out.toString());
        assertEquals(1, rc, "the trial X=2 SEED=2 fails");
        List<String[]> rows = csv(out.resolve("results.csv"));
        List<String> header = List.of(rows.get(0));
        Map<String, String[]> byId = new HashMap<>();
        rows.stream().skip(1).forEach(r -> byId.put(r[0], r));
        assertEquals(6, byId.size());
        assertEquals("error", byId.get("c02-s2")[header.indexOf("status")]);
        assertEquals("ok", byId.get("c02-s3")[header.indexOf("status")], "the trial after a failure runs in a fresh worker");
        // Four clean trials (c01-s1..s3, c02-s1) and the failing one shared the first worker; the failure retired it.
        try (var s = Files.list(out.resolve("trials"))) {
            assertEquals(List.of("worker-1.log", "worker-2.log"),
                    s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("worker-")).sorted().toList());
        }
        // The third trial of a reused worker records what a JVM of its own (`seqlab run`) records.
        Path single = dir.resolve("single.ipynb");
        Process p = new ProcessBuilder(ChildJvm.command(1, List.of("run", nb.toString(), "-p", "X", "1", "-p", "SEED", "3", "-o", single.toString())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("single.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "seqlab run ends");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("single.log")));
        JsonObject rec = Notebook.read(single).metadata().getAsJsonObject("seqlab").getAsJsonObject("recorded");
        assertEquals(rec.get("y").getAsString(), byId.get("c01-s3")[header.indexOf("y")]);
    }
}
