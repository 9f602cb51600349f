package dev.seqlab.engine;

import java.util.List;
import java.util.Map;

/** Sends buffered stdout and stderr before any other output, so outputs keep their order. */
final class OrderedOutputs implements Outputs {
    private final Outputs target;
    private final CellStreams streams;

    OrderedOutputs(Outputs target, CellStreams streams) {
        this.target = target;
        this.streams = streams;
    }

    @Override
    public void stream(String name, String text) {
        streams.flush();
        target.stream(name, text);
    }

    @Override
    public void display(Map<String, Object> bundle, String displayId) {
        streams.flush();
        target.display(bundle, displayId);
    }

    @Override
    public void updateDisplay(Map<String, Object> bundle, String displayId) {
        streams.flush();
        target.updateDisplay(bundle, displayId);
    }

    @Override
    public void clearOutput(boolean wait) {
        streams.flush();
        target.clearOutput(wait);
    }

    @Override
    public void result(Map<String, Object> bundle) {
        streams.flush();
        target.result(bundle);
    }

    @Override
    public void error(String ename, String evalue, List<String> traceback) {
        streams.flush();
        target.error(ename, evalue, traceback);
    }
}
