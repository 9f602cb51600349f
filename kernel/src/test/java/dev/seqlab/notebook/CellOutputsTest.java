package dev.seqlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.train.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellOutputsTest {

    @Test
    void updatesReplaceEveryOutputOfTheirDisplayAndUnknownIdsAreIgnored() {
        CellOutputs o = new CellOutputs(3, null);
        o.display(Map.of("text/plain", "a"), "id1");
        o.stream("stdout", "x\n");
        o.display(Map.of("text/plain", "b"), null);
        o.updateDisplay(Map.of("text/plain", "a2", "text/html", "<b>a2</b>"), "id1");
        o.updateDisplay(Map.of("text/plain", "zzz"), "unknown");
        o.result(Map.of("text/plain", "1\n2"));
        assertEquals("[{\"output_type\":\"display_data\",\"data\":{\"text/plain\":[\"a2\"],\"text/html\":[\"<b>a2</b>\"]},\"metadata\":{}},"
                        + "{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":[\"x\\n\"]},"
                        + "{\"output_type\":\"display_data\",\"data\":{\"text/plain\":[\"b\"]},\"metadata\":{}},"
                        + "{\"output_type\":\"execute_result\",\"execution_count\":3,\"data\":{\"text/plain\":[\"1\\n\",\"2\"]},\"metadata\":{}}]",
                o.toJson().toString().replace("\"text/html\":[\"<b>a2</b>\"],\"text/plain\":[\"a2\"]", "\"text/plain\":[\"a2\"],\"text/html\":[\"<b>a2</b>\"]"));
    }

    @Test
    void streamsMergeAndImagesStayOneString() {
        CellOutputs o = new CellOutputs(1, null);
        o.stream("stdout", "a");
        o.stream("stdout", "b\nc\n");
        o.stream("stderr", "e\n");
        o.stream("stdout", "d\n");
        o.display(Map.of("image/png", "iVBORw0K", "text/plain", "chart"), null);
        assertEquals("[{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":[\"ab\\n\",\"c\\n\"]},"
                + "{\"output_type\":\"stream\",\"name\":\"stderr\",\"text\":[\"e\\n\"]},"
                + "{\"output_type\":\"stream\",\"name\":\"stdout\",\"text\":[\"d\\n\"]}]",
                o.toJson().asList().subList(0, 3).toString().replace("}, {", "},{"));
        assertEquals("\"iVBORw0K\"", o.toJson().get(3).getAsJsonObject().getAsJsonObject("data").get("image/png").toString());
    }

    @Test
    void clearOutputWaitsForTheNextOutput() {
        CellOutputs o = new CellOutputs(1, null);
        o.stream("stdout", "old\n");
        o.clearOutput(true);
        assertEquals(1, o.size());
        o.stream("stdout", "new\n");
        assertEquals(1, o.size());
        assertEquals("new\n", Notebook.text(o.toJson().get(0).getAsJsonObject().get("text")));
        o.clearOutput(false);
        assertEquals(0, o.size());
    }

    @Test
    void logOutputEchoesAsOutputsCome() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CellOutputs o = new CellOutputs(1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        o.stream("stdout", "hello\n");
        o.result(Map.of("text/plain", "42"));
        o.error("X", "bad", List.of("\u001b[1;31mX\u001b[0m: bad"));
        assertEquals("hello\n42\nX: bad\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void headlessProgressLinesAreThrottledAndSilentOutsideARun() {
        Progress p = new Progress("LSTM 1x16", 2, 10, 3, 5, 0.5, 0.25, 1e-3, 4.0, List.of(0.9), List.of(0.8));
        assertEquals("      LSTM 1x16: epoch 2/10, train loss 0.5000, validation loss 0.2500, 16%, ETA 21 s", HeadlessProgress.line(p, null));
        assertEquals("      LSTM 1x16: epoch 2/10, train loss 0.5000, validation loss 0.2500, done in 4.0 s", HeadlessProgress.line(p, "done"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeadlessProgress.target(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            var listeners = dev.seqlab.train.TrainingListener.globals();
            listeners.forEach(l -> {
                for (int i = 0; i < 100; i++) {
                    l.onStep(p);
                }
            });
            assertEquals("", bytes.toString(StandardCharsets.UTF_8), "at most one line every 3 s");
            listeners.forEach(l -> l.onEnd(p, "run"));
            assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("done in 4.0 s"));
        } finally {
            HeadlessProgress.target(null);
        }
        bytes.reset();
        dev.seqlab.train.TrainingListener.globals().forEach(l -> l.onEnd(p, "run"));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "silent when no run is active (the Jupyter kernel)");
    }

    @Test
    void headlessLineOfASweepShowsTrialsAndEtaWithoutEpochsOrLosses() {
        List<dev.seqlab.train.Progress> seen = new java.util.ArrayList<>();
        dev.seqlab.train.TrainingListener capture = new dev.seqlab.train.TrainingListener() {
            @Override
            public void onStep(Progress p) {
                seen.add(p);
            }
        };
        var trials = dev.seqlab.sweep.Sweep.over(dev.seqlab.sweep.Grid.of("X", 1)).replicates(4).trials();
        var progress = new dev.seqlab.sweep.SweepProgress("seeds", trials.size(), null, List.of(capture));
        progress.started(trials.get(0));
        progress.finished(dev.seqlab.sweep.TrialResult.ok(trials.get(0), 1.0, Map.of("y", 1.0)));
        Progress p = seen.get(seen.size() - 1);
        String line = HeadlessProgress.line(p, null);
        assertTrue(line.startsWith("      seeds: 1/4 trials done, 0 running, 0 failed, 25%, ETA "), line);
        String end = HeadlessProgress.line(p, "done");
        assertTrue(end.startsWith("      seeds: 1/4 trials done, 0 running, 0 failed, done in "), end);
        for (String s : List.of(line, end)) {
            assertTrue(!s.contains("epoch") && !s.contains("loss"), s);
        }
    }
}
