package dev.seqlab.model;

import dev.seqlab.SeqLabException;
import java.util.Locale;
import java.util.Objects;

/**
 * One recurrent layer of a {@link Stack}, as an immutable value: its {@link LayerKind}, its size
 * and what happens around it. Mixed stacks are lists of layers:
 *
 * <pre>{@code
 * Stack mixed = Stack.lstm(16).bidirectional()
 *         .then(Layer.gru(32).residual().layerNorm())
 *         .then(Layer.lstm(32).dropout(0.1).residual());
 * }</pre>
 *
 * <p>Dropout and the residual link act on what the layer receives from the layer before it, so on
 * the first layer of a stack they have nothing to act on and are left out of the network (the
 * configuration still prints them).
 */
public final class Layer {

    private final LayerKind kind;
    private final int size;
    private final boolean bidirectional;
    private final double dropout;
    private final Residual residual;
    private final boolean layerNorm;

    Layer(LayerKind kind, int size, boolean bidirectional, double dropout, Residual residual, boolean layerNorm) {
        this.kind = kind;
        this.size = size;
        this.bidirectional = bidirectional;
        this.dropout = dropout;
        this.residual = residual;
        this.layerNorm = layerNorm;
    }

    /**
     * Starts a layer of any kind.
     *
     * @param kind the kind, for example {@link LayerKind#GRU}
     * @param size the state size of each direction, at least 1
     * @return the layer, unidirectional with nothing around it
     */
    public static Layer of(LayerKind kind, int size) {
        Objects.requireNonNull(kind, "kind");
        SeqLabException.check(size >= 1, "Layer size %d is below 1; use sizes of 1 or more.", size);
        return new Layer(kind, size, false, 0, Residual.NONE, false);
    }

    /**
     * @param size the state size
     * @return an LSTM layer
     */
    public static Layer lstm(int size) {
        return of(LayerKind.LSTM, size);
    }

    /**
     * @param size the state size
     * @return a GRU layer
     */
    public static Layer gru(int size) {
        return of(LayerKind.GRU, size);
    }

    /**
     * @param size the state size
     * @return a plain RNN layer with tanh activation (see {@link #relu()})
     */
    public static Layer rnn(int size) {
        return of(LayerKind.RNN_TANH, size);
    }

    /**
     * Uses ReLU instead of tanh in a plain RNN layer.
     *
     * @return a new layer
     * @throws SeqLabException for LSTM and GRU, whose activations are fixed
     */
    public Layer relu() {
        return new Layer(kind.relu(), size, bidirectional, dropout, residual, layerNorm);
    }

    /**
     * Adds a second, independent layer that reads each sequence backwards (its real part only);
     * the outputs are concatenated, doubling the layer's width.
     *
     * @return a new layer
     */
    public Layer bidirectional() {
        return new Layer(kind, size, true, dropout, residual, layerNorm);
    }

    /**
     * Applies dropout to what this layer receives from the layer before it; inactive at evaluation.
     *
     * @param p the drop probability in [0, 1)
     * @return a new layer
     */
    public Layer dropout(double p) {
        SeqLabException.check(p >= 0 && p < 1, "Dropout %s is outside [0, 1); use a rate such as 0.2.", fmt(p));
        return new Layer(kind, size, bidirectional, p, residual, layerNorm);
    }

    /**
     * Adds the layer's input to its output (an identity skip link); the widths must be equal, see
     * {@link #residualProjected()}.
     *
     * @return a new layer
     */
    public Layer residual() {
        return new Layer(kind, size, bidirectional, dropout, Residual.IDENTITY, layerNorm);
    }

    /**
     * Adds the layer's input to its output through a learned linear projection (no bias) where
     * the widths differ, the identity where they are equal.
     *
     * @return a new layer
     */
    public Layer residualProjected() {
        return new Layer(kind, size, bidirectional, dropout, Residual.PROJECTED, layerNorm);
    }

    /**
     * Normalises the layer's output over its features, after the residual link.
     *
     * @return a new layer
     */
    public Layer layerNorm() {
        return new Layer(kind, size, bidirectional, dropout, residual, true);
    }

    Layer withResidual(Residual r) {
        return new Layer(kind, size, bidirectional, dropout, r, layerNorm);
    }

    /** @return the kind */
    public LayerKind kind() {
        return kind;
    }

    /** @return the state size of each direction */
    public int size() {
        return size;
    }

    /** @return the output width: the size, doubled when bidirectional */
    public int width() {
        return bidirectional ? 2 * size : size;
    }

    /** @return whether a backward twin reads the sequence reversed */
    public boolean isBidirectional() {
        return bidirectional;
    }

    /** @return the dropout rate on the layer's input (0 = none) */
    public double dropout() {
        return dropout;
    }

    /** @return whether the layer's input is added to its output (identity or projected) */
    public boolean isResidual() {
        return residual != Residual.NONE;
    }

    /** @return whether the skip link projects where widths differ */
    public boolean isResidualProjected() {
        return residual == Residual.PROJECTED;
    }

    /** @return whether the output is layer-normalised */
    public boolean isLayerNorm() {
        return layerNorm;
    }

    Residual residualMode() {
        return residual;
    }

    /**
     * Checks that an identity skip link can add this layer's input (the output of {@code before})
     * to its output: their widths must be equal.
     *
     * @param before the layer below
     * @param number this layer's number in the stack, from 1
     */
    void checkResidual(Layer before, int number) {
        if (residual != Residual.IDENTITY) {
            return;
        }
        if (bidirectional == before.bidirectional) {
            SeqLabException.check(size == before.size,
                    "Residual links need equal layer sizes but layer %d has %d and layer %d has %d; use equal sizes or .residualProjected().",
                    number - 1, before.size, number, size);
        } else {
            // A bidirectional layer is twice as wide as its size: compare what is added.
            SeqLabException.check(width() == before.width(),
                    "Residual links need equal widths but layer %d is %d wide and layer %d is %d wide (bidirectional layers are twice "
                            + "their size); use matching sizes or .residualProjected().",
                    number - 1, before.width(), number, width());
        }
    }

    /** @return whether everything but the size equals the other layer's settings */
    boolean sameSettings(Layer o) {
        return kind == o.kind && bidirectional == o.bidirectional && Double.compare(dropout, o.dropout) == 0
                && residual == o.residual && layerNorm == o.layerNorm;
    }

    /** @return for example {@code LSTM(tanh)(32) bidirectional dropout=0.1 residual layerNorm} */
    @Override
    public String toString() {
        return kind.label() + "(" + size + ")" + (bidirectional ? " bidirectional" : "")
                + (dropout > 0 ? " dropout=" + fmt(dropout) : "")
                + (residual == Residual.IDENTITY ? " residual" : residual == Residual.PROJECTED ? " residualProjected" : "")
                + (layerNorm ? " layerNorm" : "");
    }

    static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }

    /** Two layers are equal when every setting is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Layer l && size == l.size && sameSettings(l);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(kind, size, bidirectional, dropout, residual, layerNorm);
    }
}
