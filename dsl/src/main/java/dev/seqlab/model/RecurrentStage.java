package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One recurrent layer of a stack with what follows it: an optional backward twin, an optional
 * residual link and an optional layer norm.
 *
 * <p>Inputs are {@code NDList[x]} with x (B, T, in), plus, when bidirectional, the int64 (B, T)
 * reversal index from {@link Sequences#reversalIndex}. Output is {@code NDList[y]} with y
 * (B, T, width) where width is the layer size, doubled when bidirectional.
 *
 * <p>Why not DJL's own {@code optBidirectional(true)}: with biases it crashes on the PyTorch
 * engine (DJL registers the weights in an order {@code torch::lstm} does not expect), and it would
 * reverse the padding into the front of short sequences. Two one-direction blocks avoid both.
 */
final class RecurrentStage extends AbstractBlock {

    private final RecurrentBlock forward;
    private final RecurrentBlock backward;
    private final Linear projection;
    private final LayerNorm norm;
    private final boolean residual;
    private final int size;
    private final int width;
    private final LayerKind kind;

    /**
     * @param layer the layer's kind, size, direction and layer norm
     * @param residual whether to add the input to the output (the layer asks for it and is not the first)
     * @param inputWidth the width of the input (needed to decide on a projection)
     */
    RecurrentStage(Layer layer, boolean residual, int inputWidth) {
        this.kind = layer.kind();
        this.size = layer.size();
        this.width = layer.width();
        this.residual = residual;
        this.forward = addChildBlock("forward", kind.block(size));
        this.backward = layer.isBidirectional() ? addChildBlock("backward", kind.block(size)) : null;
        if (residual && inputWidth != width) {
            // A skip between widths needs a map; no bias because the layer already has one.
            projection = addChildBlock("projection", Linear.builder().setUnits(width).optBias(false).build());
            projection.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        } else {
            projection = null;
        }
        // axis(2) normalises over features only; the default ("all but batch") would learn a
        // (T, H) gain and tie the model to one sequence length.
        this.norm = layer.isLayerNorm() ? addChildBlock("layerNorm", LayerNorm.builder().axis(2).build()) : null;
    }

    /** @return the kind of this stage's recurrent blocks */
    LayerKind kind() {
        return kind;
    }

    /** @return the DJL recurrent blocks: [forward] or [forward, backward] */
    List<Block> recurrentBlocks() {
        List<Block> list = new ArrayList<>();
        list.add(forward);
        if (backward != null) {
            list.add(backward);
        }
        return Collections.unmodifiableList(list);
    }

    /** @return the output width (size, doubled when bidirectional) */
    int width() {
        return width;
    }

    /** @return whether the output includes a skip link */
    boolean hasResidual() {
        return residual;
    }

    /** @return whether the skip link goes through a learned projection */
    boolean hasProjection() {
        return projection != null;
    }

    /** @return whether the output is layer-normalised */
    boolean hasLayerNorm() {
        return norm != null;
    }

    /** @return whether a backward twin reads the sequence reversed */
    boolean isBidirectional() {
        return backward != null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = run(ps, inputs, null, training, params);
        // Only the output is wanted here: free the final state's handles now.
        out.stream().skip(1).forEach(NDArray::close);
        return new NDList(out.head());
    }

    /**
     * Runs a unidirectional stage from a given initial state.
     *
     * @param ps the parameter store
     * @param x (B, T, in)
     * @param state the initial state ([h] or [h, c], each (1, B, size)), or an empty list for zeros
     * @param training whether in training mode
     * @return {@code [y, h]} or {@code [y, h, c]}: the stage output and the recurrent block's final state
     */
    NDList forwardWithState(ParameterStore ps, NDArray x, NDList state, boolean training) {
        if (!state.isEmpty() && state.size() != kind.states()) {
            throw new IllegalArgumentException("expected " + kind.states() + " state arrays, got " + state.size());
        }
        return run(ps, new NDList(x), state, training, null);
    }

    /** @return the number of state arrays of the kind: 2 (h, c) for LSTM, else 1 (h) */
    int stateArrays() {
        return kind.states();
    }

    private NDList run(ParameterStore ps, NDList inputs, NDList state, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        // A fresh list each time: DJL's recurrent blocks append zero states to the list they are
        // given, and read a second (third) element as the initial h (c).
        NDList in = new NDList(x);
        if (state != null) {
            in.addAll(state);
        }
        NDList fwd = forward.forward(ps, in, training, params);
        NDArray y = fwd.head();
        if (backward != null) {
            NDArray index = inputs.get(1);
            NDArray reversed = Sequences.reorder(x, index);
            NDList bwd = backward.forward(ps, new NDList(reversed), training, params);
            bwd.stream().skip(1).forEach(NDArray::close);
            // The same index undoes the reversal, so back[b, t] again belongs to step t.
            y = y.concat(Sequences.reorder(bwd.head(), index), 2);
        }
        if (residual) {
            NDArray skip = projection == null ? x : projection.forward(ps, new NDList(x), training, params).head();
            y = y.add(skip);
        }
        if (norm != null) {
            y = norm.forward(ps, new NDList(y), training, params).head();
        }
        NDList out = new NDList(y);
        out.addAll(fwd.subNDList(1));
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        forward.initialize(manager, dataType, x);
        if (backward != null) {
            backward.initialize(manager, dataType, x);
        }
        if (projection != null) {
            projection.initialize(manager, dataType, x);
        }
        if (norm != null) {
            norm.initialize(manager, dataType, new Shape(x.get(0), x.get(1), width));
        }
    }

    /** @return the state size of one direction */
    int size() {
        return size;
    }
}
