package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seqlab.model.Stack;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Quietly.run keeps the global listeners (the notebook's live display) out of its trainings only. */
class QuietlyTest {

    @Test
    void globalListenersSkipQuietRunsOnly() {
        AtomicInteger ends = new AtomicInteger();
        Supplier<TrainingListener> factory = () -> new TrainingListener() {
            @Override
            public void onEnd(Progress p, Object result) {
                ends.incrementAndGet();
            }
        };
        AtomicInteger own = new AtomicInteger();
        TrainingListener mine = new TrainingListener() {
            @Override
            public void onEnd(Progress p, Object result) {
                own.incrementAndGet();
            }
        };
        TrainingListener.GLOBAL.add(factory);
        try {
            Experiment e = Experiment.of(Stack.gru(4), Fixtures.air()).epochs(1).batch(64).seed(1).listener(mine);
            Quietly.run(() -> {
                e.train().close();
                return null;
            });
            assertEquals(0, ends.get(), "no global listener inside Quietly.run");
            assertEquals(1, own.get(), "the experiment's own listener still runs");
            e.train().close();
            assertEquals(1, ends.get(), "global listeners are back afterwards");
        } finally {
            TrainingListener.GLOBAL.remove(factory);
        }
    }
}
