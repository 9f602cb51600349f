package dev.seqlab.magic;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies from the local repository
 * ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}) and Maven Central, with Maven
 * Resolver. {@code -Dseqlab.maven.offline=true} keeps it to the local repository.
 */
final class MavenResolver {

    private static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    private RepositorySystem system;

    /**
     * Resolves one coordinate and its transitive runtime dependencies.
     *
     * @param coordinates {@code group:artifact:version} (or with extension and classifier)
     * @return the jar files, the requested one first
     * @throws MagicException when the coordinate is malformed or cannot be resolved
     */
    synchronized List<File> resolve(String coordinates) {
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException("%maven expected group:artifact:version (for example "
                    + "com.google.code.gson:gson:2.11.0), not '" + coordinates + "'.");
        }
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, new LocalRepository(localRepository())));
        session.setOffline(Boolean.getBoolean("seqlab.maven.offline"));
        session.setSystemProperties(System.getProperties());
        CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), List.of(CENTRAL));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<File> files = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                if (r.getArtifact() != null && r.getArtifact().getFile() != null) {
                    files.add(r.getArtifact().getFile());
                }
            }
            return files;
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new MagicException("%maven could not resolve " + coordinates + " from the local repository or "
                    + "Maven Central (" + why + "); check the coordinate and the network.");
        }
    }

    private static File localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return new File(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository").toFile();
    }
}
