package dev.seqlab.engine;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The session's stdout and stderr: JShell and, while a cell runs, {@code System.out} and
 * {@code System.err} write here; a timer hands the text to the cell's {@link Outputs} every
 * 100 ms, so long cells show their printing as it happens.
 */
final class CellStreams implements AutoCloseable {

    private final StreamCapture out = new StreamCapture("stdout");
    private final StreamCapture err = new StreamCapture("stderr");
    private final PrintStream outStream = out.printStream();
    private final PrintStream errStream = err.printStream();
    private final ScheduledExecutorService flusher;
    private PrintStream savedOut;
    private PrintStream savedErr;

    CellStreams() {
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seqlab-stream-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(() -> {
            out.drain();
            err.drain();
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** @return the stream JShell's stdout goes to */
    PrintStream out() {
        return outStream;
    }

    /** @return the stream JShell's stderr goes to */
    PrintStream err() {
        return errStream;
    }

    /** @param target where the streams go from now on (the cell about to run) */
    void target(Outputs target) {
        out.target(target);
        err.target(target);
    }

    /** Points {@code System.out} and {@code System.err} here until {@link #restoreSystem()}. */
    void captureSystem() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(outStream);
        System.setErr(errStream);
    }

    /** Hands on what is buffered and gives {@code System.out} and {@code System.err} back. */
    void restoreSystem() {
        flush();
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** Hands what is buffered to the current outputs now. */
    void flush() {
        outStream.flush();
        errStream.flush();
        out.drain();
        err.drain();
    }

    /** @param text text for the cell's stdout, sent at once */
    void print(String text) {
        outStream.print(text);
        outStream.flush();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
