package dev.seqlab.notebook;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code seqlab run} was asked to do.
 *
 * @param input the notebook (or .jsh script) to run
 * @param output where the executed notebook goes (ignored for scripts)
 * @param parameters the parameters to inject
 * @param timeout the longest a cell may run, or null for no limit
 * @param allowErrors run on after a failing cell
 * @param logOutput echo cell outputs on stderr as they come
 * @param prepareOnly inject parameters and write the output without running anything
 */
public record RunOptions(Path input, Path output, Parameters parameters, Duration timeout, boolean allowErrors,
        boolean logOutput, boolean prepareOnly) {

    /**
     * The default output path: beside the input, {@code NAME.out.ipynb}.
     *
     * @param input the input notebook
     * @return the output path
     */
    public static Path defaultOutput(Path input) {
        String name = input.getFileName().toString();
        String stem = name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
        return input.resolveSibling(stem + ".out.ipynb");
    }

    /**
     * Options with defaults: output beside the input, no parameters, no timeout.
     *
     * @param input the input notebook
     * @return the options
     */
    public static RunOptions of(Path input) {
        return new RunOptions(input, defaultOutput(input), new Parameters(), null, false, false, false);
    }

    /**
     * @param out the output path
     * @return a copy with that output
     */
    public RunOptions output(Path out) {
        return new RunOptions(input, out, parameters, timeout, allowErrors, logOutput, prepareOnly);
    }

    /**
     * @param p the parameters
     * @return a copy with those parameters
     */
    public RunOptions parameters(Parameters p) {
        return new RunOptions(input, output, p, timeout, allowErrors, logOutput, prepareOnly);
    }

    /**
     * @param t the cell time limit, or null
     * @return a copy with that limit
     */
    public RunOptions timeout(Duration t) {
        return new RunOptions(input, output, parameters, t, allowErrors, logOutput, prepareOnly);
    }

    /**
     * @param allow whether to run on after errors
     * @return a copy with that setting
     */
    public RunOptions allowErrors(boolean allow) {
        return new RunOptions(input, output, parameters, timeout, allow, logOutput, prepareOnly);
    }

    /**
     * @param log whether to echo outputs on stderr
     * @return a copy with that setting
     */
    public RunOptions logOutput(boolean log) {
        return new RunOptions(input, output, parameters, timeout, allowErrors, log, prepareOnly);
    }

    /**
     * @param prepare whether to only inject and write
     * @return a copy with that setting
     */
    public RunOptions prepareOnly(boolean prepare) {
        return new RunOptions(input, output, parameters, timeout, allowErrors, logOutput, prepare);
    }
}
