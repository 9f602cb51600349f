package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarListingCacheTest {

    @TempDir
    Path dir;

    @Test
    void aClassFolderIsListedAfreshEveryTime() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes/p"));
        Files.write(classes.resolve("A.class"), new byte[] {1});
        try (StandardJavaFileManager fm = new JarListingCache(standard())) {
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(dir.resolve("classes")));
            assertEquals(List.of("A.class"), names(fm, "p"));
            Files.write(classes.resolve("B.class"), new byte[] {1});
            assertEquals(List.of("A.class", "B.class"), names(fm, "p"));
        }
    }

    @Test
    void aJarListingIsKeptUntilTheClassPathChanges() throws IOException {
        Path one = jar("one.jar", "p/A.class", "q/C.class");
        Path two = jar("two.jar", "p/B.class");
        try (StandardJavaFileManager fm = new JarListingCache(standard())) {
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(one));
            assertEquals(List.of("A.class"), names(fm, "p"));
            assertEquals(List.of("A.class"), names(fm, "p"));
            assertEquals(List.of("C.class"), names(fm, "q"));
            assertEquals(List.of(), names(fm, "REPL"));
            // JShell adds jars (%maven, %classpath) through the class path option.
            fm.handleOption("-classpath", List.of(one + java.io.File.pathSeparator + two).iterator());
            assertEquals(List.of("A.class", "B.class"), names(fm, "p"));
        }
    }

    private static StandardJavaFileManager standard() {
        return ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
    }

    private Path jar(String name, String... entries) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); JarOutputStream jar = new JarOutputStream(out)) {
            for (String e : entries) {
                jar.putNextEntry(new JarEntry(e));
                jar.write(1);
                jar.closeEntry();
            }
        }
        return p;
    }

    private static List<String> names(StandardJavaFileManager fm, String pkg) throws IOException {
        List<String> out = new ArrayList<>();
        for (JavaFileObject f : fm.list(StandardLocation.CLASS_PATH, pkg, Set.of(JavaFileObject.Kind.CLASS), false)) {
            out.add(Path.of(f.getName()).getFileName().toString().replaceAll("^.*[(/]", "").replace(")", ""));
        }
        out.sort(null);
        return out;
    }
}
