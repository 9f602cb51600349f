package dev.seqlab.engine;

import dev.seqlab.magic.CellMagic;
import dev.seqlab.magic.LineMagic;
import dev.seqlab.magic.MagicContext;
import dev.seqlab.magic.MagicRegistry;
import dev.seqlab.magic.MagicSyntax;
import dev.seqlab.render.Renderers;
import java.util.List;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.VarSnippet;

/**
 * Evaluates the text of one cell: a cell magic takes the whole cell; otherwise line magics and
 * Java snippets run in order, stopping at the first error or interrupt. What happens is recorded
 * in the {@link CellState}; {@link SeqLabEngine#eval} turns that into outputs and a result.
 */
final class CellEvaluator {

    private final JShell jshell;
    private final CellExecutionControl control;
    private final CellSplitter splitter;
    private final CellMap cellMap;
    private final SnippetErrors errors;
    private final Renderers renderers;
    private final MagicRegistry magics;
    private final CellStreams streams;
    private MagicContext magicContext;
    private int cellNumber;
    private volatile CellState state;

    CellEvaluator(JShell jshell, CellExecutionControl control, Renderers renderers, MagicRegistry magics, CellStreams streams) {
        this.jshell = jshell;
        this.control = control;
        this.splitter = new CellSplitter(jshell.sourceCodeAnalysis());
        this.cellMap = new CellMap();
        this.errors = new SnippetErrors(jshell, control, cellMap);
        this.renderers = renderers;
        this.magics = magics;
        this.streams = streams;
    }

    /** @param context what magics may do (it evaluates nested code through this evaluator) */
    void magicContext(MagicContext context) {
        this.magicContext = context;
    }

    /**
     * Starts a new cell.
     *
     * @param outputs where its outputs go
     * @return its state
     */
    CellState begin(Outputs outputs) {
        CellState s = new CellState(outputs);
        state = s;
        cellNumber++;
        return s;
    }

    /** @return the cell being (or last) evaluated, or null before the first */
    CellState current() {
        return state;
    }

    /**
     * Runs a cell's text.
     *
     * @param code the cell
     * @throws dev.seqlab.magic.MagicException when a magic is unknown or misused
     */
    void run(String code) {
        MagicSyntax.Call call = MagicSyntax.cellCall(code);
        if (call != null) {
            CellMagic magic = magics.cell(call.name()).orElseThrow(() -> magics.unknownCell(call.name()));
            magic.run(call.args(), MagicSyntax.cellBody(code), magicContext);
            return;
        }
        runText(code);
    }

