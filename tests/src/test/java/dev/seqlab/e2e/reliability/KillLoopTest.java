package dev.seqlab.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.seqlab.notebook.Notebook;
import dev.seqlab.train.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at the worst moments, ten times each (bounded): the headless runner while it writes the
 * executed notebook (the old output or a complete new one must be there afterwards, never a torn
 * file), and a process while it saves a checkpoint over and over ({@code Run.load} must load what
 * is there).
 */
class KillLoopTest {

    private static final int TRIES = 10;
    /** Cell output big enough that writing the notebook takes a noticeable time. */
    private static final int CHARS = 20_000_000;

    @TempDir
    Path dir;

    @Test
    void runnerKilledWhileWritingLeavesTheOldOrACompleteNewNotebook() throws Exception {
        Path nb = dir.resolve("big.ipynb");
        Notebook book = Notebook.empty();
        book.cells().add(book.newCodeCell("System.out.print(\"x\".repeat(" + CHARS + "));", List.of()));
        book.write(nb);
        Path out = dir.resolve("big.out.ipynb");
        Cli.Result first = Cli.run(dir, 300, "run", "big.ipynb", "-o", out.toString());
        assertEquals(0, first.exitCode(), first.stderr());
        String old = Files.readString(out);
        int duringWrite = 0;
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Process p = Cli.start(dir, dir.resolve("stdout.txt"), dir.resolve("stderr.txt"), "run", "big.ipynb", "-o", out.toString());
            try {
                boolean seen = false;
                long deadline = System.currentTimeMillis() + 300_000;
                while (p.isAlive() && System.currentTimeMillis() < deadline) {
                    if (tempFileOf(out)) {
                        seen = true;
                        break;
                    }
                    Thread.sleep(1);
                }
                Thread.sleep(i * 7L % 40); // kill at different points of the write
                p.destroyForcibly(); // SIGKILL: the launcher execs java, so this is the runner itself
                p.waitFor(30, TimeUnit.SECONDS);
                duringWrite += seen ? 1 : 0;
            } finally {
                p.destroyForcibly();
            }
            String now = Files.readString(out);
            if (now.equals(old)) {
                continue;
            }
            try {
                JsonObject cell = Notebook.parse(now, out.toString()).cells().get(0).getAsJsonObject();
                int length = Notebook.text(cell.getAsJsonArray("outputs").get(0).getAsJsonObject().get("text")).length();
                if (length != CHARS) {
                    lost.add("try " + i + ": the new notebook holds " + length + " of " + CHARS + " characters");
                }
            } catch (RuntimeException e) {
                lost.add("try " + i + ": a torn notebook: " + e.getMessage());
            }
        }
        System.out.println("runner kill -9: " + TRIES + " tries, " + duringWrite + " while its temporary file existed, "
                + (TRIES - lost.size()) + " left a valid notebook");
        assertTrue(lost.isEmpty(), String.join("\n", lost));
        assertTrue(duringWrite >= TRIES / 2, "only " + duringWrite + " kills landed during the write; the test did not test much");
        // The next run completes, and the stale temporary files of the killed writers are cleared.
        Cli.Result last = Cli.run(dir, 300, "run", "big.ipynb", "-o", out.toString());
        assertEquals(0, last.exitCode(), last.stderr());
        assertTrue(!tempFileOf(out), "stale temporary files are left next to " + out);
    }

    @Test
    void processKilledWhileSavingACheckpointLeavesOneThatLoads() throws Exception {
        Path ckpt = dir.resolve("ckpt");
        Path csv = KernelProcess.root().resolve("datasets/airpassengers.csv");
        Path script = dir.resolve("save-loop.jsh");
        Files.writeString(script, String.join("\n",
                "var air = Series.csv(\"" + csv + "\", \"passengers_thousands\").windows(12).horizon(1).split(0.7, 0.15);",
                "var run = Experiment.of(Stack.lstm(4), air).epochs(1).seed(3).train();",
                "for (int i = 1; ; i++) { run.save(\"" + ckpt + "\"); System.out.println(\"saved \" + i); }",
                ""));
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Path stdout = dir.resolve("save-" + i + ".txt");
            Process p = Cli.start(dir, stdout, dir.resolve("save-err.txt"), "run", script.toString());
            try {
                long deadline = System.currentTimeMillis() + 300_000;
                while (p.isAlive() && System.currentTimeMillis() < deadline && !Files.readString(stdout).contains("saved 1\n")) {
                    Thread.sleep(5);
                }
                assertTrue(p.isAlive(), "the save loop ended by itself: " + Files.readString(dir.resolve("save-err.txt")));
                Thread.sleep(13L * i % 97); // kill at different points of a save
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            } finally {
                p.destroyForcibly();
            }
            try (Run run = Run.load(ckpt.toString())) {
                if (run.history().rowCount() < 1) {
                    lost.add("try " + i + ": a loaded run with no history");
                }
            } catch (RuntimeException e) {
                lost.add("try " + i + ": " + e.getMessage());
            }
        }
        System.out.println("checkpoint kill -9: " + TRIES + " tries, " + (TRIES - lost.size()) + " loadable");
        assertTrue(lost.isEmpty(), String.join("\n", lost));
    }

    /** Whether a temporary file of AtomicFiles for this target exists (.NAME.*.tmp). */
    private static boolean tempFileOf(Path target) throws Exception {
        String prefix = "." + target.getFileName();
        try (Stream<Path> s = Files.list(target.getParent())) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".tmp"));
        }
    }
}
