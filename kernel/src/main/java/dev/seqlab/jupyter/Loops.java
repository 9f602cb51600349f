package dev.seqlab.jupyter;

import io.github.spencerpark.jupyter.channels.Loop;

/** Waiting for basekernel's socket loops: each loop thread closes its own socket on its way out. */
final class Loops {

    private Loops() {}

    /**
     * Waits for a loop thread to end.
     *
     * @param loop the loop, or null when it never started
     * @param millis how long to wait, 0 for as long as it takes
     * @return whether the loop has ended
     */
    static boolean awaitStopped(Loop loop, long millis) {
        if (loop == null) {
            return true;
        }
        try {
            loop.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !loop.isAlive();
    }
}
