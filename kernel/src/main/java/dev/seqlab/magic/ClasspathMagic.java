package dev.seqlab.magic;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %classpath path-or-glob ...}: adds jars or class folders to the class path. */
final class ClasspathMagic implements LineMagic {

    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public String synopsis() {
        return "%classpath path-or-glob ...";
    }

    @Override
    public String summary() {
        return "add jars or class folders to the class path";
    }

    @Override
    public void run(String args, MagicContext session) {
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
                session.addToClasspath(p.toAbsolutePath().toString());
            }
            session.print("Added " + paths.size() + (paths.size() == 1 ? " path" : " paths") + " to the class path.\n");
        }
    }

    /** A path as it is, or the sorted matches of a glob in its last name. */
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
}
