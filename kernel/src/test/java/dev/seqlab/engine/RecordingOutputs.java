package dev.seqlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records what a cell sends, for assertions. */
final class RecordingOutputs implements Outputs {

    /** One recorded call. */
    record Event(String kind, String name, String text, Map<String, Object> bundle, String id, List<String> traceback) {}

    final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void stream(String name, String text) {
        events.add(new Event("stream", name, text, null, null, null));
    }

    @Override
    public synchronized void display(Map<String, Object> bundle, String displayId) {
        events.add(new Event("display", null, null, bundle, displayId, null));
    }

    @Override
    public synchronized void updateDisplay(Map<String, Object> bundle, String displayId) {
        events.add(new Event("update", null, null, bundle, displayId, null));
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        events.add(new Event("clear", null, String.valueOf(wait), null, null, null));
    }

    @Override
    public synchronized void result(Map<String, Object> bundle) {
        events.add(new Event("result", null, null, bundle, null, null));
    }

    @Override
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        events.add(new Event("error", ename, evalue, null, null, traceback));
    }

    synchronized String stream(String name) {
        StringBuilder b = new StringBuilder();
        events.stream().filter(e -> e.kind().equals("stream") && e.name().equals(name)).forEach(e -> b.append(e.text()));
        return b.toString();
    }

    synchronized List<Event> of(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }
}
