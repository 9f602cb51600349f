package dev.seqlab.bench;

import java.util.Locale;
import java.util.Map;

/**
 * One benchmark configuration: a recurrent cell and the shapes of a training step.
 *
 * @param cell {@code lstm}, {@code gru} or {@code rnn} (tanh)
 * @param batch samples per batch B
 * @param time time steps T
 * @param features input features per step F
 * @param hidden state size H of every layer
 * @param layers recurrent layers L
 */
public record Shape3(String cell, int batch, int time, int features, int hidden, int layers) {

    /** Validates the cell name. */
    public Shape3 {
        cell = cell.toLowerCase(Locale.ROOT);
        if (!cell.equals("lstm") && !cell.equals("gru") && !cell.equals("rnn")) {
            throw new IllegalArgumentException("Unknown cell " + cell + "; use lstm, gru or rnn.");
        }
    }

    /**
     * Reads a configuration from the driver's JSON object.
     *
     * @param m keys cell, B, T, F, H, L
     * @return the configuration
     */
    public static Shape3 of(Map<String, Object> m) {
        return new Shape3((String) m.get("cell"), num(m, "B"), num(m, "T"), num(m, "F"), num(m, "H"), num(m, "L"));
    }

    private static int num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).intValue();
    }
}
