package dev.seqlab.train;

import dev.seqlab.model.Stack;
import dev.seqlab.runtime.Torch;
import tech.tablesaw.api.Table;

/**
 * A notebook session in miniature, run in a fresh JVM by {@link ReproducibilityTest}: the engine
 * loads on the main thread (as the kernel's first cell does), then one experiment trains three
 * times: twice on new threads (JShell runs every cell on a new thread) and once on the main
 * thread. Prints each run's losses bit for bit, one line per run.
 */
public final class SessionMain {

    private SessionMain() {}

    static Experiment experiment() {
        return Experiment.of(Stack.lstm(32).layers(2).attention(), Fixtures.air()).adam(5e-3).epochs(3).batch(16).seed(42);
    }

    /** @return the run's train and validation losses and its test predictions, as exact bits */
    static String bits(Run run) {
        Table h = run.history();
        StringBuilder s = new StringBuilder();
        for (String column : new String[] {"train_loss", "val_loss"}) {
            s.append(column).append(':');
            for (double d : h.doubleColumn(column).asDoubleArray()) {
                s.append(' ').append(Double.toHexString(d));
            }
            s.append("; ");
        }
        s.append("test:");
        for (float[] row : run.predictRaw(run.data().test())) {
            for (float f : row) {
                s.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(f)));
            }
        }
        return s.toString();
    }

    private static String trainOnNewThread() throws InterruptedException {
        String[] out = new String[1];
        Thread cell = new Thread(() -> {
            try (Run run = experiment().train()) {
                out[0] = bits(run);
            }
        });
        cell.start();
        cell.join();
        return out[0];
    }

    /**
     * Entry point.
     *
     * @param args ignored
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        Torch.engine();
        System.out.println("cell-1 " + trainOnNewThread());
        System.out.println("cell-2 " + trainOnNewThread());
        try (Run run = experiment().train()) {
            System.out.println("main " + bits(run));
        }
    }
}
