package dev.seqlab.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The compiler's file manager under JShell, with package listings of the class path remembered
 * while the class path holds only jar files. Everything else is passed through unchanged.
 *
 * <p>Why: JShell purges its {@code REPL} package from the compiler's symbol table after every
 * compiler task, so every task lists that package on the class path again (about four tasks per
 * cell), and javac's file manager rebuilds its index of every class-path jar's directories for
 * it, because the per-task {@code --multi-release} option clears that index. For the kernel's
 * 60 jars that listing was about 0.7 ms of a trivial cell's 9 ms of compiling (100 cells of
 * {@code 1+1}, file manager calls timed in process). A jar's contents do not change while a
 * session runs (javac keeps jars open and would not see a change either), so a listing stays
 * valid for as long as the class path is the same list of jars; any other class path (a class
 * folder, which a user may rebuild) is listed afresh each time, as before.
 */
final class JarListingCache implements StandardJavaFileManager {

    private final StandardJavaFileManager delegate;
    private final Map<Key, List<JavaFileObject>> listings = new HashMap<>();
    private List<Path> cachedPath = List.of();

    private record Key(String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse) {}

    JarListingCache(StandardJavaFileManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
            throws IOException {
        if (location != StandardLocation.CLASS_PATH) {
            return delegate.list(location, packageName, kinds, recurse);
        }
        List<Path> path = classPath();
        if (!path.equals(cachedPath)) {
            listings.clear();
            cachedPath = path;
        }
        if (!onlyJars(path)) {
            return delegate.list(location, packageName, kinds, recurse);
        }
        Key key = new Key(packageName, Set.copyOf(kinds), recurse);
        List<JavaFileObject> known = listings.get(key);
        if (known == null) {
            known = new ArrayList<>();
            for (JavaFileObject f : delegate.list(location, packageName, kinds, recurse)) {
                known.add(f);
            }
            known = List.copyOf(known);
            listings.put(key, known);
        }
        return known;
    }

    private List<Path> classPath() {
        Iterable<? extends Path> paths = delegate.getLocationAsPaths(StandardLocation.CLASS_PATH);
        if (paths == null) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        paths.forEach(out::add);
        return out;
    }

    private static boolean onlyJars(List<Path> path) {
        for (Path p : path) {
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (!(name.endsWith(".jar") || name.endsWith(".zip")) || !Files.isRegularFile(p)) {
                return false;
            }
        }
        return true;
    }

    // Everything below passes straight through.

    @Override
    public ClassLoader getClassLoader(Location location) {
        return delegate.getClassLoader(location);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return delegate.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return delegate.isSameFile(a, b);
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        return delegate.handleOption(current, remaining);
    }

    @Override
    public int isSupportedOption(String option) {
        return delegate.isSupportedOption(option);
    }

    @Override
    public boolean hasLocation(Location location) {
        return delegate.hasLocation(location);
    }

    @Override
    public JavaFileObject getJavaFileForInput(Location location, String className, JavaFileObject.Kind kind) throws IOException {
        return delegate.getJavaFileForInput(location, className, kind);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling)
            throws IOException {
        return delegate.getJavaFileForOutput(location, className, kind, sibling);
    }

    @Override
    public FileObject getFileForInput(Location location, String packageName, String relativeName) throws IOException {
        return delegate.getFileForInput(location, packageName, relativeName);
    }

    @Override
    public FileObject getFileForOutput(Location location, String packageName, String relativeName, FileObject sibling)
            throws IOException {
        return delegate.getFileForOutput(location, packageName, relativeName, sibling);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public Location getLocationForModule(Location location, String moduleName) throws IOException {
        return delegate.getLocationForModule(location, moduleName);
    }

    @Override
    public Location getLocationForModule(Location location, JavaFileObject fo) throws IOException {
        return delegate.getLocationForModule(location, fo);
    }

    @Override
    public <S> ServiceLoader<S> getServiceLoader(Location location, Class<S> service) throws IOException {
        return delegate.getServiceLoader(location, service);
    }

    @Override
    public String inferModuleName(Location location) throws IOException {
        return delegate.inferModuleName(location);
    }

    @Override
    public Iterable<Set<Location>> listLocationsForModules(Location location) throws IOException {
        return delegate.listLocationsForModules(location);
    }

    @Override
    public boolean contains(Location location, FileObject fo) throws IOException {
        return delegate.contains(location, fo);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return delegate.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return delegate.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    @SuppressWarnings("deprecation")
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Iterable<? extends Path> paths) {
        return delegate.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return delegate.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return delegate.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return delegate.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return delegate.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        delegate.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        delegate.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths) throws IOException {
        delegate.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return delegate.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return delegate.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return delegate.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory f) {
        delegate.setPathFactory(f);
    }
}
