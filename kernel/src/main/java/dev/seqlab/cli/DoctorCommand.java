package dev.seqlab.cli;

import ai.djl.engine.Engine;
import dev.seqlab.runtime.Locations;
import dev.seqlab.runtime.NativeEnv;
import dev.seqlab.runtime.Torch;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seqlab doctor}: what this machine offers SeqLab, in a few lines. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Print Java, engine, thread, cache, data set and Jupyter facts about this machine.")
final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Engine engine = Torch.engine();
        row(out, "java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        row(out, "engine", engine.getEngineName() + " " + engine.getVersion() + " via DJL " + Engine.getDjlVersion()
                + (Boolean.getBoolean("ai.djl.offline") ? ", offline" : ""));
        row(out, "threads", Torch.threads() + " intra-op, OMP_WAIT_POLICY="
                + Optional.ofNullable(System.getenv("OMP_WAIT_POLICY")).orElse("(unset: libtorch threads spin)")
                + ", GOMP_SPINCOUNT=" + Optional.ofNullable(System.getenv("GOMP_SPINCOUNT")).orElse("(unset)"));
        Map<String, String> missing = NativeEnv.missing(System.getenv());
        row(out, "native env", missing.isEmpty() ? "ok (" + String.join(", ", NativeEnv.RECOMMENDED.keySet()) + " set)"
                : "missing " + missing.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))
                        + " (the seqlab launcher sets them; training is slower without them)");
        row(out, "native cache", Torch.nativeCacheDir().toString());
        Path data = Locations.datasets();
        row(out, "datasets", data + (Files.isDirectory(data) ? "" : " (missing)"));
        row(out, "jupyter", findOnPath("jupyter").map(Path::toString).orElse("not found (install: apt-get install jupyter-client jupyter-notebook)"));
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("%-13s %s%n", key, value);
    }

    static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
