/**
 * The notebook session: a JShell in this JVM with the DSL on the class path and its imports in
 * place. It knows nothing of Jupyter's wire protocol or of files; the kernel
 * ({@link dev.seqlab.jupyter}) and the headless runners ({@link dev.seqlab.notebook}) drive it.
 * "Cell" here always means a notebook cell: the text one {@code eval} call runs.
 *
 * <ul>
 *   <li>{@link dev.seqlab.engine.SeqLabEngine}: the facade: sets a session up, runs one cell at a
 *       time, interrupts, closes.</li>
 *   <li>{@code CellEvaluator}: one cell's text: the cell magic, line magics and Java snippets in
 *       order ({@code CellSplitter} splits, {@code CellMap} remembers where snippets came from,
 *       {@code CellState} holds the cell's value and error).</li>
 *   <li>{@code CodeInsight}: completion, inspection and is-complete.</li>
 *   <li>{@code SnippetErrors} and {@code ErrorReport}: JShell's verdicts as the errors a notebook
 *       shows, with the cell's own line numbers.</li>
 *   <li>{@code CellExecutionControl}: runs snippets on a thread of their own so they can be
 *       stopped; keeps their raw values.</li>
 *   <li>{@code ClassPath}, {@code DefaultImports}: what a session starts with;
 *       {@code JarListingCache}: javac's class path listings, kept between cells.</li>
 *   <li>{@link dev.seqlab.engine.CompilerWarmUp}: warms javac up in a throwaway JShell while the
 *       kernel is idle (never in the session).</li>
 *   <li>{@code CellStreams}, {@code StreamCapture}, {@code OrderedOutputs},
 *       {@link dev.seqlab.engine.Outputs}: stdout, stderr and outputs in order.</li>
 *   <li>{@link dev.seqlab.engine.Displays}, {@link dev.seqlab.engine.LiveProgress}: the functions
 *       every session defines ({@code display}, {@code updateDisplay}, {@code clearOutput},
 *       {@code vars}) and the live training display.</li>
 *   <li>{@code SessionMagicContext}: what magics may do to the session.</li>
 * </ul>
 *
 * <p>Magics live in {@link dev.seqlab.magic} and renderers in {@link dev.seqlab.render}, not
 * here. A new session function (callable from cells) is a line in {@code SeqLabEngine.HELPERS}
 * calling a public static method here.
 */
package dev.seqlab.engine;
