package dev.seqlab.engine;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Splits cell text into the snippets JShell evaluates one at a time, keeping each snippet's
 * offset in the cell so that diagnostics and stack frames can name the cell's own lines.
 */
final class CellSplitter {

    /**
     * One snippet of a cell.
     *
     * @param source the snippet source as JShell wants it (a missing semicolon added)
     * @param offset where the snippet starts in the text that was split
     * @param completeness JShell's verdict on the snippet
     */
    record Piece(String source, int offset, Completeness completeness) {}

    private final SourceCodeAnalysis analysis;

    CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * Splits text into snippets. An incomplete or unparsable tail becomes one last piece whose
     * completeness says so.
     *
     * @param text the code
     * @return the snippets in order
     */
    List<Piece> split(String text) {
        List<Piece> out = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int start = skipBlank(text, pos);
            if (start >= text.length()) {
                break;
            }
            String rest = text.substring(start);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete() || info.source() == null) {
                out.add(new Piece(rest, start, c));
                break;
            }
            out.add(new Piece(info.source(), start, c));
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) {
                break;
            }
            pos = start + consumed;
        }
        return out;
    }

    /**
     * Finds where the snippet that contains the cursor starts.
     *
     * @param text the code
     * @param cursor the cursor position
     * @return the start offset of the snippet holding the cursor
     */
    int snippetStart(String text, int cursor) {
        int pos = 0;
        while (pos < cursor) {
            int start = skipBlank(text, pos);
            if (start >= cursor) {
                return start;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(text.substring(start, cursor));
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                return start;
            }
            int consumed = (cursor - start) - info.remaining().length();
            if (consumed <= 0) {
                return start;
            }
            pos = start + consumed;
        }
        return Math.min(pos, cursor);
    }

    private static int skipBlank(String text, int pos) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}
