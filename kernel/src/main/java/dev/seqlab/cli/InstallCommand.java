package dev.seqlab.cli;

import dev.seqlab.SeqLabException;
import dev.seqlab.jupyter.KernelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seqlab install}: writes the "SeqLab (Java)" kernelspec so Jupyter offers the kernel. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install the SeqLab (Java) Jupyter kernelspec (for this user by default).")
final class InstallCommand implements Callable<Integer> {

    static final class Where {
        @Option(names = "--user", description = "install for this user (default): $JUPYTER_DATA_DIR or ~/.local/share/jupyter")
        boolean user;

        @Option(names = "--sys-prefix", description = "install into the prefix of the Python environment that runs 'jupyter'")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "install into DIR/share/jupyter/kernels")
        Path prefix;
    }

    @CommandLine.ArgGroup(exclusive = true)
    Where where = new Where();

    @Option(names = "--name", defaultValue = KernelSpec.NAME, description = "kernelspec name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--display-name", defaultValue = KernelSpec.DISPLAY_NAME, description = "display name (default: ${DEFAULT-VALUE})")
    String displayName;

    @Option(names = "--no-class-archive", description = "skip the kernel's class-data archive (a few seconds at install; "
            + "without it the kernel starts slower)")
    boolean noClassArchive;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new SeqLabException("The kernelspec name '" + name + "' may only hold letters, digits, '.', '_' and '-'.");
        }
        Path kernels = kernelsDir();
        try {
            java.util.List<String> notes = new java.util.ArrayList<>();
            Path dir = KernelSpec.install(kernels, name, displayName, !noClassArchive, notes::add);
            spec.commandLine().getOut().println("Installed kernelspec " + name + " (\"" + displayName + "\") in " + dir);
            notes.forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IOException e) {
            throw new SeqLabException("Cannot write the kernelspec to " + kernels + " (" + e.getMessage()
                    + "); choose another place with --prefix DIR or --user.", e);
        }
    }

    private Path kernelsDir() {
        if (where != null && where.prefix != null) {
            return where.prefix.toAbsolutePath().resolve("share/jupyter/kernels");
        }
        if (where != null && where.sysPrefix) {
            Path jupyter = DoctorCommand.findOnPath("jupyter").orElseThrow(() -> new SeqLabException(
                    "--sys-prefix needs 'jupyter' on the PATH to find its prefix; use --user or --prefix DIR instead."));
            Path prefix = resolve(jupyter).getParent().getParent();
            return prefix.resolve("share/jupyter/kernels");
        }
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "kernels");
        }
        String xdg = Optional.ofNullable(System.getenv("XDG_DATA_HOME")).filter(s -> !s.isBlank()).orElse(null);
        Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jupyter/kernels");
    }

    private static Path resolve(Path p) {
        try {
            return Files.isSymbolicLink(p) ? p.toRealPath() : p;
        } catch (IOException e) {
            return p;
        }
    }
}
