package dev.seqlab.engine;

import dev.seqlab.magic.MagicContext;
import dev.seqlab.magic.MagicRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/** What magics (and the session functions such as {@code vars()}) may do to one session. */
final class SessionMagicContext implements MagicContext {

    private final JShell jshell;
    private final CellExecutionControl control;
    private final CellEvaluator evaluator;
    private final CellStreams streams;
    private final MagicRegistry magics;

    SessionMagicContext(JShell jshell, CellExecutionControl control, CellEvaluator evaluator, CellStreams streams,
            MagicRegistry magics) {
        this.jshell = jshell;
        this.control = control;
        this.evaluator = evaluator;
        this.streams = streams;
        this.magics = magics;
    }

    @Override
    public void addToClasspath(String path) {
        jshell.addToClasspath(path);
    }

    @Override
    public boolean eval(String code) {
        return evaluator.runText(code);
    }

    @Override
    public void print(String text) {
        streams.print(text);
    }

    @Override
    public void display(Map<String, Object> bundle) {
        CellState c = evaluator.current();
        (c == null ? Outputs.NONE : c.outputs).display(bundle, null);
    }

    @Override
    public List<Variable> variables() {
        // The latest active declaration of each name, in the order the names first appeared.
        Map<String, VarSnippet> latest = new LinkedHashMap<>();
        jshell.variables().filter(v -> jshell.status(v).isActive() && !v.name().startsWith("$"))
                .forEach(v -> latest.put(v.name(), v));
        List<Variable> out = new ArrayList<>();
        for (VarSnippet v : latest.values()) {
            Object value = null;
            if (jshell.status(v) == Snippet.Status.VALID) {
                try {
                    value = control.rawValue(() -> jshell.varValue(v));
                } catch (RuntimeException e) {
                    value = null; // not initialised yet (its initialiser failed): shown as null
                }
            }
            out.add(new Variable(v.name(), v.typeName(), value));
        }
        return out;
    }

    @Override
    public List<String> imports() {
        return jshell.imports().filter(i -> jshell.status(i).isActive()).map(i -> i.source().strip()).toList();
    }

    @Override
    public MagicRegistry magics() {
        return magics;
    }
}
