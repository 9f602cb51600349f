package dev.seqlab.notebook;

/**
 * How a headless run ended.
 *
 * @param exitCode 0 when every cell ran (or errors were allowed), 1 after a failing or timed-out cell
 * @param cellsRun code cells evaluated
 * @param failedCell the 1-based index of the first failing cell in the output notebook, or 0
 * @param message the {@code cell N, line L: message} line for the first failure, or null
 * @param seconds wall time of the whole run
 */
public record RunReport(int exitCode, int cellsRun, int failedCell, String message, double seconds) {}
