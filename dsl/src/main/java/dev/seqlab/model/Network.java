package dev.seqlab.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A {@link Stack} built for one data set: an ordinary DJL {@link Block} plus what training,
 * plots and diagnostics need to know about it.
 *
 * <p>Forward contract of {@link #block()}: inputs {@code NDList[x, mask, probe_0, ...,
 * probe_{L-1}]} where x is float32 (B, T, F) or int64 token ids (B, T), mask is float32 (B, T)
 * with 1 for real steps and 0 for padding at the end, and the optional probes (B, T, H_i) are
 * added to the output of stage i (after bidirectional concatenation, residual link and layer
 * norm; a zero probe changes nothing and its gradient is dL/d(stage output) per time step).
 * Output {@code NDList[prediction]} or {@code NDList[prediction, attentionWeights]}: prediction
 * is float32 (B, outputs) for regression, (B, classes) logits for classification, (B, T, vocab)
 * logits for next-token; attention weights (B, T) are 0 on padding and sum to 1 per row.
 */
public final class Network {

    private static final String NOT_INITIALISED =
            "The network is not initialised; call initialize(manager) or let a trainer initialise it first.";

    private final Stack stack;
    private final DataSpec spec;
    private final StackBlock block;

    Network(Stack stack, DataSpec spec) {
        this.stack = stack;
        this.spec = spec;
        this.block = new StackBlock(stack, spec);
    }

    /**
     * Returns the network as a DJL block, for a {@code Model}, a trainer or plain DJL code.
     *
     * @return the block
     */
    public Block block() {
        return block;
    }

