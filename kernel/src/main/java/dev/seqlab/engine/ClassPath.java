package dev.seqlab.engine;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path a session starts with: the JVM's own, with manifest-only jars expanded.
 * Surefire and some launchers put one jar on {@code java.class.path} whose manifest
 * {@code Class-Path} lists the real jars; JShell's compiler does not follow manifests, so without
 * this the DSL would load but not compile in cells. Jars added later come from magics
 * ({@code %maven}, {@code %classpath}) through {@link SeqLabEngine#addToClasspath}.
 */
final class ClassPath {

    private ClassPath() {}

    /** @return the JVM's class path, manifest {@code Class-Path} entries added after their jar */
    static String ofThisJvm() {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            entries.add(e);
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                manifestEntries(p, entries);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void manifestEntries(Path jarPath, Set<String> entries) {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                return;
            }
            for (String u : cp.trim().split("\\s+")) {
                try {
                    URI uri = jarPath.toUri().resolve(u);
                    entries.add(Path.of(uri).toString());
                } catch (RuntimeException ignored) {
                    // not a file URL
                }
            }
        } catch (IOException ignored) {
            // unreadable jar: keep the entry as it is
        }
    }
}
