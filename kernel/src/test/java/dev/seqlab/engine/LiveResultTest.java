package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A trained run is shown once: the live training display ends showing the run, so a cell ending
 * in {@code run} gets no second copy as its result; an interrupted training leaves the live
 * display in its last state.
 */
class LiveResultTest {

    static SeqLabEngine engine;

    @BeforeAll
    static void start() {
        engine = SeqLabEngine.create();
        Path csv = Path.of(System.getProperty("seqlab.root", "..")).toAbsolutePath().normalize().resolve("datasets/airpassengers.csv");
        RecordingOutputs out = new RecordingOutputs();
        assertTrue(engine.eval("var air = Series.csv(\"" + csv + "\", \"passengers_thousands\")"
                + ".windows(12).scale(Scaling.STANDARD).difference().split(0.7, 0.15);", out).ok(), out.events.toString());
        // One finished training first, so the interrupt test cannot stop the cell thread while a
        // class of the training code is still being initialised (a JVM then refuses that class
        // for good: "Could not initialize class dev.seqlab.train.Run").
        assertTrue(engine.eval("Experiment.of(Stack.lstm(4), air).epochs(1).batch(16).seed(1).train();", out).ok(), out.events.toString());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** What a display shows at the end: its last display or update. */
    static String finalText(RecordingOutputs out, String id) {
        List<RecordingOutputs.Event> shown = out.events.stream()
                .filter(e -> (e.kind().equals("display") || e.kind().equals("update")) && id.equals(e.id())).toList();
        return (String) shown.get(shown.size() - 1).bundle().get("text/plain");
    }

    @Test
    void aCellEndingInItsRunShowsTheRunOnce() {
        RecordingOutputs out = new RecordingOutputs();
        EvalResult r = engine.eval("var run = Experiment.of(Stack.lstm(8), air).name(\"once\").epochs(3).batch(16).seed(1).train();\nrun", out);
        assertTrue(r.ok(), out.events.toString());
        List<RecordingOutputs.Event> displays = out.of("display");
        assertEquals(1, displays.size(), "one live display: " + out.events);
        String shown = finalText(out, displays.get(0).id());
        assertTrue(shown.startsWith("Run[once]"), "the live display ends showing the run: " + shown);
        assertTrue(((String) out.events.stream().filter(e -> e.id() != null).reduce((a, b) -> b).orElseThrow().bundle().get("text/html"))
                .contains("data:image/png;base64,"), "with its loss chart");
        assertEquals(List.of(), out.of("result"), "no second copy as the cell's result");

        // The same run asked for in a later cell is that cell's result, as any value.
        RecordingOutputs later = new RecordingOutputs();
        assertTrue(engine.eval("run", later).ok());
        assertEquals(1, later.of("result").size());
        assertTrue(((String) later.of("result").get(0).bundle().get("text/plain")).startsWith("Run[once]"));
        // Another value at the end of a training cell is still its result.
        RecordingOutputs other = new RecordingOutputs();
        assertTrue(engine.eval("var run2 = Experiment.of(Stack.gru(8), air).name(\"two\").epochs(2).batch(16).seed(1).train();\nrun2.name()", other).ok());
        assertEquals(1, other.of("result").size(), other.events.toString());
        assertTrue(((String) other.of("result").get(0).bundle().get("text/plain")).contains("two"), other.events.toString());
        assertTrue(finalText(other, other.of("display").get(0).id()).startsWith("Run[two]"));
    }

    @Test
    void anInterruptedTrainingLeavesItsLiveDisplayInItsLastState() throws Exception {
        RecordingOutputs out = new RecordingOutputs();
        CompletableFuture<EvalResult> f = CompletableFuture.supplyAsync(() -> engine.eval(
                "var long_ = Experiment.of(Stack.lstm(8), air).name(\"long\").epochs(100000).batch(16).seed(1).train();\nlong_", out));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (out.of("update").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(out.of("update").isEmpty(), "the live display was updated during training: " + out.events);
        engine.interrupt();
        EvalResult r = f.get(10, TimeUnit.SECONDS);
        assertEquals(EvalResult.Status.INTERRUPTED, r.status());
        String id = out.of("display").get(0).id();
        String last = finalText(out, id);
        // Either the training loop ended cooperatively and the display shows the run it kept, or
        // the cell was stopped and the display shows its last progress; it is never emptied.
        assertTrue(last.startsWith("Run[long]") && last.contains("interrupted in epoch") || last.startsWith("long: epoch "),
                "the display keeps its last state: " + last);
        assertEquals(List.of(), out.of("clear"), "nothing cleared");
        assertEquals(List.of(), out.of("result"));
        assertEquals(1, out.of("error").size(), "the interruption is reported once: " + out.events);
    }
}
