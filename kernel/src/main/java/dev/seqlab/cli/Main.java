package dev.seqlab.cli;

import dev.seqlab.SeqLabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seqlab} command line: one subcommand per job, each with {@code --help}. */
@Command(
        name = "seqlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Deep recurrent sequence experiments in Java notebooks.",
        subcommands = {DoctorCommand.class, DemoCommand.class, InstallCommand.class, KernelCommand.class, RunCommand.class, SweepCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
    }

    /**
     * Runs the command line and returns its exit code.
     *
     * @param args the arguments
     * @return 0 on success, 1 on a SeqLab error, 2 on a usage error
     */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // A usage error prints one line and the short usage, not the whole help page.
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("seqlab: " + ex.getMessage());
            cmd.getErr().println("Usage: " + cmd.getCommandSpec().qualifiedName() + " "
                    + String.join(" ", cmd.getCommandSpec().usageMessage().customSynopsis().length > 0
                            ? cmd.getCommandSpec().usageMessage().customSynopsis()
                            : new String[] {"[OPTIONS] ..."})
                    + "   (try '" + cmd.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof SeqLabException) {
                cmd.getErr().println("seqlab: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    /**
     * Entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
