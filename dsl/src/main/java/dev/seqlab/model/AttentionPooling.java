package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * Additive (Bahdanau) attention pooling over time: {@code score_t = v^T tanh(W h_t + b)},
 * softmax over the real steps only, {@code context = sum_t a_t h_t}.
 *
 * <p>Inputs {@code NDList[h (B, T, H), mask (B, T)]}; outputs {@code NDList[context (B, H),
 * weights (B, T)]}. The weights are returned (DJL's own attention block hides them) so they can
 * be drawn as a heatmap; on padded steps they are exactly 0 and each row sums to 1.
 */
final class AttentionPooling extends AbstractBlock {

    /** Added to scores of padded steps: exp of it underflows to exactly 0 in float32. */
    private static final float MASKED = -1e9f;

    private final Linear score;
    private final Linear v;
    private final int units;

    /**
     * @param units width of the hidden scoring layer (W's output size)
     */
    AttentionPooling(int units) {
        this.units = units;
        score = addChildBlock("score", Linear.builder().setUnits(units).build());
        v = addChildBlock("v", Linear.builder().setUnits(1).optBias(false).build());
        score.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        v.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray mask = inputs.get(1);
        // Zero the padded steps so nothing there can leak into the context, not even a NaN.
        NDArray h = inputs.get(0).mul(mask.expandDims(2));
        NDArray hidden = score.forward(ps, new NDList(h), training, params).head().tanh();
        NDArray scores = v.forward(ps, new NDList(hidden), training, params).head().squeeze(2);
        NDArray masked = scores.add(mask.sub(1f).mul(-MASKED));
        NDArray weights = masked.softmax(1).mul(mask);
        NDArray context = h.mul(weights.expandDims(2)).sum(new int[] {1});
        return new NDList(context, weights);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape h = inputShapes[0];
        return new Shape[] {new Shape(h.get(0), h.get(2)), new Shape(h.get(0), h.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        score.initialize(manager, dataType, h);
        v.initialize(manager, dataType, new Shape(h.get(0), h.get(1), units));
    }
}
