package dev.seqlab.engine;

import java.util.List;

/**
 * Completion candidates for a cursor position.
 *
 * @param matches the replacement texts, best first
 * @param start where the text to replace starts in the cell
 * @param end where it ends (the cursor)
 */
public record Completion(List<String> matches, int start, int end) {}
