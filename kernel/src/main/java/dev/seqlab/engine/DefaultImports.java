package dev.seqlab.engine;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The imports every session starts with. On-demand imports of two packages that share a simple
 * name make that name ambiguous ({@code dev.seqlab.model.Stack} and {@code java.util.Stack});
 * SeqLab's own classes win such clashes through an added single-type import.
 */
final class DefaultImports {

    /** Imports tried at session start; those whose package is not on the class path are dropped. */
    static final List<String> TRIED = List.of(
            "java.util.*", "java.util.stream.*", "java.nio.file.*",
            "dev.seqlab.*", "dev.seqlab.data.*", "dev.seqlab.model.*", "dev.seqlab.train.*", "dev.seqlab.plot.*", "dev.seqlab.seq2seq.*", "dev.seqlab.sweep.*",
            "tech.tablesaw.api.*", "org.knowm.xchart.*", "static dev.seqlab.dsl.SeqLab.*");

    private DefaultImports() {}

    /**
     * Puts the default imports in place in a session, then the single-type imports that let
     * SeqLab's classes win name clashes.
     *
     * @param define evaluates one declaration; false when JShell rejected (and dropped) it
     * @return the imports in place, without the {@code import} keyword
     */
    static List<String> install(Predicate<String> define) {
        List<String> imports = new ArrayList<>();
        for (String imp : TRIED) {
            if (define.test("import " + imp + ";")) {
                imports.add(imp);
            }
        }
        List<String> onDemand = imports.stream().filter(i -> i.endsWith(".*") && !i.startsWith("static "))
                .map(i -> i.substring(0, i.length() - 2)).toList();
        List<String> ours = onDemand.stream().filter(p -> p.startsWith("dev.seqlab")).toList();
        List<String> theirs = onDemand.stream().filter(p -> !p.startsWith("dev.seqlab")).toList();
        for (String winner : clashWinners(ours, theirs, DefaultImports.class.getClassLoader())) {
            if (define.test("import " + winner + ";")) {
                imports.add(winner);
            }
        }
        return imports;
    }

    /**
     * Single-type imports for public classes of {@code preferred} packages whose simple name is
     * also a public class of one of {@code others} (or of {@code java.lang}).
     *
     * @param preferred packages whose classes should win
     * @param others the other packages imported on demand
     * @param loader the class loader to look in
     * @return import targets such as {@code dev.seqlab.model.Stack}, sorted
     */
    static List<String> clashWinners(List<String> preferred, List<String> others, ClassLoader loader) {
        List<String> all = new ArrayList<>(others);
        all.add("java.lang");
        TreeSet<String> out = new TreeSet<>();
        for (String pkg : preferred) {
            for (String simple : classNames(pkg, loader)) {
                if (!isPublic(pkg + "." + simple, loader)) {
                    continue;
                }
                for (String other : all) {
                    if (!other.equals(pkg) && isPublic(other + "." + simple, loader)) {
                        out.add(pkg + "." + simple);
                        break;
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean isPublic(String className, ClassLoader loader) {
        try {
            return Modifier.isPublic(Class.forName(className, false, loader).getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Top-level class names directly in a package, from every jar or folder that holds it. */
    static List<String> classNames(String pkg, ClassLoader loader) {
        String dir = pkg.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> urls = loader.getResources(dir);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if ("file".equals(url.getProtocol())) {
                    try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of(url.toURI()), "*.class")) {
                        for (Path p : s) {
                            add(names, p.getFileName().toString());
                        }
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    URLConnection c = url.openConnection();
                    c.setUseCaches(false);
                    if (c instanceof JarURLConnection jc) {
                        try (JarFile jar = jc.getJarFile()) {
                            Enumeration<JarEntry> entries = jar.entries();
                            while (entries.hasMoreElements()) {
                                String n = entries.nextElement().getName();
                                if (n.startsWith(dir + "/") && n.indexOf('/', dir.length() + 1) < 0) {
                                    add(names, n.substring(dir.length() + 1));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            // an unreadable entry only costs a possible ambiguity
        }
        return new ArrayList<>(names);
    }

    private static void add(TreeSet<String> names, String file) {
        if (file.endsWith(".class") && !file.contains("$") && !file.equals("package-info.class")
                && !file.equals("module-info.class")) {
            names.add(file.substring(0, file.length() - ".class".length()));
        }
    }
}
