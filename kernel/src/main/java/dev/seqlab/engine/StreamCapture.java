package dev.seqlab.engine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what cells write to {@code System.out} or {@code System.err} and hands it to the
 * current {@link Outputs} in chunks: at a newline once 50 ms have passed since the last chunk,
 * on {@link #drain()} (the engine's timer calls it every 100 ms and at the end of a cell).
 */
final class StreamCapture extends OutputStream {

    private final String name;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile Outputs sink = Outputs.NONE;
    private long lastDrain;

    StreamCapture(String name) {
        this.name = name;
    }

    /** @return a print stream (UTF-8) writing into this capture */
    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    /** @param sink where drained text goes from now on */
    void target(Outputs sink) {
        drain();
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (b == '\n') {
            maybeDrain();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        if (len > 0 && b[off + len - 1] == '\n') {
            maybeDrain();
        }
    }

    private void maybeDrain() {
        if (System.nanoTime() - lastDrain > 50_000_000L || buffer.size() > 64 * 1024) {
            drain();
        }
    }

    /** Sends everything buffered to the sink now. */
    void drain() {
        String text;
        synchronized (this) {
            lastDrain = System.nanoTime();
            if (buffer.size() == 0) {
                return;
            }
            text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
        }
        sink.stream(name, text);
    }
}
