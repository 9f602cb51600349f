package dev.seqlab.runtime;

import dev.seqlab.SeqLabException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes files so that a crash never leaves a half-written one: the bytes go to a temporary
 * file in the same folder, which is then renamed over the target in one step.
 *
 * <p>What the user set up survives a write: a replaced file keeps its mode (a new one gets the
 * umask's default, as any program's would), and when the target is a symbolic link the file it
 * points to is replaced, not the link. The temporary file is named
 * {@code .NAME.PID.RANDOM.seqlab.tmp}; one left by a process killed mid-write is removed by the
 * next write of the same target once that process is gone, and nothing else is ever removed.
 */
public final class AtomicFiles {

    /** Our temporary names: dot, target name, writer's pid, random, fixed suffix. */
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)\\.([0-9a-z]+)\\.seqlab\\.tmp");
    private static final String SUFFIX = ".seqlab.tmp";
    private static final int MAX_LINKS = 40;

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
     * @param target the file to create or replace (a symbolic link: the file it points to)
     * @param writer what to write
     * @throws SeqLabException if the file cannot be written (the old file, if any, is untouched)
     */
    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path tmp = null;
        try {
            abs = followLinks(abs);
            Path dir = abs.getParent();
            Files.createDirectories(dir);
            removeStaleTemps(abs);
            tmp = createTemp(abs);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            keepMode(abs, tmp);
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
                    // the temporary file is hidden and harmless; the next write of the target removes it
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

    /**
     * Says whether a file name is one of the temporary names {@link #write} uses.
     *
     * @param fileName a file name without folder
     * @return true for {@code .NAME.PID.RANDOM.seqlab.tmp}
     */
    public static boolean isTempName(String fileName) {
        return TEMP.matcher(fileName).matches();
    }

    /**
     * Says whether a process runs on this machine; a writer's temporary file is stale once it is gone.
     *
     * @param pid a process id
     * @return true while the process runs
     */
    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Follows a chain of symbolic links to the file that is really written (it may not exist yet). */
    private static Path followLinks(Path p) throws IOException {
        Path q = p;
        for (int i = 0; Files.isSymbolicLink(q); i++) {
            if (i == MAX_LINKS) {
                throw new IOException("too many levels of symbolic links");
            }
            q = q.getParent().resolve(Files.readSymbolicLink(q)).normalize();
        }
        return q;
    }

    /**
     * Creates the temporary file without attributes, so the umask gives it the default mode of a
     * new file (Files.createTempFile would make it 0600, and the rename would pass that on).
     */
    private static Path createTemp(Path target) throws IOException {
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
        while (true) {
            Path tmp = target.resolveSibling(prefix + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + SUFFIX);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // practically never: draw another name
            }
        }
    }

    /** Gives the new file the mode of the file it replaces. */
    private static void keepMode(Path target, Path tmp) {
        if (!Files.isRegularFile(target)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system, or not ours to read: the default mode stays
        }
    }

    /** Removes temporary files of this target whose writer is gone (a kill -9 mid-write); only our own names. */
    private static void removeStaleTemps(Path target) {
        String name = target.getFileName().toString();
        try (Stream<Path> list = Files.list(target.getParent())) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = TEMP.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(name) && !isAlive(Long.parseLong(m.group(2)))
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // cleaning up is a courtesy; the write itself must not fail for it
        }
    }
}
