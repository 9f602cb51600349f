package dev.seqlab.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an executed notebook goes, checked before any cell runs and rescued after: a run of many
 * minutes used to end with "could not write" and lose every result when the output folder was not
 * writable. {@link #check} refuses an unwritable location up front (one sentence, nothing run);
 * {@link #write} saves the notebook elsewhere when the write fails anyway (the folder vanished or
 * became read-only during the run): next to the input, else in the temporary folder, always under
 * a new name (nothing of the user's is replaced), and says where. Each write is atomic
 * ({@code Notebook.write}).
 */
final class OutputLocation {

    private OutputLocation() {}

    /**
     * Refuses an output the run could not write.
     *
     * @param output the output notebook
     * @throws BadInputException naming the problem and the fix
     */
    static void check(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new BadInputException("Output " + output + " is a folder; give a file name such as " + output.resolve("result.ipynb") + ".");
        }
        Path dir = abs.getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new BadInputException("Cannot write " + output + ": " + existing + " is a file, not a folder; pass -o with a path in a folder.");
        }
        if (!existing.equals(dir)) {
            if (!Files.isWritable(existing)) {
                throw new BadInputException("Cannot create the output folder " + dir + " (" + existing
                        + " is not writable); pass -o with a path in a writable folder.");
            }
            return; // the folder is created when the notebook is written
        }
        try {
            // Files.isWritable says yes to root on a read-only mount; a real file says the truth.
            Path probe = Files.createTempFile(dir, "." + abs.getFileName() + ".check.", ".seqlab.tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new BadInputException("Cannot write to the output folder " + dir + " (" + e.getMessage()
                    + "); pass -o with a path in a writable folder, or make it writable.", e);
        }
    }

    /**
     * Writes the notebook to its output, or when that fails to a rescue file, and says so.
     *
     * @param nb the executed notebook
     * @param input the input notebook (the rescue file goes next to it first)
     * @param output where it should go
     * @param console where the rescue is announced
     * @return null when written to {@code output}, else the sentence that says where it went
     * @throws dev.seqlab.SeqLabException when no place at all could be written (each one tried is named)
     */
    static String write(Notebook nb, Path input, Path output, PrintStream console) {
        RuntimeException first;
        try {
            nb.write(output);
            return null;
        } catch (RuntimeException e) {
            first = e;
        }
        String stem = input.getFileName().toString().replaceFirst("\\.ipynb$", "");
        String name = stem + ".rescued-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".ipynb";
        List<Path> places = new ArrayList<>();
        Path inputDir = input.toAbsolutePath().getParent();
        if (inputDir != null) {
            places.add(inputDir.resolve(name));
        }
        places.add(Path.of(System.getProperty("java.io.tmpdir")).resolve(name));
        List<String> tried = new ArrayList<>();
        for (Path p : places) {
            Path target = fresh(p);
            try {
                nb.write(target);
                String line = "could not write " + output + " (" + first.getMessage() + "); the executed notebook was saved to "
                        + target + " instead.";
                console.println("seqlab run: " + line);
                return line;
            } catch (RuntimeException e) {
                tried.add(target + " (" + e.getMessage() + ")");
            }
        }
        throw new dev.seqlab.SeqLabException("Could not write the executed notebook anywhere: " + output + " ("
                + first.getMessage() + "), " + String.join(", ", tried) + "; free some disk space or pass -o with a writable path.", first);
    }

    /** The path itself, or with a counter, so that no existing file is replaced. */
    private static Path fresh(Path p) {
        Path candidate = p;
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = p.resolveSibling(p.getFileName().toString().replaceFirst("\\.ipynb$", "-" + i + ".ipynb"));
        }
        return candidate;
    }
}
