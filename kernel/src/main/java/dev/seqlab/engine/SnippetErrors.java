package dev.seqlab.engine;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Error mapping: what JShell says about a snippet (rejected with diagnostics, an unresolved
 * reference, an exception, incomplete source) as the {@link ErrorReport} a notebook shows, with
 * lines counted in the cell. {@link ErrorReport} formats; this class decides which report.
 */
final class SnippetErrors {

    private final JShell jshell;
    private final CellExecutionControl control;
    private final CellMap cellMap;

    SnippetErrors(JShell jshell, CellExecutionControl control, CellMap cellMap) {
        this.jshell = jshell;
        this.control = control;
        this.cellMap = cellMap;
    }

    /**
     * The error of one evaluated snippet, if it failed.
     *
     * @param ev JShell's event for the snippet
     * @param text the text the snippet came from
     * @param offset where the snippet starts in it
     * @param cellNumber the cell being evaluated
     * @return the report, or null when the snippet ran
     */
    ErrorReport of(SnippetEvent ev, String text, int offset, int cellNumber) {
        Snippet s = ev.snippet();
        if (ev.status() == Snippet.Status.REJECTED) {
            List<ErrorReport.Problem> problems = jshell.diagnostics(s).filter(Diag::isError)
                    .map(d -> ErrorReport.problem(d, text, offset)).collect(Collectors.toList());
            if (problems.isEmpty()) {
                problems.add(new ErrorReport.Problem(CellMap.lineOf(text, offset), 1, "this code cannot be compiled", null, 1));
            }
            return ErrorReport.compile(problems);
        }
        JShellException ex = ev.exception();
        if (ex instanceof UnresolvedReferenceException ure) {
            return ErrorReport.unresolved(ure, jshell.unresolvedDependencies(ure.getSnippet()).toList());
        }
        if (ex instanceof EvalException ee) {
            return ErrorReport.runtime(ee, control.lastFailure(), cellMap, cellNumber);
        }
        if (ex != null) {
            return ErrorReport.of(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
        }
        return null;
    }

    /**
     * A note for a declaration that refers to something not defined yet (JShell keeps it and it
     * works once that is defined), or null.
     *
     * @param ev JShell's event for the snippet
     * @return the note's text, or null
     */
    String forwardReferenceNote(SnippetEvent ev) {
        Snippet s = ev.snippet();
        if (ev.status() != Snippet.Status.RECOVERABLE_DEFINED && ev.status() != Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            return null;
        }
        return "Note: " + describe(s) + " refers to "
                + jshell.unresolvedDependencies((DeclarationSnippet) s).collect(Collectors.joining(", "))
                + ", which is not defined yet; it can be used once that is defined.";
    }

    /**
     * The error for source that is incomplete or cannot be parsed.
     *
     * @param text the text
     * @param offset where the piece starts in it
     * @param piece the piece JShell could not complete
     * @return the report
     */
    static ErrorReport incomplete(String text, int offset, CellSplitter.Piece piece) {
        int line = CellMap.lineOf(text, offset);
        String first = piece.source().strip().lines().findFirst().orElse("");
        String why = piece.completeness() == Completeness.UNKNOWN
                ? "this code cannot be parsed"
                : "this code is incomplete (a missing closing bracket, parenthesis or quote?)";
        return ErrorReport.compile(List.of(new ErrorReport.Problem(line, 1, why, first, first.length())));
    }

    private static String describe(Snippet s) {
        String src = s.source().strip();
        int nl = src.indexOf('\n');
        return "'" + (nl < 0 ? src : src.substring(0, nl) + " ...") + "'";
    }
}
