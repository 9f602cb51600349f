/**
 * Notebooks without Jupyter: nbformat 4 reading and writing, and {@code seqlab run}, the headless
 * runner with papermill's parameter conventions, built on the kernel's own
 * {@link dev.seqlab.engine.SeqLabEngine} (same renderers, magics and imports, in this JVM).
 *
 * <ul>
 *   <li>{@link dev.seqlab.notebook.CellLoop}: the one loop both runners use: cells in order,
 *       one {@code CellWatchdog} for {@code --timeout}, progress and error lines, stop at the
 *       first failure unless errors are allowed.</li>
 *   <li>{@link dev.seqlab.notebook.Notebook}: the notebook as its JSON tree (unknown fields kept),
 *       nbformat's layout on write, atomic writes; anything but nbformat 4 is refused.</li>
 *   <li>{@link dev.seqlab.notebook.Parameters}: {@code -p NAME VALUE} and {@code -f FILE} values
 *       typed as Java ({@code int}, {@code long}, {@code double}, {@code boolean},
 *       {@code String}, lists of these) and rendered as declarations.</li>
 *   <li>{@link dev.seqlab.notebook.Injector}: the {@code parameters} / {@code injected-parameters}
 *       cell tags and the {@code metadata.papermill} / {@code metadata.seqlab} records.</li>
 *   <li>{@link dev.seqlab.notebook.NotebookRunner} with {@link dev.seqlab.notebook.CellOutputs}:
 *       outputs as Jupyter saves them, timing and status per cell; {@link dev.seqlab.notebook.HeadlessProgress} prints training progress
 *       on the terminal while the notebook keeps the kernel's live display in its final state.</li>
 *   <li>{@link dev.seqlab.notebook.ScriptRunner}: {@code .jsh} scripts, paragraph by paragraph,
 *       output on the terminal and figures saved beside the script; a paragraph runs as one cell.</li>
 * </ul>
 *
 * <p>A new kind of headless input (another file format): a runner here that turns it into
 * {@code CellLoop.Cell}s and implements {@code CellLoop.Listener} for its outputs, chosen in
 * {@code cli.RunCommand}.
 *
 * <p>Working directory: JShell runs cells in this JVM, and a JVM cannot change its working
 * directory, so {@code seqlab run --cwd DIR} starts a child JVM in DIR (same class path and
 * settings, half a second more). Without it, relative paths are relative to where
 * {@code seqlab run} was started; bundled data sets are found by file name from anywhere
 * ({@link dev.seqlab.runtime.Locations#resolve}).
 */
package dev.seqlab.notebook;
