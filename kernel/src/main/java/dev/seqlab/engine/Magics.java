package dev.seqlab.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * IJava-compatible magics: line magics {@code %maven}, {@code %classpath}, {@code %load},
 * {@code %lsmagic} and the cell magic {@code %%time}. A magic line is a line whose first
 * non-blank character is {@code %}.
 */
final class Magics {

    /** What a magic may do to the session. */
    interface Host {
        /** @param path a jar or class folder to add to the session's class path */
        void addToClasspath(String path);

        /**
         * Evaluates code as part of the current cell.
         *
         * @param code the code (may hold magics)
         * @param origin a label for error messages
         * @return false when evaluation stopped with an error
         */
        boolean evalNested(String code, String origin);

        /** @param text text for the cell's stdout */
        void print(String text);
    }

    private static final Map<String, String> LINE = new TreeMap<>(Map.of(
            "maven", "%maven group:artifact:version ...   add artifacts and their dependencies from Maven Central or ~/.m2",
            "classpath", "%classpath path-or-glob ...   add jars or class folders to the class path",
            "load", "%load file.jsh   run the code in a file as part of this cell",
            "lsmagic", "%lsmagic   list the magics"));
    private static final Map<String, String> CELL = new TreeMap<>(Map.of(
            "time", "%%time   run the cell and print its wall time"));

    private final Host host;
    private final MavenResolver maven = new MavenResolver();

    Magics(Host host) {
        this.host = host;
    }

    /** @return true if the trimmed line is a line magic */
    static boolean isLineMagic(String line) {
        String t = line.strip();
        return t.startsWith("%") && !t.startsWith("%%") && t.length() > 1;
    }

    /** @return the cell magic's name when the cell starts with {@code %%name}, else null */
    static String cellMagicName(String cell) {
        String t = cell.stripLeading();
        if (!t.startsWith("%%")) {
            return null;
        }
        String first = t.lines().findFirst().orElse("").substring(2).strip();
        int sp = first.indexOf(' ');
        return sp < 0 ? first : first.substring(0, sp);
    }

    /**
     * Runs one line magic.
     *
     * @param line the whole line, starting with {@code %}
     */
    void runLine(String line) {
        String t = line.strip().substring(1).strip();
        int sp = t.indexOf(' ');
        String name = (sp < 0 ? t : t.substring(0, sp)).toLowerCase(Locale.ROOT);
        String args = sp < 0 ? "" : t.substring(sp + 1).strip();
        switch (name) {
            case "maven" -> maven(args);
            case "classpath" -> classpath(args);
            case "load" -> load(args);
            case "lsmagic" -> host.print(list());
            default -> throw new MagicException("Unknown line magic %" + name + "; the magics are: "
                    + String.join(", ", LINE.keySet().stream().map(k -> "%" + k).toList()) + ", %%time.");
        }
    }

    /**
     * The lines that {@code %lsmagic} prints.
     *
     * @return the listing
     */
    static String list() {
        StringBuilder b = new StringBuilder("Line magics:\n");
        LINE.values().forEach(v -> b.append("  ").append(v).append('\n'));
        b.append("Cell magics:\n");
        CELL.values().forEach(v -> b.append("  ").append(v).append('\n'));
        return b.toString();
    }

    /** @return every magic as typed, such as {@code %maven} and {@code %%time} */
    static List<String> names() {
        List<String> out = new ArrayList<>();
        LINE.keySet().forEach(k -> out.add("%" + k));
        CELL.keySet().forEach(k -> out.add("%%" + k));
        return out;
    }

    /** @return true if {@code name} is a known cell magic */
    static boolean isCellMagic(String name) {
        return CELL.containsKey(name);
    }

    private void maven(String args) {
        if (args.isBlank()) {
            throw new MagicException("%maven expected one or more group:artifact:version coordinates, "
                    + "for example: %maven com.google.code.gson:gson:2.11.0");
        }
        for (String coordinate : args.split("\\s+")) {
            List<File> jars = maven.resolve(coordinate);
            for (File f : jars) {
                host.addToClasspath(f.getAbsolutePath());
            }
            host.print("Added " + coordinate + " (" + jars.size() + (jars.size() == 1 ? " jar" : " jars")
                    + ") to the class path.\n");
        }
    }

    private void classpath(String args) {
        if (args.isBlank()) {
            throw new MagicException("%classpath expected a jar, a class folder or a glob such as lib/*.jar.");
        }
        for (String pattern : args.split("\\s+")) {
            List<Path> paths = expand(pattern);
            if (paths.isEmpty()) {
                throw new MagicException("%classpath found nothing at '" + pattern + "'; give an existing jar, "
                        + "folder or glob such as lib/*.jar.");
            }
            for (Path p : paths) {
                host.addToClasspath(p.toAbsolutePath().toString());
            }
            host.print("Added " + paths.size() + (paths.size() == 1 ? " path" : " paths") + " to the class path.\n");
        }
    }

    private static List<Path> expand(String pattern) {
        if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
            Path p = Path.of(pattern);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        Path dir = Path.of(pattern).getParent();
        String glob = Path.of(pattern).getFileName().toString();
        Path base = dir == null ? Path.of(".") : dir;
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(base, glob)) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new MagicException("%classpath could not list " + base + ": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private void load(String args) {
        if (args.isBlank()) {
            throw new MagicException("%load expected a file name, for example: %load setup.jsh");
        }
        Path p = Path.of(args.strip());
        if (!Files.isRegularFile(p)) {
            throw new MagicException("%load found no file at '" + p.toAbsolutePath() + "'; give the path of a .jsh file.");
        }
        String code;
        try {
            code = Files.readString(p);
        } catch (IOException e) {
            throw new MagicException("%load could not read " + p + ": " + e.getMessage());
        }
        host.evalNested(code, p.getFileName().toString());
    }
}
