package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

class CompilerWarmUpTest {

    @Test
    void everyWarmUpSnippetCompilesAndRuns() {
        // A snippet that failed to compile would warm only javac's error path.
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String s : CompilerWarmUp.SNIPPETS) {
                for (SnippetEvent ev : shell.eval(s)) {
                    assertEquals(Snippet.Status.VALID, ev.status(), s);
                    assertNull(ev.exception(), s);
                }
            }
        }
    }

    @Test
    void waitsWhileTheKernelIsBusyThenFinishes() throws InterruptedException {
        AtomicBoolean idle = new AtomicBoolean(false);
        CompilerWarmUp w = CompilerWarmUp.start(2, idle::get);
        Thread.sleep(400);
        assertEquals(0, w.evaluated(), "evaluated while the kernel was busy");
        idle.set(true);
        assertTrue(w.awaitDone(60_000), "the warm-up did not end");
        assertEquals(2 * CompilerWarmUp.SNIPPETS.size(), w.evaluated());
    }

    @Test
    void stopEndsAPausedWarmUp() throws InterruptedException {
        CompilerWarmUp w = CompilerWarmUp.start(5, () -> false);
        w.stop();
        assertTrue(w.awaitDone(10_000), "the warm-up did not stop");
        assertEquals(0, w.evaluated());
    }
}
