package dev.seqlab.runtime;

import dev.seqlab.SeqLabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where SeqLab finds its own files: the installation folder and the bundled data sets.
 *
 * <p>The launcher sets {@code seqlab.home}; without it (tests, plain Java) the folder is found
 * by walking up from the working directory to the one that holds {@code datasets/}.
 */
public final class Locations {

    private Locations() {}

    /**
     * Returns the SeqLab home folder.
     *
     * @return the folder holding {@code datasets/}, or the working directory if none is found
     */
    public static Path home() {
        String prop = System.getProperty("seqlab.home", System.getenv("SEQLAB_HOME"));
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("datasets")) && Files.exists(p.resolve("datasets/README.md"))) {
                return p;
            }
        }
        return Paths.get("").toAbsolutePath();
    }

    /**
     * Returns the bundled data set folder.
     *
     * @return {@code home()/datasets}
     */
    public static Path datasets() {
        return home().resolve("datasets");
    }

    /**
     * Resolves a user-given file name: as given if it exists, else inside the bundled data sets,
     * else relative to the home folder (so {@code "datasets/airpassengers.csv"} works from any
     * working directory).
     *
     * @param file a path or a bundled data set's file name
     * @return an existing file
     * @throws SeqLabException if the file is nowhere to be found
     */
    public static Path resolve(String file) {
        SeqLabException.check(file != null && !file.isBlank(), "The file name is empty; give a path such as \"datasets/airpassengers.csv\".");
        Path given = Paths.get(file);
        if (Files.exists(given)) {
            return given;
        }
        if (!given.isAbsolute()) {
            Path inData = datasets().resolve(given.getFileName());
            if (Files.exists(inData)) {
                return inData;
            }
            Path inHome = home().resolve(given);
            if (Files.exists(inHome)) {
                return inHome;
            }
        }
        throw new SeqLabException("File '" + file + "' does not exist; check the path (bundled data sets are in "
                + datasets() + ").");
    }
}
