package dev.seqlab.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial as data, shipped to an executor: the notebook's text, its parameters (as the text
 * {@code seqlab run -p} reads) and the bytes of the files it reads. No JShell-defined class
 * travels; the executor runs the notebook with SeqLab's own engine.
 *
 * @param id the trial id
 * @param notebookName the notebook's file name
 * @param notebook the notebook's JSON text
 * @param parameters name to value text, in injection order
 * @param files relative path to content
 * @param timeoutSeconds the cell time limit, or 0 for none
 */
record TrialSpec(String id, String notebookName, String notebook, LinkedHashMap<String, String> parameters, Map<String, byte[]> files,
        double timeoutSeconds) implements Serializable {}