    /**
     * Runs text with line magics and code as part of the current cell.
     *
     * @param text the text
     * @return false if it stopped with an error
     */
    boolean runText(String text) {
        CellState c = state;
        int segStart = 0;
        int pos = 0;
        while (pos <= text.length()) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 ? text.length() : eol;
            String line = text.substring(pos, lineEnd);
            if (MagicSyntax.isLineMagic(line)) {
                if (!runCode(text, segStart, pos)) {
                    return false;
                }
                streams.out().flush();
                c.value = null;
                MagicSyntax.Call call = MagicSyntax.lineCall(line);
                LineMagic magic = magics.line(call.name()).orElseThrow(() -> magics.unknownLine(call.name()));
                magic.run(call.args(), magicContext);
                segStart = lineEnd;
            }
            if (eol < 0) {
                break;
            }
            pos = eol + 1;
        }
        return runCode(text, segStart, text.length());
    }

    /** Evaluates the snippets in text[from, to); returns false on error or interrupt. */
    private boolean runCode(String text, int from, int to) {
        CellState c = state;
        if (from >= to || text.substring(from, to).isBlank()) {
            return true;
        }
        for (CellSplitter.Piece piece : splitter.split(text.substring(from, to))) {
            int offset = from + piece.offset();
            c.value = null;
            if (c.interrupted) {
                return false; // interrupted before or while an earlier snippet compiled: run nothing more
            }
            if (piece.completeness() != Completeness.COMPLETE && piece.completeness() != Completeness.COMPLETE_WITH_SEMI) {
                c.error = SnippetErrors.incomplete(text, offset, piece);
                return false;
            }
            String source = importWithoutLeadingComments(piece.source());
            offset += piece.source().length() - source.length();
            List<SnippetEvent> events = jshell.eval(source);
            String exit = control.takeRefusedExit();
            if (exit != null) {
                // Its classes were refused before they ran; drop the snippet too, so that no
                // method or class is left declared without its code.
                events.stream().filter(ev -> ev.causeSnippet() == null).forEach(ev -> jshell.drop(ev.snippet()));
                c.error = ErrorReport.of("ExitNotAllowed", exit + " is not allowed in a cell: it would end the "
                        + "kernel and lose every variable of the session, so nothing of this snippet ran; to stop "
                        + "a cell throw an exception, and to end the session restart or shut down the kernel.");
                return false;
            }
            if (control.wasStopped() || c.interrupted) {
                c.interrupted = true;
                return false;
            }
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null) {
                    continue;
                }
                Snippet s = ev.snippet();
                cellMap.put(s.id(), cellNumber, CellMap.lineOf(text, offset));
                ErrorReport error = errors.of(ev, text, offset, cellNumber);
                if (error != null) {
                    c.error = error;
                    return false;
                }
                String note = errors.forwardReferenceNote(ev);
                if (note != null) {
                    System.err.println(note);
                }
                if (showsValue(s)) {
                    Object v = control.lastValue();
                    // System.out.printf(...) as a cell's last line returns the stream itself;
                    // showing "java.io.PrintStream@47cca384" under the printed text helps no one.
                    // A run whose live training display already shows it is not shown twice.
                    c.value = v instanceof java.io.PrintStream || Displays.isShownLive(v) ? null : renderers.render(v);
                }
                if (s instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    forget(v);
                }
            }
        }
        return true;
    }

    /**
     * Drops the {@code $N} variable JShell made for an expression's value, once the value has
     * been shown. Why: JShell compiles every later snippet with a static import of every active
     * variable, so a session that kept them slowed down by about 17 µs per expression cell ever
     * run (a trivial cell took 23 ms at first and 90 ms after 2,000 cells, measured in this JVM
     * with blocks of 200 evaluations of {@code 1+1}; 12 to 19 ms throughout with the drop), and
     * each kept its value, a trained run's weights included, alive for the rest of the session.
     * Notebooks name what they keep; {@code $N} is a JShell console idiom that no cell output
     * shows.
     */
    private void forget(VarSnippet v) {
        jshell.drop(v);
        control.releaseVariable(v.name());
    }

    /**
     * An import snippet without the comments before it. Why: JShell (17) treats an on-demand
     * import that follows a line comment ({@code // helpers\nimport java.util.concurrent.*;}) as
     * a change that every variable depends on, re-declares them all and resets each object
     * variable to null: the session's data and trained runs were lost (primitives survived).
     * Without the comment the same import leaves them alone ({@code ImportResetsVariablesTest}
     * shows it with the bare JShell API). Other snippets are returned unchanged.
     */
    static String importWithoutLeadingComments(String source) {
        int i = 0;
        int n = source.length();
        while (i < n) {
            char ch = source.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (source.startsWith("//", i)) {
                int eol = source.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        if (i == 0 || !source.startsWith("import", i) || i + 6 >= n || !Character.isWhitespace(source.charAt(i + 6))) {
            return source;
        }
        return source.substring(i);
    }

    private static boolean showsValue(Snippet s) {
        if (s instanceof VarSnippet v) {
            // display(x) already showed x; its id is not worth a second output.
            return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    && !s.source().strip().matches("(?s)display\\s*\\(.*\\)\\s*;?");
        }
        if (s instanceof ExpressionSnippet e) {
            return e.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
        }
        return false;
    }
}
