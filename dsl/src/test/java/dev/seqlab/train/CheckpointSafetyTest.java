package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.save never deletes what it did not write, and a crash between its two renames loses nothing (issue 17, item 1). */
class CheckpointSafetyTest {

    private static Series air;
    private static Run run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() {
        air = Fixtures.air();
        run = Experiment.of(Stack.lstm(4), air).epochs(1).seed(3).train();
    }

    @AfterAll
    static void close() {
        run.close();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFolderWithTheUsersFilesIsRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("results"));
        Files.writeString(dir.resolve("notes.txt"), "my notes");
        Files.createDirectories(dir.resolve("figures"));
        Files.writeString(dir.resolve("figures/loss.png"), "png");
        SeqLabException e = assertThrows(SeqLabException.class, () -> run.save(dir));
        assertEquals("Folder " + dir + " holds files that are not a SeqLab checkpoint (figures, notes.txt); "
                + "save the run to a new or empty folder, such as " + dir.resolve("checkpoint") + ".", e.getMessage());
        assertEquals("my notes", Files.readString(dir.resolve("notes.txt")));
        assertEquals("png", Files.readString(dir.resolve("figures/loss.png")));
        assertEquals(List.of("results"), names(tmp), "no staging or backup folder is left behind");
    }

    @Test
    void aCheckpointWithAnAddedUserFileIsRefused() throws IOException {
        Path dir = run.save(tmp.resolve("ckpt"));
        Files.writeString(dir.resolve("README.txt"), "what this run was");
        SeqLabException e = assertThrows(SeqLabException.class, () -> run.save(dir));
        assertTrue(e.getMessage().contains("(README.txt)"), e.getMessage());
        assertEquals("what this run was", Files.readString(dir.resolve("README.txt")));
    }

    @Test
    void aRegularFileIsRefusedAndLeftAlone() throws IOException {
        Path file = Files.writeString(tmp.resolve("data.csv"), "a,b\n1,2\n");
        SeqLabException e = assertThrows(SeqLabException.class, () -> run.save(file));
        assertEquals(file + " is a file, not a folder; give run.save a folder name, such as " + tmp.resolve("data.csv-checkpoint") + ".",
                e.getMessage());
        assertEquals("a,b\n1,2\n", Files.readString(file));
        assertEquals(List.of("data.csv"), names(tmp));
    }

    @Test
    void theWorkingFolderIsRefused() {
        // Checked against the real working folder: before the fix this would have moved it away and deleted it.
        SeqLabException e = assertThrows(SeqLabException.class, () -> run.save("."));
        assertEquals("run.save(\".\") would replace the working folder " + Path.of("").toAbsolutePath()
                + "; give it a folder of its own, such as \"checkpoint\".", e.getMessage());
        assertTrue(Files.isRegularFile(Path.of("pom.xml")), "the working folder is untouched");
    }

    @Test
    void anEmptyFolderAndAPreviousCheckpointAreReplaced() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        run.save(dir);
        assertEquals(List.of("history.csv", "model.params", "run.json"), names(dir));
        run.save(dir);
        assertEquals(List.of("history.csv", "model.params", "run.json"), names(dir));
        assertEquals(List.of("empty"), names(tmp));
    }

    @Test
    void aCrashBetweenTheTwoRenamesLeavesALoadableCheckpoint() throws IOException {
        Path dir = run.save(tmp.resolve("ckpt"));
        // What a kill -9 after "checkpoint -> backup" and before "staging -> checkpoint" leaves behind.
        Path backup = tmp.resolve(".ckpt.old");
        Files.move(dir, backup);
        assertFalse(Files.exists(dir));
        try (Run back = Run.load(dir.toString(), air)) {
            float[][] a = run.predictRaw(air.test());
            float[][] b = back.predictRaw(air.test());
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0f);
            }
        }
        // The next save completes the swap and removes the backup it had written.
        run.save(dir);
        assertEquals(List.of("ckpt"), names(tmp));
        assertEquals(List.of("history.csv", "model.params", "run.json"), names(dir));
    }

    @Test
    void aReplacedCheckpointKeepsItsModesAndANewOneGetsTheUmasksDefault() throws IOException {
        Path dir = run.save(tmp.resolve("ckpt"));
        Path probe = Files.createFile(tmp.resolve("probe"));
        Path probeDir = Files.createDirectory(tmp.resolve("probe-dir"));
        assertEquals(Files.getPosixFilePermissions(probeDir), Files.getPosixFilePermissions(dir), "a new folder: the umask's default");
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(dir.resolve("run.json")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(dir.resolve("run.json"), PosixFilePermissions.fromString("rw-r-----"));
        run.save(dir);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("run.json"))));
    }

    @Test
    void aSymbolicLinkToACheckpointStaysALink() throws IOException {
        Path real = run.save(tmp.resolve("store").resolve("ckpt"));
        Path link = Files.createSymbolicLink(tmp.resolve("latest"), real);
        run.save(link);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("history.csv", "model.params", "run.json"), names(real));
    }

    @Test
    void staleStagingOfAKilledSaveIsRemovedOnTheNextSave() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectories(tmp.resolve(".ckpt.saving." + gone.pid() + ".0"));
        Files.writeString(stale.resolve("run.json"), "{");
        run.save(tmp.resolve("ckpt"));
        assertEquals(List.of("ckpt"), names(tmp));
    }

    @Test
    void aForeignFolderNamedLikeTheBackupIsNotDeleted() throws IOException {
        Path backup = Files.createDirectories(tmp.resolve(".ckpt.old"));
        Files.writeString(backup.resolve("mine.txt"), "keep");
        SeqLabException e = assertThrows(SeqLabException.class, () -> run.save(tmp.resolve("ckpt")));
        assertTrue(e.getMessage().startsWith("Folder " + backup + " holds files that are not a SeqLab checkpoint (mine.txt)"), e.getMessage());
        assertEquals("keep", Files.readString(backup.resolve("mine.txt")));
    }
}
