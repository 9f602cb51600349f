package dev.seqlab.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one trial ended.
 *
 * @param trial the trial
 * @param status ok, error or timeout
 * @param seconds wall time of the trial
 * @param values the recorded values by name (numbers, text), in recording order
 * @param error one sentence saying what went wrong, or null when ok
 */
public record TrialResult(Trial trial, Status status, double seconds, Map<String, Object> values, String error) {

    /** How a trial ended. */
    public enum Status {
        /** It ran to the end. */
        OK,
        /** It failed; {@link TrialResult#error()} says why. */
        ERROR,
        /** It ran past its time limit and was stopped. */
        TIMEOUT;

        /** @return the lower-case name used in files ({@code ok}, {@code error}, {@code timeout}) */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Keeps an unmodifiable copy of the values. */
    public TrialResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * A finished trial.
     *
     * @param trial the trial
     * @param seconds its wall time
     * @param values what it recorded
     * @return the result
     */
    public static TrialResult ok(Trial trial, double seconds, Map<String, ?> values) {
        return new TrialResult(trial, Status.OK, seconds, new LinkedHashMap<>(values), null);
    }

    /**
     * A failed trial.
     *
     * @param trial the trial
     * @param seconds its wall time
     * @param sentence what went wrong, in one sentence
     * @return the result
     */
    public static TrialResult failed(Trial trial, double seconds, String sentence) {
        return new TrialResult(trial, Status.ERROR, seconds, Map.of(), sentence);
    }

    /** @return true when the trial ran to the end */
    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * A recorded number.
     *
     * @param name the name
     * @return the value, or NaN when it was not recorded or is not a number
     */
    public double number(String name) {
        Object v = values.get(name);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
