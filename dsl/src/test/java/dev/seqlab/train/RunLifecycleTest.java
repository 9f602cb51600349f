package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading, interrupts, a second JVM, and what the run records. */
class RunLifecycleTest {

    @TempDir
    Path tmp;

    @Test
    void savedRunLoadsAndPredictsIdentically() throws Exception {
        Series air = Fixtures.air();
        try (Run run = Experiment.of(Stack.lstm(8).layers(2).layerNorm().attention(), air).epochs(3).seed(4).train()) {
            Path dir = run.save(tmp.resolve("ckpt").toString());
            assertTrue(Files.isRegularFile(dir.resolve("run.json")));
            // Saving again over the same folder replaces it completely and leaves no stray files.
            run.save(dir.toString());
            try (Stream names = new Stream(Files.list(tmp))) {
                assertEquals(List.of("ckpt"), names.list);
            }
            try (Run back = Run.load(dir.toString(), air); Run bare = Run.load(dir.toString())) {
                SeqSplit test = air.test();
                float[][] a = run.predictRaw(test);
                float[][] b = back.predictRaw(test);
                for (int i = 0; i < a.length; i++) {
                    assertArrayEquals(a[i], b[i], 0f, "identical outputs after reload");
                }
                assertArrayEquals(run.predict(test)[0], back.predict(test)[0], 0f);
                assertEquals(run.history().printAll(), back.history().printAll());
                assertEquals(run.record(), back.record());
                assertEquals(run.testMetrics(), back.testMetrics());
                SeqLabException e = assertThrows(SeqLabException.class, () -> bare.predict(test));
                assertEquals("This run was loaded without its data; use Run.load(dir, data) to predict in the data's units.", e.getMessage());
            }
            Series other = Series.csv("datasets/sunspots_monthly.csv", "sunspot_number").windows(12);
            SeqLabException e = assertThrows(SeqLabException.class, () -> Run.load(dir.toString(), other));
            assertTrue(e.getMessage().startsWith("The data given to Run.load is not the data this run was trained on"), e.getMessage());
        }
    }

    /** Small helper so the listing stream is closed. */
    private static final class Stream implements AutoCloseable {
        final List<String> list;
        private final java.util.stream.Stream<Path> s;

        Stream(java.util.stream.Stream<Path> s) {
            this.s = s;
            this.list = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }

        @Override
        public void close() {
            s.close();
        }
    }

    @Test
    void loadingSomethingElseSaysSo() throws Exception {
        SeqLabException e = assertThrows(SeqLabException.class, () -> Run.load(tmp.toString()));
        assertEquals(tmp.toAbsolutePath() + " is not a saved run (no run.json and model.params); give the folder that run.save(dir) wrote.",
                e.getMessage());
        Files.writeString(tmp.resolve("run.json"), "{ not json");
        Files.writeString(tmp.resolve("model.params"), "x");
        SeqLabException damaged = assertThrows(SeqLabException.class, () -> Run.load(tmp.toString()));
        assertEquals("Could not read " + tmp.resolve("run.json").toAbsolutePath() + "; the checkpoint is damaged, save the run again.",
                damaged.getMessage());
    }

    @Test
    void interruptStopsTrainingWithinASecondAndKeepsTheBestModel() throws Exception {
        Series air = Fixtures.air();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        int[] epochsSeen = {0};
        Experiment e = Experiment.of(Stack.lstm(16), air).epochs(100_000).batch(8).seed(1).listener(new TrainingListener() {
            @Override
            public void onEpoch(Progress p) {
                epochsSeen[0] = p.epoch();
            }
        });
        Thread t = new Thread(() -> {
            try {
                e.train();
            } catch (Throwable x) {
                thrown.set(x);
            }
        });
        t.start();
        while (epochsSeen[0] < 2) {
            Thread.sleep(20);
        }
        long start = System.nanoTime();
        t.interrupt();
        t.join(5_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertFalse(t.isAlive());
        assertTrue(seconds < 1.0, "stopped in " + seconds + " s");
        assertTrue(thrown.get() instanceof TrainingInterruptedException, String.valueOf(thrown.get()));
        Run run = ((TrainingInterruptedException) thrown.get()).run();
        assertEquals(run, Run.last());
        assertTrue(run.stopReason().startsWith("interrupted in epoch"), run.stopReason());
        assertTrue(thrown.get().getMessage().startsWith("Training was interrupted in epoch"), thrown.get().getMessage());
        float[][] p = run.predict(air.test());
        assertEquals(air.test().size(), p.length, "the interrupted run still predicts");
        run.close();
    }

    @Test
    void recordHoldsWhatReproductionNeeds() {
        try (Run run = Experiment.of(Stack.gru(4), Fixtures.air()).epochs(1).seed(77).threads(1).train()) {
            RunRecord r = run.record();
            assertEquals(77, r.seed());
            assertEquals(1, r.threads());
            assertEquals("f65d5c335c549f96a56756dfc8750d4cb1c32f1f257f0839655de589671dc80c", r.dataSha256());
            assertEquals("2.7.1", r.versions().get("pytorch"));
            assertEquals("0.35.0", r.versions().get("djl"));
            assertEquals(run.network().parameterCount(), r.parameters());
            assertEquals(r, RunRecord.fromJson(r.toJson()));
            assertTrue(run.toString().contains("seed 77, 1 threads"), run.toString());
        }
    }

    @Test
    void aSecondJvmWithTheSameSeedGivesTheSameHistory() throws Exception {
        String here;
        try (Run run = ReproMain.train()) {
            here = ReproMain.fingerprint(run);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Dai.djl.offline=true");
        cmd.add(ReproMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        Process p = pb.start();
        String there;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            there = r.lines().collect(Collectors.joining("\n"));
        }
        assertEquals(0, p.waitFor());
        assertNotNull(there);
        assertEquals(here, there);
    }
}
