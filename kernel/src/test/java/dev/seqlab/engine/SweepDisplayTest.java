package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.sweep.Grid;
import dev.seqlab.sweep.Sweep;
import dev.seqlab.sweep.SweepProgress;
import dev.seqlab.sweep.Trial;
import dev.seqlab.sweep.TrialResult;
import dev.seqlab.train.Progress;
import dev.seqlab.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sweep's progress in the kernel's live display shows the sweep's own state (trials done,
 * running, failed, how far, ETA) and none of a training's epoch and loss text, which means
 * nothing for a sweep ("epoch 1/1, train loss -").
 */
class SweepDisplayTest {

    @Test
    void liveDisplayOfASweepShowsTrialsAndEtaWithoutEpochsOrLosses() {
        List<Progress> seen = new ArrayList<>();
        TrainingListener capture = new TrainingListener() {
            @Override
            public void onStep(Progress p) {
                seen.add(p);
            }
        };
        List<Trial> trials = Sweep.over(Grid.of("X", 1, 2)).replicates(2).trials();
        SweepProgress progress = new SweepProgress("depth", trials.size(), null, List.of(capture));
        progress.started(trials.get(0));
        progress.finished(TrialResult.ok(trials.get(0), 1.0, Map.of("y", 1.0)));
        progress.started(trials.get(1));
        progress.finished(TrialResult.failed(trials.get(1), 1.0, "It broke."));
        progress.started(trials.get(2));
        Progress p = seen.get(seen.size() - 1);
        assertEquals(0.5, p.fraction(), 1e-12, "2 of 4 trials done");
        String text = (String) LiveProgress.bundle(p).get("text/plain");
        String html = (String) LiveProgress.bundle(p).get("text/html");
        assertTrue(text.startsWith("depth: 2/4 trials done, 1 running, 1 failed"), text);
        assertTrue(text.contains("50%") && text.contains("ETA "), text);
        for (String s : List.of(text, html)) {
            assertFalse(s.contains("epoch"), s);
            assertFalse(s.contains("loss"), s);
            assertFalse(s.contains("step"), s);
        }
        assertTrue(html.contains("<progress max=\"100\" value=\"50.0\""), html);
    }
}
