package dev.seqlab.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers where each JShell snippet came from (which cell, which line) so that stack frames
 * of code defined in earlier cells still name their cell and line.
 */
final class CellMap {

    /**
     * Where a snippet starts.
     *
     * @param cell the cell number (1 for the first cell evaluated)
     * @param line the cell line, counted from 1, of the snippet's first line
     */
    record Origin(int cell, int line) {}

    private final Map<String, Origin> bySnippetId = new ConcurrentHashMap<>();

    void put(String snippetId, int cell, int line) {
        bySnippetId.put(snippetId, new Origin(cell, line));
    }

    Origin get(String snippetId) {
        return bySnippetId.get(snippetId);
    }

    /**
     * The 1-based line of an offset in a text.
     *
     * @param text the text
     * @param offset the offset
     * @return its line number
     */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
