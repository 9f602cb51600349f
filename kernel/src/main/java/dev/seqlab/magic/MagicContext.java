package dev.seqlab.magic;

import java.util.List;
import java.util.Map;

/**
 * What a magic may do to the session it runs in. The engine implements it; magics see nothing
 * else of JShell, so this package does not depend on the engine.
 */
public interface MagicContext {

    /** @param path a jar or class folder to add to the session's class path (compiler and loader) */
    void addToClasspath(String path);

    /**
     * Evaluates code as part of the current cell, line magics included.
     *
     * @param code the code
     * @return false when evaluation stopped with an error (the cell then reports it)
     */
    boolean eval(String code);

    /** @param text text for the cell's stdout */
    void print(String text);

    /** @param bundle a MIME bundle ({@code text/plain} present) shown below the cell */
    void display(Map<String, Object> bundle);

    /** @return the session's variables in the order they were defined (the latest of each name) */
    List<Variable> variables();

    /** @return the session's active imports as written, such as {@code import java.util.*;} */
    List<String> imports();

    /** @return the magics of this session */
    MagicRegistry magics();

    /**
     * One variable of the session.
     *
     * @param name its name
     * @param type its declared type as written (JShell's type name)
     * @param value its current value (the object itself: cells run in this JVM)
     */
    record Variable(String name, String type, Object value) {}
}
