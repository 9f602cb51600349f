package dev.seqlab.model;

import ai.djl.nn.recurrent.RecurrentBlock;
import dev.seqlab.SeqLabException;
import java.util.List;
import java.util.Locale;

/**
 * What kind of recurrent layer a {@link Layer} is: everything that differs between LSTM, GRU and
 * plain RNN layers lives in one subclass per kind ({@link LstmKind}, {@link GruKind},
 * {@link RnnKind}), so the stack, the summary, the gate charts and the checkpoint codec ask the
 * kind instead of switching on it.
 *
 * <p>A new recurrent kind is one new subclass in this package plus its constant here; its
 * {@link #name()} is what checkpoints store, so it must never change once released.
 */
public abstract sealed class LayerKind permits LstmKind, GruKind, RnnKind {

    /** Long short-term memory (four gates, cell state). */
    public static final LayerKind LSTM = new LstmKind();
    /** Gated recurrent unit (three gates). */
    public static final LayerKind GRU = new GruKind();
    /** Elman RNN with tanh activation. */
    public static final LayerKind RNN_TANH = new RnnKind(false);
    /** Elman RNN with ReLU activation. */
    public static final LayerKind RNN_RELU = new RnnKind(true);

    private static final List<LayerKind> ALL = List.of(RNN_TANH, RNN_RELU, LSTM, GRU);

    LayerKind() {}

    /** @return every kind, in declaration order: RNN tanh, RNN ReLU, LSTM, GRU */
    public static List<LayerKind> values() {
        return ALL;
    }

    /**
     * Finds a kind by its {@link #name()} (as checkpoints store it) or by the factory's name
     * ({@code lstm}, {@code gru}, {@code rnn}), ignoring case.
     *
     * @param name for example {@code LSTM} or {@code rnn_relu}
     * @return the kind
     * @throws SeqLabException if no kind has that name
     */
    public static LayerKind named(String name) {
        String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("RNN")) {
            return RNN_TANH;
        }
        for (LayerKind k : ALL) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new SeqLabException(String.format(Locale.ROOT,
                "There is no layer kind named '%s'; use one of LSTM, GRU, RNN_TANH, RNN_RELU.", name));
    }

    /** @return the stable name checkpoints store: {@code LSTM}, {@code GRU}, {@code RNN_TANH} or {@code RNN_RELU} */
    public abstract String name();

    /** @return the kind as a stack's configuration prints it, for example {@code LSTM(tanh)} */
    public abstract String label();

    /** @return the short name of summaries, for example {@code LSTM} or {@code RNN-relu} */
    public abstract String shortName();

    /**
     * Returns the number of gate blocks per layer (4 for LSTM, 3 for GRU, 1 for RNN); the weight
     * matrices of a DJL recurrent block stack the gates on their first axis.
     *
     * @return the gate count
     */
    public abstract int gates();

    /** @return the number of state arrays a layer carries between chunks: 2 (h, c) for LSTM, else 1 (h) */
    public abstract int states();

    /**
     * Returns the names of the gates {@link Gates} recomputes for this kind, in the order
     * {@link Gates#names()} lists them; empty when the kind has no gates to show.
     *
     * @return the gate names
     */
    public abstract List<String> gateNames();

    /** @return the gates the overview chart draws as boxes (the squashing gates, not candidates or states) */
    public abstract List<String> overviewGates();

    /** @return whether {@link Gates} can recompute this kind's gates */
    public boolean hasGates() {
        return !gateNames().isEmpty();
    }

    /**
     * Builds one one-directional DJL layer of this kind: one layer, batch first, biases on (the
     * combination that matches torch's parameter layout on every engine), returning its final
     * state ({@code [out, h]} or {@code [out, h, c]}) for truncated BPTT.
     *
     * @param size the state size
     * @return a new, uninitialised block
     */
    abstract RecurrentBlock block(int size);

    /**
     * Recomputes a one-layer, one-direction layer of this kind step by step in double precision
     * (see {@link Gates} for the equations and the weight layout).
     *
     * @param x the inputs, (t, in) row-major
     * @return the gate activations and hidden states
     */
    GateTrace recompute(float[] x, int t, int in, int h, float[] wih, float[] whh, float[] bih, float[] bhh) {
        throw new SeqLabException(String.format(Locale.ROOT,
                "Gates exist only for LSTM and GRU cells; this layer is %s, so declare it with Stack.lstm(...) or "
                        + "Stack.gru(...) to see gates.", label()));
    }

    /**
     * Returns this kind with a ReLU activation instead of tanh.
     *
     * @return the ReLU variant
     * @throws SeqLabException for kinds whose activations are fixed (LSTM, GRU)
     */
    LayerKind relu() {
        throw new SeqLabException(String.format(Locale.ROOT,
                ".relu() applies only to plain RNN cells, not %s; use Stack.rnn(...).relu() or drop .relu().", name()));
    }

    /**
     * Checks, before any weight of a layer of this size is drawn, that the engine computes this kind
     * correctly on this machine; only LSTM has a known fused-kernel fault to check for.
     *
     * @param size the layer's state size
     */
    void checkEngine(int size) {}

    /** @return the label */
    @Override
    public String toString() {
        return label();
    }
}
