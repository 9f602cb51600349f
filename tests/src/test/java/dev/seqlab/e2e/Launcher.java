package dev.seqlab.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code seqlab} launcher script from the repository root, as a user would. */
final class Launcher {

    /** The outcome of one command. */
    record Result(int exitCode, String stdout, String stderr) {}

    private Launcher() {}

    static Path root() {
        String prop = System.getProperty("seqlab.root");
        Path p = prop != null ? Path.of(prop) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isExecutable(p.resolve("seqlab"))) {
            throw new IllegalStateException("seqlab launcher not found under " + p);
        }
        return p;
    }

    static Result run(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("seqlab").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("seqlab-out", ".txt");
        Path err = Files.createTempFile("seqlab-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // Test the jar this `mvn verify` just packaged; never rebuild in the middle of a test run.
            pb.environment().put("SEQLAB_NO_BUILD", "1");
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("seqlab " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
