package dev.seqlab.model;

/** The recurrent cell a {@link Stack} is built from. */
public enum Cell {
    /** Elman RNN with tanh activation. */
    RNN_TANH("RNN(tanh)"),
    /** Elman RNN with ReLU activation. */
    RNN_RELU("RNN(relu)"),
    /** Long short-term memory (four gates, cell state). */
    LSTM("LSTM(tanh)"),
    /** Gated recurrent unit (three gates). */
    GRU("GRU(tanh)");

    private final String label;

    Cell(String label) {
        this.label = label;
    }

    /**
     * Returns the cell as printed in a stack's configuration, for example {@code LSTM(tanh)}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Returns the number of gate blocks per layer (4 for LSTM, 3 for GRU, 1 for RNN); the weight
     * matrices of a DJL recurrent block stack the gates on their first axis.
     *
     * @return the gate count
     */
    public int gates() {
        switch (this) {
            case LSTM:
                return 4;
            case GRU:
                return 3;
            default:
                return 1;
        }
    }
}
