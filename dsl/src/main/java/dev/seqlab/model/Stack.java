package dev.seqlab.model;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.Task;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable description of a deep recurrent network: which cell, how many layers of which
 * sizes, and what sits between and on top of them.
 *
 * <p>Every method returns a new {@code Stack}, so one configuration can be the base of several
 * experiments:
 *
 * <pre>{@code
 * Stack deep = Stack.lstm(64).layers(4).dropout(0.2).residual().layerNorm().attention();
 * Network net = deep.build(air.spec());
 * }</pre>
 *
 * <p>Settings that can be checked alone (a negative size, a dropout of 1) fail at once; settings
 * that depend on each other or on the data (residual links between layers of different sizes, a
 * head that does not fit the task) fail in {@link #build(DataSpec)}. Every failure is a
 * {@link SeqLabException} with one sentence that names the fix.
 *
 * <p>Dropout and residual links act <em>between</em> layers, so on a one-layer stack they have
 * nothing to act on and are left out of the network (the configuration still prints them); this
 * lets one base configuration be compared at depth 1 and depth 4.
 */
public final class Stack {

    /** Embedding size used for token data when {@link #embedding(int)} is not called. */
    public static final int DEFAULT_EMBEDDING = 32;

    private enum Residual {
        NONE,
        IDENTITY,
        PROJECTED
    }

    private final Cell cell;
    private final int[] sizes;
    private final boolean bidirectional;
    private final double dropout;
    private final Residual residual;
    private final boolean layerNorm;
    private final boolean attention;
    private final int embedding;
    private final Head head;

    private Stack(Cell cell, int[] sizes, boolean bidirectional, double dropout, Residual residual,
            boolean layerNorm, boolean attention, int embedding, Head head) {
        this.cell = cell;
        this.sizes = sizes;
        this.bidirectional = bidirectional;
        this.dropout = dropout;
        this.residual = residual;
        this.layerNorm = layerNorm;
        this.attention = attention;
        this.embedding = embedding;
        this.head = head;
    }

    // ---------------------------------------------------------------- factories

    /**
     * Starts an LSTM stack.
     *
     * @param sizes one size (the size of every layer, see {@link #layers(int)}) or one size per layer
     * @return a one-layer stack unless several sizes are given
     */
    public static Stack lstm(int... sizes) {
        return of(Cell.LSTM, "lstm", sizes);
    }

    /**
     * Starts a GRU stack.
     *
     * @param sizes one size (the size of every layer, see {@link #layers(int)}) or one size per layer
     * @return a one-layer stack unless several sizes are given
     */
    public static Stack gru(int... sizes) {
        return of(Cell.GRU, "gru", sizes);
    }

    /**
     * Starts a plain (Elman) RNN stack with tanh activation; see {@link #relu()}.
     *
     * @param sizes one size (the size of every layer, see {@link #layers(int)}) or one size per layer
     * @return a one-layer stack unless several sizes are given
     */
    public static Stack rnn(int... sizes) {
        return of(Cell.RNN_TANH, "rnn", sizes);
    }

    private static Stack of(Cell cell, String factory, int... sizes) {
        SeqLabException.check(sizes != null && sizes.length > 0,
                "Stack.%s() needs at least one layer size; use for example Stack.%s(64).", factory, factory);
        for (int s : sizes) {
            SeqLabException.check(s >= 1, "Layer size %d is below 1; use sizes of 1 or more.", s);
        }
        return new Stack(cell, sizes.clone(), false, 0, Residual.NONE, false, false, 0, Head.AUTO);
    }

    // ---------------------------------------------------------------- settings

    /**
     * Repeats a single layer size {@code n} times.
     *
     * @param n the number of recurrent layers, at least 1
     * @return a new stack
     */
    public Stack layers(int n) {
        SeqLabException.check(n >= 1, "Layer count %d is below 1; use .layers(1) or more.", n);
        if (sizes.length > 1) {
            SeqLabException.check(n == sizes.length,
                    ".layers(%d) conflicts with the %d explicit sizes %s; give one size or drop .layers().",
                    n, sizes.length, Arrays.toString(sizes));
            return this;
        }
        int[] s = new int[n];
        Arrays.fill(s, sizes[0]);
        return new Stack(cell, s, bidirectional, dropout, residual, layerNorm, attention, embedding, head);
    }

    /**
     * Uses ReLU instead of tanh in a plain RNN cell.
     *
     * @return a new stack
     * @throws SeqLabException for LSTM and GRU, whose activations are fixed
     */
    public Stack relu() {
        SeqLabException.check(cell == Cell.RNN_TANH || cell == Cell.RNN_RELU,
                ".relu() applies only to plain RNN cells, not %s; use Stack.rnn(...).relu() or drop .relu().",
                cell.name());
        return new Stack(Cell.RNN_RELU, sizes, bidirectional, dropout, residual, layerNorm, attention, embedding, head);
    }

    /**
     * Makes every layer bidirectional: a second, independent layer reads each sequence backwards
     * (its real part only, padding stays at the end) and its outputs are concatenated with the
     * forward ones, doubling the layer's output width.
     *
     * @return a new stack
     */
    public Stack bidirectional() {
        return new Stack(cell, sizes, true, dropout, residual, layerNorm, attention, embedding, head);
    }

    /**
     * Applies dropout to what each layer hands to the next one (not to the input of the first
     * layer nor to the pooled output); inactive at evaluation.
     *
     * @param p the drop probability in [0, 1)
     * @return a new stack
     */
    public Stack dropout(double p) {
        SeqLabException.check(p >= 0 && p < 1, "Dropout %s is outside [0, 1); use a rate such as 0.2.", fmt(p));
        return new Stack(cell, sizes, bidirectional, p, residual, layerNorm, attention, embedding, head);
    }

    /**
     * Adds identity skip links between consecutive layers: the output of layer i+1 becomes its
     * recurrent output plus its input. The linked layers must have equal sizes; use
     * {@link #residualProjected()} when they differ.
     *
     * @return a new stack
     */
    public Stack residual() {
        return new Stack(cell, sizes, bidirectional, dropout, Residual.IDENTITY, layerNorm, attention, embedding, head);
    }

    /**
     * Adds skip links between consecutive layers, through a learned linear projection (no bias)
     * where the sizes differ and the identity where they are equal.
     *
     * @return a new stack
     */
    public Stack residualProjected() {
        return new Stack(cell, sizes, bidirectional, dropout, Residual.PROJECTED, layerNorm, attention, embedding, head);
    }

    /**
     * Normalises each layer's output over its features (per sample and time step), after the
     * residual link, with a learned gain and shift per feature.
     *
     * @return a new stack
     */
    public Stack layerNorm() {
        return new Stack(cell, sizes, bidirectional, dropout, residual, true, attention, embedding, head);
    }

    /**
     * Pools the last layer's outputs with additive attention over the real time steps instead of
     * taking the last step; the network then also returns the attention weights.
     *
     * @return a new stack
     */
    public Stack attention() {
        return new Stack(cell, sizes, bidirectional, dropout, residual, layerNorm, true, embedding, head);
    }

    /**
     * Sets the size of the token embedding (token data gets one of {@value #DEFAULT_EMBEDDING}
     * by default).
     *
     * @param dim the embedding size, at least 1
     * @return a new stack
     */
    public Stack embedding(int dim) {
        SeqLabException.check(dim >= 1, "Embedding size %d is below 1; use .embedding(32) or another positive size.", dim);
        return new Stack(cell, sizes, bidirectional, dropout, residual, layerNorm, attention, dim, head);
    }

    /**
     * Predicts real values (forecasting).
     *
     * @return a new stack
     */
    public Stack regression() {
        return withHead(Head.REGRESSION);
    }

    /**
     * Predicts one class per sequence (logits).
     *
     * @return a new stack
     */
    public Stack classification() {
        return withHead(Head.CLASSIFICATION);
    }

    /**
     * Predicts the next token at every step (logits).
     *
     * @return a new stack
     */
    public Stack nextToken() {
        return withHead(Head.NEXT_TOKEN);
    }

    private Stack withHead(Head h) {
        return new Stack(cell, sizes, bidirectional, dropout, residual, layerNorm, attention, embedding, h);
    }

    // ---------------------------------------------------------------- build

    /**
     * Checks this configuration against the data and builds the network (not yet initialised:
     * call {@link Network#initialize(ai.djl.ndarray.NDManager)} or let a trainer do it).
     *
     * @param spec the facts about the data
     * @return the network
     * @throws SeqLabException if the configuration does not fit itself or the data
     */
    public Network build(DataSpec spec) {
        Objects.requireNonNull(spec, "spec");
        validate(spec);
        return new Network(this, spec);
    }

    private void validate(DataSpec spec) {
        Head h = resolvedHead(spec);
        SeqLabException.check(h.task() == spec.task(),
                "A %s head does not fit %s data; use .%s() or leave the head out to choose it from the data.",
                h.label(), spec.task().name(), Head.of(spec.task()).method());
        SeqLabException.check(embedding == 0 || spec.tokens(),
                "An embedding needs token input but this data has %d numeric features; remove .embedding(%d).",
                spec.features(), embedding);
        if (h == Head.NEXT_TOKEN) {
            SeqLabException.check(!bidirectional,
                    "A bidirectional stack cannot predict the next token because its backward half would see the future; remove .bidirectional().");
            SeqLabException.check(!attention,
                    "Attention pooling cannot predict the next token because it would see the future; remove .attention().");
        }
        if (residual == Residual.IDENTITY) {
            for (int i = 1; i < sizes.length; i++) {
                SeqLabException.check(sizes[i] == sizes[i - 1],
                        "Residual links need equal layer sizes but layer %d has %d and layer %d has %d; use equal sizes or .residualProjected().",
                        i, sizes[i - 1], i + 1, sizes[i]);
            }
        }
    }

    /**
     * Returns the head this stack uses on the given data ({@link Head#AUTO} resolved).
     *
     * @param spec the data
     * @return the concrete head
     */
    public Head resolvedHead(DataSpec spec) {
        return head == Head.AUTO ? Head.of(spec.task()) : head;
    }

    /**
     * Returns the embedding size used on the given data: 0 for numeric data.
     *
     * @param spec the data
     * @return the embedding size or 0
     */
    public int resolvedEmbedding(DataSpec spec) {
        if (!spec.tokens()) {
            return 0;
        }
        return embedding == 0 ? DEFAULT_EMBEDDING : embedding;
    }

    // ---------------------------------------------------------------- getters

    /** @return the recurrent cell */
    public Cell cell() {
        return cell;
    }

    /** @return the size of every layer, first to last (a copy) */
    public int[] sizes() {
        return sizes.clone();
    }

    /** @return the number of recurrent layers */
    public int layers() {
        return sizes.length;
    }

    /** @return whether each layer also reads the sequence backwards */
    public boolean isBidirectional() {
        return bidirectional;
    }

    /** @return the dropout rate between layers (0 = none) */
    public double dropout() {
        return dropout;
    }

    /** @return whether consecutive layers are joined by skip links (identity or projected) */
    public boolean isResidual() {
        return residual != Residual.NONE;
    }

    /** @return whether skip links project where sizes differ ({@link #residualProjected()}) */
    public boolean isResidualProjected() {
        return residual == Residual.PROJECTED;
    }

    /** @return whether each layer's output is layer-normalised */
    public boolean isLayerNorm() {
        return layerNorm;
    }

    /** @return whether the sequence is pooled with attention */
    public boolean hasAttention() {
        return attention;
    }

    /** @return the embedding size asked for, or 0 for the default ({@value #DEFAULT_EMBEDDING} on token data) */
    public int embeddingDim() {
        return embedding;
    }

    /** @return the head asked for ({@link Head#AUTO} unless set) */
    public Head head() {
        return head;
    }

    // ---------------------------------------------------------------- object

    /**
     * Prints the whole configuration, defaults included, for example {@code Stack[cell=LSTM(tanh)
     * sizes=[64, 64] bidirectional=false dropout=0.2 residual=true layerNorm=false
     * attention=false embedding=auto(32) head=auto]}.
     */
    @Override
    public String toString() {
        String res = residual == Residual.NONE ? "false" : residual == Residual.IDENTITY ? "true" : "projected";
        String emb = embedding == 0 ? "auto(" + DEFAULT_EMBEDDING + ")" : Integer.toString(embedding);
        return "Stack[cell=" + cell.label() + " sizes=" + Arrays.toString(sizes) + " bidirectional=" + bidirectional
                + " dropout=" + fmt(dropout) + " residual=" + res + " layerNorm=" + layerNorm + " attention=" + attention
                + " embedding=" + emb + " head=" + head.label() + "]";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }

    /** Two stacks are equal when every setting is equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Stack)) {
            return false;
        }
        Stack s = (Stack) o;
        return cell == s.cell && Arrays.equals(sizes, s.sizes) && bidirectional == s.bidirectional
                && Double.compare(dropout, s.dropout) == 0 && residual == s.residual && layerNorm == s.layerNorm
                && attention == s.attention && embedding == s.embedding && head == s.head;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(cell, Arrays.hashCode(sizes), bidirectional, dropout, residual, layerNorm, attention,
                embedding, head);
    }
}
