package dev.seqlab.cli;

import dev.seqlab.notebook.BadInputException;
import dev.seqlab.sweep.Grid;
import dev.seqlab.sweep.Sweep;
import dev.seqlab.trials.NotebookSweep;
import dev.seqlab.trials.SweepPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqlab sweep NOTEBOOK --grid GRID.json -o DIR}: the notebook once per configuration and
 * seed, in child JVMs here or as Spark tasks, with every trial's executed notebook and the tables
 * of what the trials recorded. Exit codes: 0 every trial ok, 1 some trial failed (the others
 * ran), 2 bad input (nothing run).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, synopsisHeading = "Usage: seqlab sweep ",
        customSynopsis = "NOTEBOOK.ipynb --grid GRID.json [--replicates N | --seeds 1,2,3] [--seed-param SEED] [--parallel P] "
                + "[--threads T] [--master URL] [--timeout S] [--resume] -o DIR",
        description = {"Run a notebook for every combination of the grid's values times every seed (a trial each), "
                + "inject the values as `seqlab run -p` does, and collect what the notebook records with record(\"name\", value).",
                "Writes DIR/trials/ID.ipynb, DIR/results.csv (one row per trial) and DIR/summary.csv (n, mean, std and 95% "
                + "t interval per configuration and recorded number), rewritten after every trial.",
                "Exit codes: 0 all trials ok, 1 some trial failed, 2 bad input."})
final class SweepCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", paramLabel = "NOTEBOOK", description = "the .ipynb notebook every trial runs")
    Path input;

    @Option(names = "--grid", required = true, paramLabel = "GRID.json",
            description = "parameter names to lists of values, such as {\"HIDDEN\": [16, 32], \"LAYERS\": [1, 2, 4]}")
    Path grid;

    @Option(names = "--replicates", paramLabel = "N", description = "seeds 1..N for every configuration (default 1)")
    Integer replicates;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...", description = "these seeds for every configuration")
    List<Long> seeds;

    @Option(names = "--seed-param", paramLabel = "NAME", defaultValue = "SEED", description = "the parameter that gets the seed (default SEED)")
    String seedParam;

    @Option(names = "--sample", paramLabel = "N", description = "run N configurations drawn at random from the grid instead of all")
    Integer sample;

    @Option(names = "--parallel", paramLabel = "P",
            description = "trials at once (default: 1 here; with --master every trial is submitted and Spark places them)")
    Integer parallel;

    @Option(names = "--threads", paramLabel = "T",
            description = "libtorch intra-op threads per trial (default: cores / P here, 1 on Spark); results repeat bit for bit for one T")
    Integer threads;

    @Option(names = "--master", paramLabel = "URL", description = "run trials as Apache Spark tasks: spark://HOST:PORT or local[N]")
    String master;

    @Option(names = "--ship", paramLabel = "FILE", description = "a file the trials read, shipped to Spark executors "
            + "(files named by string literals in the notebook are found and shipped without this)")
    List<Path> ship = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "interrupt a cell that runs longer than this (the trial ends as timeout)")
    Double timeout;

    @Option(names = "--resume", description = "keep the trials an earlier run of this sweep into DIR finished, run the rest")
    boolean resume;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "the output folder")
    Path out;

    @Override
    public Integer call() {
        try {
            if (replicates != null && seeds != null) {
                throw new BadInputException("Give --replicates or --seeds, not both.");
            }
            if (parallel != null && parallel < 1) {
                throw new BadInputException("--parallel must be 1 or more, not " + parallel + ".");
            }
            if (threads != null && threads < 1) {
                throw new BadInputException("--threads must be 1 or more, not " + threads + ".");
            }
            if (timeout != null && !(timeout > 0)) {
                throw new BadInputException("--timeout must be a positive number of seconds, not " + timeout + ".");
            }
            if (!Files.isRegularFile(input)) {
                throw new BadInputException("Notebook " + input + " does not exist; check the path.");
            }
            Grid g = NotebookSweep.readGrid(grid);
            if (g.names().contains(seedParam)) {
                throw new BadInputException("The grid sets " + seedParam + ", which --seed-param gives the seed; drop it from the grid "
                        + "and use --seeds, or name another --seed-param.");
            }
            Sweep sweep = sample != null ? Sweep.sample(g, sample, 0) : Sweep.over(g);
            sweep = seeds != null ? sweep.seeds(seeds.stream().mapToLong(Long::longValue).toArray())
                    : sweep.replicates(replicates == null ? 1 : replicates);
            int p = parallel != null ? parallel : master == null ? 1 : Math.min(64, sweep.trials().size());
            sweep = sweep.parallel(p);
            int cores = Runtime.getRuntime().availableProcessors();
            int t = threads != null ? threads : master != null ? 1 : Math.max(1, cores / p);
            if (master == null && p * t > cores) {
                System.err.println("seqlab sweep: warning: " + p + " trials x " + t + " threads exceed the " + cores
                        + " cores; trials will slow each other down.");
            }
            List<String> files = new ArrayList<>(NotebookSweep.filesRead(input));
            for (Path f : ship) {
                if (!Files.isRegularFile(f)) {
                    throw new BadInputException("--ship " + f + " is not a file; give a file the notebook reads.");
                }
                String rel = Path.of("").toAbsolutePath().relativize(f.toAbsolutePath().normalize()).toString();
                if (rel.startsWith("..")) {
                    throw new BadInputException("--ship " + f + " is outside the working folder; run seqlab sweep from a folder that holds it.");
                }
                if (!files.contains(rel)) {
                    files.add(rel);
                }
            }
            SweepPlan plan = new SweepPlan(input, sweep, seedParam, t, timeout, master, out, resume, files);
            return NotebookSweep.run(plan, System.err);
        } catch (BadInputException e) {
            System.err.println("seqlab sweep: " + e.getMessage());
            return 2;
        }
    }
}
