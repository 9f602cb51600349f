/**
 * Notebook sweeps ({@code seqlab sweep}): a notebook run once per trial (configuration x seed)
 * with its parameters injected as {@code seqlab run} injects them, and the values it records with
 * {@code record("name", value)} collected into tables.
 *
 * <ul>
 *   <li>{@link dev.seqlab.trials.NotebookSweep}: the sweep itself (output folder, resume, tables
 *       rewritten after every trial, Ctrl-C).</li>
 *   <li>{@code LocalTrials}: trials in child JVMs, one at a time per JVM (libtorch's generator and
 *       thread count are per process, so trials side by side stay independent and repeatable);
 *       {@code TrialWorker}: such a JVM, kept warm for its next trial while its trials succeed.</li>
 *   <li>{@link dev.seqlab.trials.ClusterTrials}: the door for {@code --master}; the {@code spark}
 *       module provides it through {@link java.util.ServiceLoader}, so this module never loads Spark.</li>
 *   <li>{@link dev.seqlab.trials.TrialNotebook}: a trial's executed notebook read back into a
 *       result (fresh and resumed trials alike); {@code SweepFiles}: the CSV files.</li>
 *   <li>{@link dev.seqlab.notebook.RecordedValues}: {@code record(...)} values to and from the
 *       notebook's {@code metadata.seqlab.recorded}.</li>
 * </ul>
 *
 * <p>The grid, the seeds, the statistics and the charts are the DSL's ({@link dev.seqlab.sweep}).
 */
package dev.seqlab.trials;
