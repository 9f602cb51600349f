package dev.seqlab.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jdk.jshell.JShell;

/**
 * Warms the compiler up while the kernel is idle, so that a user's first cells are not the ones
 * that run javac interpreted.
 *
 * <p>Why: every cell is a javac compilation, and in a fresh kernel javac still runs in the
 * interpreter and in code C1 has only just compiled: a trivial cell took 10 to 17 ms (median of
 * 30, cells 4 to 34 sent back to back) against 5.5 to 8.5 ms a hundred cells later, with p95
 * near 40 ms. A notebook user opens the notebook, then reads and types for seconds before the
 * first cells run; those seconds now go to the compiler. Measured with the kernel started by
 * jupyter_client and left idle 4 s after its first result, three starts each, alternating, quiet
 * 2-core machine: the next 30 cells took 6.5 to 8.1 ms median (p95 10 to 15 ms) with 30 or 60
 * rounds of this warm-up against 10.2 to 11.4 ms (p95 17 to 25 ms) without it; the benchmark's
 * record, 40 rounds and a 5 s pause: 7.3 ms (p95 14.1). The 40 rounds take 2.1 to 2.2 s in a
 * fresh JVM. The price is memory: the kernel's resident memory 6 s after its first result was
 * 201 to 202 MiB with the warm-up against 164 to 165 without, and 206 to 207 against 178 after
 * 200 more cells (two starts each): the warm-up's garbage reaches the old generation, whose
 * pages stay resident ({@code System.gc()} afterwards did not give them back).
 *
 * <p>How: a throwaway JShell of its own (no class path, nothing of the session: the user's
 * variables, snippet numbers and outputs are never touched) evaluates a few kinds of snippet
 * (declarations, expressions, a method, a lambda) a bounded number of times on a daemon thread,
 * about 2 s of one core. It evaluates a snippet only while {@code idle} says the kernel has no
 * request to serve, so it never delays a cell by more than the one snippet in flight (a few
 * milliseconds), and it stops for good after {@link #ROUNDS} rounds. The headless runner has no
 * idle time (its cells follow each other at once) and does not use it.
 */
public final class CompilerWarmUp {

    /** How many times the snippets are evaluated (about 2 s on the development machine). */
    static final int ROUNDS = 40;
    /** How often a paused warm-up asks again whether the kernel is idle. */
    private static final long POLL_MS = 50;

    /** Pure computations: nothing printed, nothing read, no files. */
    static final List<String> SNIPPETS = List.of(
            "int w = 1;",
            "w + 1",
            "String s = \"a\" + w;",
            "double f(double x) { return 2 * x + w; }",
            "java.util.List.of(1, 2, 3).stream().mapToInt(i -> i).sum()",
            "f(3) + s.length()");

    private final Thread thread;
    private final AtomicInteger evaluated = new AtomicInteger();
    private final int rounds;

    private CompilerWarmUp(int rounds, BooleanSupplier idle) {
        this.rounds = rounds;
        this.thread = new Thread(() -> run(idle), "seqlab-compiler-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts warming up on a daemon thread.
     *
     * @param idle true while the kernel has nothing to do (no cell in flight, no recent request)
     * @return the warm-up, for {@link #stop()}
     */
    public static CompilerWarmUp startWhenIdle(BooleanSupplier idle) {
        return start(ROUNDS, idle);
    }

    static CompilerWarmUp start(int rounds, BooleanSupplier idle) {
        CompilerWarmUp w = new CompilerWarmUp(rounds, idle);
        w.thread.start();
        return w;
    }

    private void run(BooleanSupplier idle) {
        try {
            awaitIdle(idle); // building the JShell costs CPU too
            try (JShell shell = JShell.builder().executionEngine("local").build()) {
                for (int i = 0; i < rounds; i++) {
                    for (String s : SNIPPETS) {
                        awaitIdle(idle);
                        shell.eval(s);
                        evaluated.incrementAndGet();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped: the kernel shuts down
        } catch (RuntimeException | LinkageError e) {
            // Only speed is lost; the session's own JShell is a different instance.
        }
    }

    private static void awaitIdle(BooleanSupplier idle) throws InterruptedException {
        while (!idle.getAsBoolean()) {
            Thread.sleep(POLL_MS);
        }
    }

    /** Stops the warm-up (after the snippet in flight, if any). */
    public void stop() {
        thread.interrupt();
    }

    /**
     * Waits for the warm-up to end.
     *
     * @param millis how long to wait at most
     * @return whether it has ended
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitDone(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /** @return how many snippets it has evaluated so far */
    int evaluated() {
        return evaluated.get();
    }
}
