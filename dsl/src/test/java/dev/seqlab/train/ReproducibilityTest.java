package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Histories are identical bit for bit within a session and across sessions, whichever thread
 * trains (issue 17, item 10), and a session starts without libtorch's deprecation warning
 * (item 11).
 */
class ReproducibilityTest {

    @TempDir
    Path tmp;

    private record Session(List<String> runs, String stderr) {}

    private Session session(String name) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true", SessionMain.class.getName());
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        Process p = pb.start();
        assertEquals(0, p.waitFor(), () -> "the session failed: " + read(err));
        List<String> runs = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            runs.add(line.substring(line.indexOf(' ') + 1));
        }
        assertEquals(3, runs.size(), () -> "three runs: " + read(out));
        return new Session(runs, read(err));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void everyRunInASessionAndInTheNextSessionIsIdenticalBitForBit() throws Exception {
        Session first = session("first");
        Session second = session("second");
        String reference = first.runs().get(0);
        assertAll(() -> assertEquals(reference, first.runs().get(1), "the second cell's run equals the first's"),
                () -> assertEquals(reference, first.runs().get(2), "a run on the engine's own thread equals one on a cell thread"),
                () -> assertEquals(first.runs(), second.runs(), "a second JVM gives the same runs"),
                // The warning came from DJL's NDArray.set(Buffer), which enters AutoNonVariableTypeMode; SeqLab writes values with Torch.assign.
                () -> assertFalse(first.stderr().contains("AutoNonVariableTypeMode"), first.stderr()));
    }
}
