package dev.seqlab.engine;

/**
 * Whether a cell can run as it is (Jupyter's {@code is_complete_reply}).
 *
 * @param status "complete", "incomplete", "invalid" or "unknown"
 * @param indent the indent for the next line when incomplete, otherwise ""
 */
public record IsComplete(String status, String indent) {}
