package dev.seqlab.e2e.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code seqlab} launcher, run as a user runs it (the jar this build packaged). */
final class Cli {

    /** The outcome of one command. */
    record Result(int exitCode, String stdout, String stderr) {}

    private Cli() {}

    /** Starts {@code seqlab args...} in a folder, output to the given files. */
    static Process start(Path workDir, Path out, Path err, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(KernelProcess.root().resolve("seqlab").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SEQLAB_NO_BUILD", "1");
        return pb.start();
    }

    /** Runs {@code seqlab args...} to its end (killed after the time limit, which fails). */
    static Result run(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("seqlab-out", ".txt");
        Path err = Files.createTempFile("seqlab-err", ".txt");
        try {
            Process p = start(workDir, out, err, args);
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
