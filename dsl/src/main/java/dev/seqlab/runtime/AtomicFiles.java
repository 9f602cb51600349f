package dev.seqlab.runtime;

import dev.seqlab.SeqLabException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a crash never leaves a half-written one: the bytes go to a temporary
 * file in the same folder, which is then renamed over the target in one step.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes bytes into an output stream; may throw I/O errors. */
    @FunctionalInterface
    public interface Writer {
        /** @param out the stream to write to @throws IOException on failure */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param target the file to create or replace
     * @param writer what to write
     * @throws SeqLabException if the file cannot be written (the old file, if any, is untouched)
     */
    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SeqLabException("Could not write " + abs + " (" + e.getMessage() + "); check that the folder is writable and the disk is not full.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the target is what matters
                }
            }
        }
    }

    /**
     * Writes UTF-8 text atomically.
     *
     * @param target the file
     * @param text the content
     */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
