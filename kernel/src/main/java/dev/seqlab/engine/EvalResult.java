package dev.seqlab.engine;

import java.util.List;
import java.util.Map;

/**
 * How a cell ended. The same facts were already sent to the {@link Outputs}; this record lets a
 * caller build its reply (execute_reply, a headless run's exit code) without listening.
 *
 * @param status ok, error or interrupted
 * @param value the rendered value of the last expression, or null
 * @param ename the error name (null when ok)
 * @param evalue the error message (null when ok)
 * @param traceback the error's lines (empty when ok)
 */
public record EvalResult(Status status, Map<String, Object> value, String ename, String evalue,
        List<String> traceback) {

    /** How a cell ended. */
    public enum Status {
        /** The cell ran to its end. */
        OK,
        /** The cell did not compile or threw. */
        ERROR,
        /** The cell was stopped by {@link SeqLabEngine#interrupt()}. */
        INTERRUPTED
    }

    /** @return true when the cell ran to its end */
    public boolean ok() {
        return status == Status.OK;
    }

    static EvalResult ok(Map<String, Object> value) {
        return new EvalResult(Status.OK, value, null, null, List.of());
    }

    static EvalResult error(Status status, String ename, String evalue, List<String> traceback) {
        return new EvalResult(status, null, ename, evalue, List.copyOf(traceback));
    }
}