    /**
     * Runs the block.
     *
     * @param ps the parameter store (a trainer's, or {@code new ParameterStore(manager, false)})
     * @param inputs {@code NDList[x, mask, probes...]}, see the class comment
     * @param training whether dropout is active
     * @return {@code NDList[prediction]} or {@code NDList[prediction, attentionWeights]}
     */
    public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
        // DJL initialises lazily only in training mode; fail clearly instead of a null pointer.
        if (!training && !block.isInitialized()) {
            throw new SeqLabException(NOT_INITIALISED);
        }
        return block.forward(ps, inputs, training);
    }

    /**
     * Runs the block and also returns each stage's output: {@code NDList[prediction,
     * (attentionWeights,) stage_0, ..., stage_{L-1}]}, stage i being (B, T, stageSize(i)) as
     * handed to the next layer (before dropout). For hidden-state plots and tests.
     *
     * @param ps the parameter store
     * @param inputs {@code NDList[x, mask, probes...]}
     * @param training whether dropout is active
     * @return the outputs followed by the stage outputs
     */
    public NDList forwardWithStages(ParameterStore ps, NDList inputs, boolean training) {
        if (!block.isInitialized()) {
            throw new SeqLabException(NOT_INITIALISED);
        }
        return block.run(ps, inputs, training, null, true);
    }

    /**
     * The result of one chunk of truncated backpropagation through time: what {@link #forward}
     * returns for the chunk, and the recurrent state after its last step.
     *
     * @param outputs {@code NDList[prediction]} exactly as {@link #forward} returns it
     * @param state the final state of every stage in order, flat: {@code h_0, c_0, h_1, c_1, ...}
     *     for LSTM, {@code h_0, h_1, ...} for GRU and RNN (a mixed stack: each layer's own, in order), each (1, B, size_i); still attached to
     *     the graph, so call {@code stopGradient()} on each before carrying it into the next chunk
     */
    public record Chunk(NDList outputs, NDList state) {}

    /**
     * Runs one chunk of a long sequence from a carried-in recurrent state, for truncated
     * backpropagation through time: running chunks of a sequence one after another, each from
     * the previous chunk's state, gives the same outputs as one forward over the whole sequence.
     * Only unidirectional stacks without attention carry state (what next-token heads allow).
     *
     * <p>The final state is taken after the chunk's last step, padding included: pad only the
     * last chunk of a sequence.
     *
     * @param ps the parameter store
     * @param inputs {@code NDList[x, mask, probes...]} for this chunk, as for {@link #forward}
     * @param state the state returned for the previous chunk (same layout as {@link
     *     Chunk#state()}), or an empty list to start from zeros
     * @param training whether dropout is active
     * @return the chunk's outputs and final state
     */
    public Chunk forwardWithState(ParameterStore ps, NDList inputs, NDList state, boolean training) {
        if (!block.isInitialized()) {
            throw new SeqLabException(NOT_INITIALISED);
        }
        SeqLabException.check(!stack.isBidirectional(),
                "A bidirectional stack reads the future, so it cannot carry state between chunks; "
                        + "remove .bidirectional() to train it in chunks.");
        SeqLabException.check(!stack.hasAttention(),
                "Attention pools over the whole sequence, so a stack with attention cannot carry state "
                        + "between chunks; remove .attention() to train it in chunks.");
        int expected = 0;
        for (RecurrentStage s : block.stages()) {
            expected += s.stateArrays();
        }
        SeqLabException.check(state.isEmpty() || state.size() == expected,
                "The state has %d arrays but this %d-layer %s stack carries %d (%s, each (1, B, size)); "
                        + "pass the state of the previous chunk or an empty NDList.",
                state.size(), depth(), kindName(), expected, statesPerLayer());
        NDList out = new NDList();
        NDList result = block.run(ps, inputs, training, null, false, state, out);
        return new Chunk(result, out);
    }

    /**
     * Initialises every parameter, with shapes from the data (batch 1, T = spec.timeSteps()).
     * The network then accepts any batch size and sequence length. An LSTM network first checks
     * that libtorch's fused LSTM is right on this machine ({@link FusedLstmCheck}).
     *
     * @param manager the manager that owns the parameters
     */
    public void initialize(NDManager manager) {
        for (RecurrentStage stage : stackBlock().stages()) {
            stage.kind().checkEngine(stage.size()); // before any weight is drawn: a wrong layer must not train
        }
        block.initialize(manager, DataType.FLOAT32, inputShapes());
    }

    private Shape[] inputShapes() {
        Shape x = spec.tokens() ? new Shape(1, spec.timeSteps()) : new Shape(1, spec.timeSteps(), spec.features());
        return new Shape[] {x, new Shape(1, spec.timeSteps())};
    }

    /**
     * Returns the number of trainable values (the network must be initialised).
     *
     * @return the parameter count
     */
    public long parameterCount() {
        ensureShapes();
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getShape().size();
        }
        return n;
    }

    /** DJL learns parameter shapes during initialisation, so counts need it first. */
    private void ensureShapes() {
        if (!block.getParameters().values().stream().allMatch(p -> p.getShape() != null)) {
            throw new SeqLabException(NOT_INITIALISED);
        }
    }

    /**
     * Returns one row per part (embedding, each stage, attention, head) and a total row, with
     * columns layer, kind, output shape and parameters.
     *
     * @return the summary table
     */
    public Table summary() {
        ensureShapes();
        StringColumn layer = StringColumn.create("layer");
        StringColumn kind = StringColumn.create("kind");
        StringColumn shape = StringColumn.create("output shape");
        IntColumn params = IntColumn.create("parameters");
        int t = spec.timeSteps();
        if (block.embedding() != null) {
            TokenEmbedding e = block.embedding();
            add(layer, kind, shape, params, "embedding", "Embedding(" + e.vocab() + " x " + e.dim() + ")",
                    "(B, " + t + ", " + e.dim() + ")", count(e));
        }
        for (int i = 0; i < depth(); i++) {
            RecurrentStage s = block.stages().get(i);
            String desc = s.kind().shortName() + "(" + s.size() + ")" + (s.isBidirectional() ? " bidirectional" : "")
                    + (s.hasResidual() ? (s.hasProjection() ? " + projected residual" : " + residual") : "")
                    + (s.hasLayerNorm() ? " + layer norm" : "")
                    + (block.dropoutBefore(i) != null ? " after dropout " + stack.layer(i).dropout() : "");
            add(layer, kind, shape, params, "stage " + (i + 1), desc, "(B, " + t + ", " + s.width() + ")", count(s));
        }
        int last = stageSize(depth() - 1);
        if (block.attention() != null) {
            add(layer, kind, shape, params, "attention", "additive attention pooling",
                    "(B, " + last + ") + weights (B, " + t + ")", count(block.attention()));
        }
        String out = block.head() == Head.NEXT_TOKEN ? "(B, " + t + ", " + spec.outputs() + ")" : "(B, " + spec.outputs() + ")";
        add(layer, kind, shape, params, "head", block.head().label() + " (linear)", out, count(block.output()));
        add(layer, kind, shape, params, "total", "", "", parameterCount());
        return Table.create("Network", layer, kind, shape, params);
    }

    /** The short name of the stack's kind ("LSTM"), or the mixed kinds' labels. */
    private String kindName() {
        return stack.isUniform() ? stack.layer(0).kind().shortName() : stack.kindLabel();
    }

    /** "h and c per layer" for LSTM stacks, "h per layer" for the others, spelled out for mixed stacks. */
    private String statesPerLayer() {
        List<String> per = new ArrayList<>();
        for (RecurrentStage s : block.stages()) {
            per.add(s.stateArrays() == 2 ? "h and c" : "h");
        }
        return per.stream().distinct().count() == 1 ? per.get(0) + " per layer" : String.join(", ", per) + " for layers 1 to " + per.size();
    }

    private static void add(StringColumn layer, StringColumn kind, StringColumn shape, IntColumn params, String l,
            String k, String s, long p) {
        layer.append(l);
        kind.append(k);
        shape.append(s);
        params.append(Math.toIntExact(p));
    }

    private static long count(Block b) {
        long n = 0;
        for (Parameter p : b.getParameters().values()) {
            n += p.getShape().size();
        }
        return n;
    }

    /** @return the configuration this network was built from */
    public Stack stack() {
        return stack;
    }

    /** @return the data facts this network was built for */
    public DataSpec spec() {
        return spec;
    }

    /** @return whether the forward pass also returns attention weights */
    public boolean hasAttention() {
        return block.attention() != null;
    }

    /** @return the number of recurrent stages (layers) */
    public int depth() {
        return block.stages().size();
    }

    /**
     * Returns the output width of a stage (its size, doubled when bidirectional): the shape of
     * its probe is (B, T, stageSize(i)).
     *
     * @param i the stage index, from 0
     * @return the width
     */
    public int stageSize(int i) {
        return stage(i).width();
    }

    /**
     * Returns the DJL recurrent blocks of a stage, {@code [forward]} or {@code [forward,
     * backward]} (the backward one reads the real part of each sequence reversed). Their
     * parameters are in DJL's layout, gates stacked on the first axis.
     *
     * @param i the stage index, from 0
     * @return the blocks
     */
    public List<Block> recurrentBlocks(int i) {
        return stage(i).recurrentBlocks();
    }

    /** @return the block itself, for diagnostics in this package */
    StackBlock stackBlock() {
        return block;
    }

    private RecurrentStage stage(int i) {
        SeqLabException.check(i >= 0 && i < depth(), "Stage %d does not exist; use 0 to %d.", i, depth() - 1);
        return block.stages().get(i);
    }

    /** @return the stack's configuration and the data it was built for */
    @Override
    public String toString() {
        return "Network[" + stack + " on " + spec.task() + " data, T=" + spec.timeSteps() + "]";
    }
}
