package dev.seqlab.notebook;

import java.time.Duration;

/**
 * The {@code --timeout} of a headless run: interrupts the engine when a cell runs past the limit,
 * and again every 250 ms until the cell ends (one interrupt can be swallowed by code that catches
 * everything). {@link CellLoop} starts one per cell.
 */
final class CellWatchdog {
    private final Thread thread;
    private volatile boolean done;
    private volatile boolean fired;

    private CellWatchdog(Runnable interrupt, Duration limit) {
        thread = new Thread(() -> {
            long deadline = System.nanoTime() + limit.toNanos();
            try {
                long left;
                while (!done && (left = deadline - System.nanoTime()) > 0) {
                    Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
                }
                while (!done) {
                    fired = true;
                    interrupt.run();
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "seqlab-run-timeout");
        thread.setDaemon(true);
    }

    /**
     * Starts watching a cell.
     *
     * @param interrupt stops the running cell (the engine's interrupt)
     * @param limit how long the cell may run
     * @return the running watchdog
     */
    static CellWatchdog start(Runnable interrupt, Duration limit) {
        CellWatchdog dog = new CellWatchdog(interrupt, limit);
        dog.thread.start();
        return dog;
    }

    /** Ends the watchdog and waits for it, so that it can never interrupt the next cell. */
    void stop() {
        done = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true once it has interrupted the cell */
    boolean fired() {
        return fired;
    }
}
