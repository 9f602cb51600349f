package dev.seqlab.train;

import dev.seqlab.model.Stack;

/** Trains one fixed experiment and prints its history; run in a second JVM by a test. */
public final class ReproMain {

    private ReproMain() {}

    static Run train() {
        return Experiment.of(Stack.lstm(8).layers(2).dropout(0.3), Fixtures.air()).epochs(3).batch(16).seed(2024).threads(1).train();
    }

    static String fingerprint(Run run) {
        return TrainingTest.withoutTimes(run.history()).strip();
    }

    /**
     * Entry point.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Run run = train()) {
            System.out.println(fingerprint(run));
        }
    }
}
