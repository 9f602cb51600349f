package dev.seqlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Scaling;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import dev.seqlab.train.Experiment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SweepTest {

    /** Values chosen so that every statistic is easy to work out by hand. */
    private static final Map<Long, Double> A = Map.of(1L, 10.0, 2L, 12.0, 3L, 11.0);
    private static final Map<Long, Double> B = Map.of(1L, 13.0, 2L, 14.0, 3L, 15.0);
    private static final double T2 = 4.302652729749464; // t(0.975, 2)

    private static SweepResult handSweep() {
        return Sweep.over(Grid.of("X", 1, 2)).replicates(3).measure(c -> Map.of("y", (c.getInt("X") == 1 ? A : B).get(c.seed())));
    }

    @Test
    void gridCombinationsAndSamplesAreInOrderAndRepeatable() {
        Grid g = Grid.of("LAYERS", 1, 2, 4).and("RESIDUAL", false, true);
        assertEquals(6, g.size());
        List<Config> all = g.configs();
        assertEquals("LAYERS=1, RESIDUAL=false", all.get(0).label());
        assertEquals("LAYERS=1, RESIDUAL=true", all.get(1).label());
        assertEquals("LAYERS=4, RESIDUAL=true", all.get(5).label());
        assertEquals(g.sample(3, 5), g.sample(3, 5));
        assertEquals(3, g.sample(3, 5).stream().distinct().count());
        assertEquals(all, g.sample(10, 1));
        SeqLabException e = assertThrows(SeqLabException.class, () -> Grid.of("A", 1, 1));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void trialsArePairedReplicateByReplicate() {
        List<Trial> t = Sweep.over(Grid.of("X", 1, 2)).seeds(7, 9).trials();
        assertEquals(List.of("c01-s7", "c02-s7", "c01-s9", "c02-s9"), t.stream().map(Trial::id).toList());
        assertEquals(t.get(0).seed(), t.get(1).seed());
        assertEquals(9, t.get(3).config().seed());
    }

    @Test
    void summaryAndPairedDifferenceEqualHandComputedValues() {
        SweepResult s = handSweep();
        Table sum = s.summary();
        assertEquals(List.of("X", "y_n", "y_mean", "y_std", "y_ci95_low", "y_ci95_high"), sum.columnNames());
        // A = 10, 12, 11: mean 11, std 1; half width t(0.975, 2) / sqrt(3) = 2.484138...
        double half = T2 / Math.sqrt(3);
        assertEquals(3, sum.intColumn("y_n").get(0));
        assertEquals(11.0, sum.doubleColumn("y_mean").get(0), 1e-12);
        assertEquals(1.0, sum.doubleColumn("y_std").get(0), 1e-12);
        assertEquals(11.0 - 2.4841377, sum.doubleColumn("y_ci95_low").get(0), 1e-6);
        assertEquals(11.0 + half, sum.doubleColumn("y_ci95_high").get(0), 1e-9);
        // B = 13, 14, 15: mean 14, std 1.
        assertEquals(14.0, sum.doubleColumn("y_mean").get(1), 1e-12);
        assertEquals(1.0, sum.doubleColumn("y_std").get(1), 1e-12);
        // Paired B - A per seed: 3, 2, 4: mean 3, std 1, interval 3 -/+ 2.484; excludes zero.
        Difference d = s.paired("y", Map.of("X", 2), Map.of("X", 1));
        assertEquals(3.0, d.estimate().mean(), 1e-12);
        assertEquals(1.0, d.estimate().std(), 1e-12);
        assertEquals(3.0 - half, d.estimate().low(), 1e-9);
        assertTrue(d.detected());
        assertTrue(d.sentence("y").startsWith("X=2 has a higher y than X=1"), d.sentence("y"));
        assertEquals(11.0, s.median("y", Map.of("X", 1)), 0); // 10, 12, 11 sorted: 10, 11, 12
        assertEquals(14.0, s.median("y", Map.of("X", 2)), 0);
    }

    @Test
    void anOverlappingIntervalSaysNoDifferenceDetectable() {
        SweepResult s = Sweep.over(Grid.of("X", 1, 2)).replicates(3)
                .measure(c -> Map.of("y", c.getInt("X") == 1 ? A.get(c.seed()) : A.get(c.seed() % 3 + 1)));
        Difference d = s.paired("y", Map.of("X", 2), Map.of("X", 1));
        assertFalse(d.detected());
        assertTrue(d.sentence("y").contains("no difference detectable with 3 seeds"), d.sentence("y"));
    }

    @Test
    void aFailingTrialIsRecordedWithOneSentenceAndTheOthersRun() {
        SweepResult s = Sweep.over(Grid.of("X", 1, 2)).replicates(3).measure(c -> {
            if (c.getInt("X") == 2 && c.seed() == 2) {
                throw new IllegalStateException("diverged\nat step 3");
            }
            return Map.of("y", (c.getInt("X") == 1 ? A : B).get(c.seed()));
        });
        assertEquals(6, s.trials().size());
        assertEquals(1, s.failed().size());
        assertEquals("IllegalStateException: diverged", s.failed().get(0).error());
        Table t = s.table();
        assertEquals("error", t.stringColumn("status").get(3));
        assertEquals(2, s.estimate("y", Map.of("X", 2)).n());
        assertEquals(14.0, s.estimate("y", Map.of("X", 2)).mean(), 1e-12); // 13 and 15
    }

    @Test
    void recordedValuesJoinTheTrialAndTheNotebooksOwnAreKept() {
        Recorded.clear();
        Recorded.record("before", 1);
        SweepResult s = Sweep.over(Grid.of("X", 1, 2)).measure(c -> {
            Recorded.record("twice", c.getInt("X") * 2);
            return Map.of();
        });
        assertEquals(List.of(2.0, 4.0), s.table().doubleColumn("twice").asList());
        assertEquals(Map.of("before", 1), Recorded.snapshot());
        Recorded.clear();
    }

    @Test
    void inProcessTrialsRefuseToRunSideBySide() {
        SeqLabException e = assertThrows(SeqLabException.class,
                () -> Sweep.over(Grid.of("X", 1)).parallel(2).measure(c -> Map.of()));
        assertTrue(e.getMessage().contains("seqlab sweep --parallel 2"), e.getMessage());
    }

    @Test
    void theSchedulerRunsTrialsSideBySideAndKeepsGoingAfterAFailure() {
        Sweep sweep = Sweep.over(Grid.of("X", 1, 2, 3)).replicates(2).parallel(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<TrialResult> seen = new ArrayList<>();
        List<TrialResult> out = sweep.run(sweep.trials(), t -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(50);
            running.decrementAndGet();
            if (t.id().equals("c02-s1")) {
                throw new SeqLabException("Trial c02-s1 failed on purpose.");
            }
            return TrialResult.ok(t, 0.05, Map.of("y", t.seed()));
        }, new Sweep.Listener() {
            @Override
            public synchronized void finished(TrialResult r) {
                seen.add(r);
            }
        });
        assertEquals(6, out.size());
        assertEquals(6, seen.size());
        assertEquals(2, most.get());
        assertEquals("Trial c02-s1 failed on purpose.", out.get(1).error());
        assertEquals(5, out.stream().filter(TrialResult::ok).count());
    }

    @Test
    void theSameTrainingSweepTwiceGivesIdenticalValues() {
        Series air = Series.csv("datasets/airpassengers.csv", "passengers_thousands").windows(12).scale(Scaling.STANDARD).difference()
                .split(0.7, 0.15);
        Sweep sweep = Sweep.over(Grid.of("HIDDEN", 4, 8)).replicates(2);
        SweepResult first = sweep.train(c -> Experiment.of(Stack.lstm(c.getInt("HIDDEN")), air).epochs(2).batch(16).threads(1));
        SweepResult second = sweep.train(c -> Experiment.of(Stack.lstm(c.getInt("HIDDEN")), air).epochs(2).batch(16).threads(1));
        assertEquals(4, first.trials().size());
        assertTrue(first.trials().stream().allMatch(TrialResult::ok), first.failed().toString());
        for (int i = 0; i < 4; i++) {
            assertEquals(first.trials().get(i).number("rmse"), second.trials().get(i).number("rmse"), 0.0);
        }
        // Different seeds really give different runs (the replicates are not copies).
        assertTrue(first.trials().get(0).number("rmse") != first.trials().get(2).number("rmse"));
        assertEquals(1, first.chart("rmse", "HIDDEN").chart().getSeriesMap().size());
        assertTrue(first.scatter("rmse", "HIDDEN").png().length > 1000);
        assertTrue(first.chart("rmse", "HIDDEN").png().length > 1000);
    }
}
