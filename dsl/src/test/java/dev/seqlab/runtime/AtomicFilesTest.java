package dev.seqlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes keep what the user set up: modes, links, and nothing but SeqLab's own stale temporary files goes (issue 17, item 11). */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aReplacedFileKeepsItsMode() throws IOException {
        Path file = Files.writeString(dir.resolve("out.ipynb"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.writeString(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals("rw-r-----", mode(file));
    }

    @Test
    void aNewFileGetsTheUmasksDefaultModeNotOwnerOnly() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe")); // what any program gets here under this umask
        Path file = dir.resolve("new.json");
        AtomicFiles.writeString(file, "{}");
        assertEquals(mode(probe), mode(file));
    }

    @Test
    void aSymbolicLinkIsFollowedNotReplaced() throws IOException {
        Path real = Files.createDirectories(dir.resolve("store")).resolve("results.ipynb");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("results.ipynb"), Path.of("store", "results.ipynb"));
        AtomicFiles.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(real));
        // A dangling link gets its target created.
        Path dangling = Files.createSymbolicLink(dir.resolve("later.txt"), dir.resolve("store").resolve("later.txt"));
        AtomicFiles.writeString(dangling, "made");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("store/later.txt")));
    }

    @Test
    void staleTemporaryFilesOfAKilledWriterAreRemovedAndNothingElse() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().pid();
        Path stale = Files.writeString(dir.resolve(".out.ipynb." + dead + ".k3j9x.seqlab.tmp"), "half");
        Path running = Files.writeString(dir.resolve(".out.ipynb." + alive + ".a1.seqlab.tmp"), "being written");
        Path otherTarget = Files.writeString(dir.resolve(".other.txt." + dead + ".b2.seqlab.tmp"), "not this target's");
        Path usersOwn = Files.writeString(dir.resolve(".out.ipynb.backup.tmp"), "mine");
        Path usersOwn2 = Files.writeString(dir.resolve("notes.tmp"), "mine");
        AtomicFiles.writeString(dir.resolve("out.ipynb"), "{}");
        assertFalse(Files.exists(stale), "a dead writer's temporary file is removed");
        assertTrue(Files.exists(running), "a live writer's temporary file stays");
        assertTrue(Files.exists(otherTarget), "another target's temporary file waits for that target's next write");
        assertTrue(Files.exists(usersOwn) && Files.exists(usersOwn2), "files with other names are never touched");
        assertEquals(List.of(".other.txt." + dead + ".b2.seqlab.tmp", ".out.ipynb." + alive + ".a1.seqlab.tmp", ".out.ipynb.backup.tmp",
                "notes.tmp", "out.ipynb"), names());
    }

    @Test
    void theTemporaryNameIsRecognised() {
        assertTrue(AtomicFiles.isTempName(".run.json.1234.5678.seqlab.tmp"));
        assertTrue(AtomicFiles.isTempName(".model.params.99.zz1.seqlab.tmp"));
        assertFalse(AtomicFiles.isTempName("run.json"));
        assertFalse(AtomicFiles.isTempName(".run.json1234.tmp"));
        assertFalse(AtomicFiles.isTempName(".run.json.pid.x.seqlab.tmp"));
    }
}
