/**
 * The {@code seqlab} command line (picocli): one class per command, each a thin front door that
 * checks its arguments, turns bad input into one sentence and exit code 2, and hands the work to
 * the package that does it ({@code run} to {@link dev.seqlab.notebook}, {@code kernel} to
 * {@link dev.seqlab.jupyter}, {@code sweep} to {@link dev.seqlab.trials}).
 *
 * <ul>
 *   <li>{@link dev.seqlab.cli.Main}: the entry point and the list of commands.</li>
 *   <li>{@code RunCommand} ({@code seqlab run}), {@code KernelCommand} ({@code seqlab kernel}),
 *       {@code InstallCommand} ({@code seqlab install}), {@code DoctorCommand}, {@code DemoCommand},
 *       {@code SweepCommand} ({@code seqlab sweep}).</li>
 * </ul>
 *
 * <p>A new command: one {@code XxxCommand} class here ({@code @Command}, {@code Callable<Integer>}),
 * added to {@code subcommands} in {@link dev.seqlab.cli.Main}. Keep the work itself out of this
 * package so that tests and other front doors can call it.
 */
package dev.seqlab.cli;
