package dev.seqlab.model;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable description of a deep recurrent network: a list of {@link Layer}s (each of its own
 * {@link LayerKind}, size, direction, dropout, residual link and layer norm) and what sits on top
 * of them.
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
 *
 * <p>A uniform stack ({@code Stack.lstm(64).layers(4)}) applies each setting to every layer. A
 * mixed stack adds layers with their own settings through {@link #then(Layer)}:
 *
 * <pre>{@code
 * Stack mixed = Stack.lstm(16).bidirectional()
 *         .then(Layer.gru(32).layerNorm())
 *         .then(Layer.lstm(32).dropout(0.1).residual().layerNorm());
 * }</pre>
 *
 * <p>The stack-wide settings ({@link #bidirectional()}, {@link #dropout(double)},
 * {@link #residual()}, {@link #residualProjected()}, {@link #layerNorm()}, {@link #relu()}) apply
 * to every layer the stack has at the time they are called.
 */
public final class Stack {

    /** Embedding size used for token data when {@link #embedding(int)} is not called. */
    public static final int DEFAULT_EMBEDDING = 32;

    private final List<Layer> layers;
    private final boolean attention;
    private final int embedding;
    private final Head head;

    private Stack(List<Layer> layers, boolean attention, int embedding, Head head) {
        this.layers = Collections.unmodifiableList(layers);
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
        return of(LayerKind.LSTM, "lstm", sizes);
    }

    /**
     * Starts a GRU stack.
     *
     * @param sizes one size (the size of every layer, see {@link #layers(int)}) or one size per layer
     * @return a one-layer stack unless several sizes are given
     */
    public static Stack gru(int... sizes) {
        return of(LayerKind.GRU, "gru", sizes);
    }

    /**
     * Starts a plain (Elman) RNN stack with tanh activation; see {@link #relu()}.
     *
     * @param sizes one size (the size of every layer, see {@link #layers(int)}) or one size per layer
     * @return a one-layer stack unless several sizes are given
     */
    public static Stack rnn(int... sizes) {
        return of(LayerKind.RNN_TANH, "rnn", sizes);
    }

    /**
     * Starts a uniform stack of any kind (for code that picks the kind at run time).
     *
     * @param kind the kind of every layer
     * @param sizes one size or one size per layer
     * @return the stack
     */
    public static Stack of(LayerKind kind, int... sizes) {
        Objects.requireNonNull(kind, "kind");
        return of(kind, kind.name().toLowerCase(Locale.ROOT).replace("_tanh", "").replace("_relu", ""), sizes);
    }

    /**
     * Starts a stack from layers declared one by one, first (reading the data) to last.
     *
     * @param layers at least one layer
     * @return the stack
     */
    public static Stack of(Layer... layers) {
        SeqLabException.check(layers != null && layers.length > 0,
                "Stack.of() needs at least one layer; use for example Stack.of(Layer.lstm(32), Layer.gru(32)).");
        for (Layer l : layers) {
            SeqLabException.check(l != null, "One of the layers is null; pass layers such as Layer.lstm(32).");
        }
        return new Stack(new ArrayList<>(Arrays.asList(layers)), false, 0, Head.AUTO);
    }

    private static Stack of(LayerKind kind, String factory, int... sizes) {
        SeqLabException.check(sizes != null && sizes.length > 0,
                "Stack.%s() needs at least one layer size; use for example Stack.%s(64).", factory, factory);
        List<Layer> list = new ArrayList<>();
        for (int s : sizes) {
            list.add(Layer.of(kind, s));
        }
        return new Stack(list, false, 0, Head.AUTO);
    }

    // ---------------------------------------------------------------- settings

    /**
     * Repeats a single layer {@code n} times.
     *
     * @param n the number of recurrent layers, at least 1
     * @return a new stack
     */
    public Stack layers(int n) {
        SeqLabException.check(n >= 1, "Layer count %d is below 1; use .layers(1) or more.", n);
        if (layers.size() > 1) {
            SeqLabException.check(n == layers.size(),
                    ".layers(%d) conflicts with the %d explicit sizes %s; give one size or drop .layers().",
                    n, layers.size(), Arrays.toString(sizes()));
            return this;
        }
        return new Stack(new ArrayList<>(Collections.nCopies(n, layers.get(0))), attention, embedding, head);
    }

    /**
     * Adds a layer on top of the stack's layers, with its own kind and settings.
     *
     * @param next the layer that reads the current last layer's output
     * @return a new stack
     */
    public Stack then(Layer next) {
        SeqLabException.check(next != null, "The layer is null; pass one such as Layer.gru(32).");
        List<Layer> list = new ArrayList<>(layers);
        list.add(next);
        return new Stack(list, attention, embedding, head);
    }

    /**
     * Uses ReLU instead of tanh in every layer, which must all be plain RNN layers.
     *
     * @return a new stack
     * @throws SeqLabException for LSTM and GRU, whose activations are fixed
     */
    public Stack relu() {
        return map(Layer::relu);
    }

    /**
     * Makes every layer bidirectional: a second, independent layer reads each sequence backwards
     * (its real part only, padding stays at the end) and its outputs are concatenated with the
     * forward ones, doubling the layer's output width.
     *
     * @return a new stack
     */
    public Stack bidirectional() {
        return map(Layer::bidirectional);
    }

    /**
     * Applies dropout to what each layer hands to the next one (not to the input of the first
     * layer nor to the pooled output); inactive at evaluation.
     *
     * @param p the drop probability in [0, 1)
     * @return a new stack
     */
    public Stack dropout(double p) {
        SeqLabException.check(p >= 0 && p < 1, "Dropout %s is outside [0, 1); use a rate such as 0.2.", Layer.fmt(p));
        return map(l -> l.dropout(p));
    }

    /**
     * Adds identity skip links between consecutive layers: the output of layer i+1 becomes its
     * recurrent output plus its input. The linked layers must have equal sizes; use
     * {@link #residualProjected()} when they differ.
     *
     * @return a new stack
     */
    public Stack residual() {
        return map(l -> l.withResidual(Residual.IDENTITY));
    }

    /**
     * Adds skip links between consecutive layers, through a learned linear projection (no bias)
     * where the sizes differ and the identity where they are equal.
     *
     * @return a new stack
     */
    public Stack residualProjected() {
        return map(l -> l.withResidual(Residual.PROJECTED));
    }

    /**
     * Normalises each layer's output over its features (per sample and time step), after the
     * residual link, with a learned gain and shift per feature.
     *
     * @return a new stack
     */
    public Stack layerNorm() {
        return map(Layer::layerNorm);
    }

    private Stack map(UnaryOperator<Layer> f) {
        List<Layer> list = new ArrayList<>();
        for (Layer l : layers) {
            list.add(f.apply(l));
        }
        return new Stack(list, attention, embedding, head);
    }

    /**
     * Pools the last layer's outputs with additive attention over the real time steps instead of
     * taking the last step; the network then also returns the attention weights.
     *
     * @return a new stack
     */
    public Stack attention() {
        return new Stack(layers, true, embedding, head);
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
        return new Stack(layers, attention, dim, head);
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
        return new Stack(layers, attention, embedding, h);
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
            SeqLabException.check(!isBidirectional(),
                    "A bidirectional stack cannot predict the next token because its backward half would see the future; remove .bidirectional().");
            SeqLabException.check(!attention,
                    "Attention pooling cannot predict the next token because it would see the future; remove .attention().");
        }
        for (int i = 1; i < layers.size(); i++) {
            layers.get(i).checkResidual(layers.get(i - 1), i + 1);
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

    /**
     * Returns the kind of every layer of a stack whose layers share one kind.
     *
     * @return the kind
     * @throws SeqLabException for a stack that mixes kinds; ask {@link #layer(int)} then
     */
    public LayerKind kind() {
        LayerKind k = layers.get(0).kind();
        for (Layer l : layers) {
            SeqLabException.check(l.kind() == k,
                    "This stack mixes %s and %s layers, so it has no single kind; ask each layer with stack.layer(i).kind().",
                    k.label(), l.kind().label());
        }
        return k;
    }

    /** @return the kinds of the layers, first to last, joined by "+" when they differ, for example {@code LSTM(tanh)+GRU(tanh)} */
    public String kindLabel() {
        boolean same = layers.stream().allMatch(l -> l.kind() == layers.get(0).kind());
        if (same) {
            return layers.get(0).kind().label();
        }
        List<String> labels = new ArrayList<>();
        for (Layer l : layers) {
            labels.add(l.kind().label());
        }
        return String.join("+", labels);
    }

    /**
     * Returns one layer.
     *
     * @param i the layer index, from 0
     * @return the layer
     */
    public Layer layer(int i) {
        SeqLabException.check(i >= 0 && i < layers.size(), "Layer %d does not exist; use 0 to %d.", i, layers.size() - 1);
        return layers.get(i);
    }

    /** @return the layers, first to last (unmodifiable) */
    public List<Layer> layerList() {
        return layers;
    }

    /** @return whether every layer has the same kind and settings (sizes may differ) */
    public boolean isUniform() {
        return layers.stream().allMatch(l -> l.sameSettings(layers.get(0)));
    }

    /** @return the size of every layer, first to last (a copy) */
    public int[] sizes() {
        return layers.stream().mapToInt(Layer::size).toArray();
    }

    /** @return the number of recurrent layers */
    public int layers() {
        return layers.size();
    }

    /** @return whether any layer also reads the sequence backwards */
    public boolean isBidirectional() {
        return layers.stream().anyMatch(Layer::isBidirectional);
    }

    /** @return the largest dropout rate between layers (0 = none); each layer's own is {@link Layer#dropout()} */
    public double dropout() {
        return layers.stream().mapToDouble(Layer::dropout).max().orElse(0);
    }

    /** @return whether any layer has a skip link (identity or projected) */
    public boolean isResidual() {
        return layers.stream().anyMatch(Layer::isResidual);
    }

    /** @return whether any skip link projects where widths differ ({@link #residualProjected()}) */
    public boolean isResidualProjected() {
        return layers.stream().anyMatch(Layer::isResidualProjected);
    }

    /** @return whether any layer's output is layer-normalised */
    public boolean isLayerNorm() {
        return layers.stream().anyMatch(Layer::isLayerNorm);
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
     * attention=false embedding=auto(32) head=auto]}; a mixed stack lists its layers instead,
     * {@code Stack[layers=[LSTM(tanh)(16) bidirectional, GRU(tanh)(32) layerNorm] attention=false ...]}.
     */
    @Override
    public String toString() {
        String emb = embedding == 0 ? "auto(" + DEFAULT_EMBEDDING + ")" : Integer.toString(embedding);
        String tail = " attention=" + attention + " embedding=" + emb + " head=" + head.label() + "]";
        if (!isUniform()) {
            return "Stack[layers=" + layers + tail;
        }
        Layer l = layers.get(0);
        String res = !l.isResidual() ? "false" : l.isResidualProjected() ? "projected" : "true";
        return "Stack[cell=" + l.kind().label() + " sizes=" + Arrays.toString(sizes()) + " bidirectional=" + l.isBidirectional()
                + " dropout=" + Layer.fmt(l.dropout()) + " residual=" + res + " layerNorm=" + l.isLayerNorm() + tail;
    }

    /** Two stacks are equal when every setting is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Stack s && layers.equals(s.layers) && attention == s.attention && embedding == s.embedding
                && head == s.head;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(layers, attention, embedding, head);
    }
}
