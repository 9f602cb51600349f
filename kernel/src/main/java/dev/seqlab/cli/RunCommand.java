package dev.seqlab.cli;

import dev.seqlab.notebook.BadInputException;
import dev.seqlab.notebook.NotebookRunner;
import dev.seqlab.notebook.Parameters;
import dev.seqlab.notebook.RunOptions;
import dev.seqlab.notebook.RunReport;
import dev.seqlab.notebook.ScriptRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqlab run NOTEBOOK}: runs a notebook headless with parameters, papermill style, in this
 * JVM with the kernel's engine, and writes the executed notebook. Exit codes: 0 ok, 1 a cell
 * failed or timed out, 2 bad input or usage (nothing written).
 */
@Command(name = "run", mixinStandardHelpOptions = true, synopsisHeading = "Usage: seqlab run ",
        customSynopsis = "NOTEBOOK.ipynb|SCRIPT.jsh [-p NAME VALUE]... [-f params.json|.yaml] [-o OUT.ipynb] [--timeout SECONDS] "
                + "[--allow-errors] [--log-output] [--prepare-only] [--cwd DIR]",
        description = {"Run a notebook top to bottom without Jupyter, with parameters, and save the executed notebook "
                + "(default: NAME.out.ipynb beside it). The first cell tagged 'parameters' holds the defaults; the values given "
                + "here go into a cell tagged 'injected-parameters' right after it.",
                "A .jsh script runs too: its paragraphs are cells, output goes to the terminal, figures are saved beside it.",
                "Exit codes: 0 ok, 1 a cell failed or timed out, 2 bad input."})
final class RunCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", paramLabel = "NOTEBOOK", description = "the .ipynb notebook (or .jsh script) to run")
    Path input;

    @Option(names = {"-p", "--parameter"}, arity = "2", paramLabel = "NAME VALUE", hideParamSyntax = true,
            description = "a parameter: int, long, double, true/false, text (quoted or not) or a list such as [1, 2, 3]")
    List<String> parameters = new ArrayList<>();

    @Option(names = {"-f", "--parameters-file"}, paramLabel = "FILE",
            description = "parameters from a JSON object or flat 'name: value' YAML lines (-p values win)")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.ipynb", description = "where to write the executed notebook")
    Path output;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "interrupt a cell that runs longer than this")
    Double timeout;

    @Option(names = "--allow-errors", description = "run on after a failing cell (errors are saved in the notebook; exit 0)")
    boolean allowErrors;

    @Option(names = "--log-output", description = "echo cell outputs on stderr as they come")
    boolean logOutput;

    @Option(names = "--prepare-only", description = "inject the parameters and write the output without running it")
    boolean prepareOnly;

    @Option(names = "--cwd", paramLabel = "DIR", description = "working directory for the cells (runs them in a child JVM started there)")
    Path cwd;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        try {
            Parameters params = new Parameters();
            for (Path f : files) {
                params.addFile(f);
            }
            for (int i = 0; i + 1 < parameters.size(); i += 2) {
                params.add(parameters.get(i), parameters.get(i + 1));
            }
            if (timeout != null && !(timeout > 0)) {
                throw new BadInputException("--timeout must be a positive number of seconds, not " + timeout + ".");
            }
            if (!Files.exists(input)) {
                String kind = isScript(input) ? "Script " : "Notebook ";
                throw new BadInputException(kind + input + " does not exist; check the path.");
            }
            if (Files.isDirectory(input)) {
                throw new BadInputException(input + " is a folder; give a notebook file such as notebooks/quickstart.ipynb.");
            }
            Path out = output != null ? output : RunOptions.defaultOutput(input);
            if (Files.isDirectory(out)) {
                throw new BadInputException("Output " + out + " is a folder; give a file name such as " + out.resolve("result.ipynb") + ".");
            }
            if (cwd != null) {
                if (!Files.isDirectory(cwd)) {
                    throw new BadInputException("--cwd " + cwd + " is not a folder; give an existing directory.");
                }
                return inChild(out);
            }
            Duration limit = timeout == null ? null : Duration.ofMillis(Math.round(timeout * 1000));
            RunOptions options = new RunOptions(input, out, params, limit, allowErrors, logOutput, prepareOnly);
            RunReport report = isScript(input)
                    ? new ScriptRunner(System.out, err).run(input, options)
                    : new NotebookRunner(err).run(options);
            return report.exitCode();
        } catch (BadInputException e) {
            err.println("seqlab run: " + e.getMessage());
            return 2;
        }
    }

    private static boolean isScript(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jsh") || n.endsWith(".jshell");
    }

    /**
     * JShell runs cells in this JVM, whose working directory cannot change; a child JVM started in
     * DIR gives the cells real relative paths.
     */
    private int inChild(Path out) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The child runs the cells, so it gets the engine's JVM options and then this JVM's own
        // -X options (heap sizes, the user's SEQLAB_JAVA_OPTS), which win when they repeat one.
        cmd.addAll(dev.seqlab.engine.SeqLabEngine.JVM_OPTIONS);
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X")) {
                cmd.add(arg);
            }
        }
        for (String prop : List.of("ai.djl.offline", "seqlab.home", "java.awt.headless")) {
            String v = System.getProperty(prop);
            if (v != null) {
                cmd.add("-D" + prop + "=" + v);
            }
        }
        if (System.getProperty("seqlab.home") == null) {
            cmd.add("-Dseqlab.home=" + dev.seqlab.runtime.Locations.home());
        }
        cmd.add("-cp");
        cmd.add(dev.seqlab.engine.SeqLabEngine.childClassPath());
        cmd.add(Main.class.getName());
        cmd.add("run");
        cmd.add(input.toAbsolutePath().toString());
        for (int i = 0; i + 1 < parameters.size(); i += 2) {
            cmd.addAll(List.of("-p", parameters.get(i), parameters.get(i + 1)));
        }
        for (Path f : files) {
            cmd.addAll(List.of("-f", f.toAbsolutePath().toString()));
        }
        cmd.addAll(List.of("-o", out.toAbsolutePath().toString()));
        if (timeout != null) {
            cmd.addAll(List.of("--timeout", Double.toString(timeout)));
        }
        if (allowErrors) {
            cmd.add("--allow-errors");
        }
        if (logOutput) {
            cmd.add("--log-output");
        }
        if (prepareOnly) {
            cmd.add("--prepare-only");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).inheritIO();
        dev.seqlab.runtime.NativeEnv.fillIn(pb.environment());
        Process p = pb.start();
        return p.waitFor();
    }
}
