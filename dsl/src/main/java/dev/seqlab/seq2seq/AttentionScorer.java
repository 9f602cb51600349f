package dev.seqlab.seq2seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One attention step of the decoder: scores every encoder step against the decoder's query,
 * turns the scores into weights with a softmax over the real (unmasked) steps only, and returns
 * the weighted sum of the encoder outputs.
 *
 * <p>Forward contract: inputs {@code NDList[query (B, Hd), keys (B, S, He), mask (B, S)]}
 * (mask 1 on real steps); outputs {@code NDList[context (B, He), weights (B, S)]}, weights 0 on
 * padding and summing to 1 over the real steps of each row.
 */
public final class AttentionScorer extends AbstractBlock {

    /** Added to the scores of padded steps: exp of it is exactly 0 in float32. */
    static final float MASKED = -1e9f;

    private final Scoring scoring;
    private final int queryWidth;
    private final int keyWidth;
    private final int units;
    private final Linear query;
    private final Linear key;
    private final Linear v;

    /**
     * @param scoring the score function
     * @param queryWidth the decoder's top-layer width Hd
     * @param keyWidth the encoder's output width He
     * @param units the hidden size of additive scoring (ignored otherwise)
     */
    AttentionScorer(Scoring scoring, int queryWidth, int keyWidth, int units) {
        this.scoring = scoring;
        this.queryWidth = queryWidth;
        this.keyWidth = keyWidth;
        this.units = units;
        switch (scoring) {
            case ADDITIVE:
                query = addChildBlock("query", Linear.builder().setUnits(units).optBias(false).build());
                key = addChildBlock("key", Linear.builder().setUnits(units).build());
                v = addChildBlock("v", Linear.builder().setUnits(1).optBias(false).build());
                break;
            case GENERAL:
                query = addChildBlock("query", Linear.builder().setUnits(keyWidth).optBias(false).build());
                key = null;
                v = null;
                break;
            default:
                query = null;
                key = null;
                v = null;
        }
    }

    /**
     * What can be computed once per source sequence: the key projection of additive scoring
     * (the keys themselves otherwise).
     *
     * @param ps the parameter store
     * @param keys encoder outputs (B, S, He)
     * @param training whether training
     * @return the prepared keys
     */
    NDArray prepare(ParameterStore ps, NDArray keys, boolean training) {
        return scoring == Scoring.ADDITIVE ? key.forward(ps, new NDList(keys), training).head() : keys;
    }

    /**
     * One attention step from prepared keys.
     *
     * @return {@code NDList[context (B, He), weights (B, S)]}
     */
    NDList attend(ParameterStore ps, NDArray q, NDArray keys, NDArray prepared, NDArray mask, boolean training) {
        NDArray scores;
        switch (scoring) {
            case ADDITIVE: {
                NDArray pq = query.forward(ps, new NDList(q), training).head().expandDims(1); // (B, 1, A)
                scores = v.forward(ps, new NDList(prepared.add(pq).tanh()), training).head().squeeze(2); // (B, S)
                break;
            }
            case GENERAL: {
                NDArray pq = query.forward(ps, new NDList(q), training).head().expandDims(2); // (B, He, 1)
                scores = keys.batchMatMul(pq).squeeze(2);
                break;
            }
            default:
                scores = keys.batchMatMul(q.expandDims(2)).squeeze(2);
        }
        // Padded steps get a score whose exponential underflows to exactly 0, so the softmax
        // spreads the weight over the real steps only, the same as on an unpadded batch.
        NDArray masked = scores.add(mask.sub(1f).mul(-MASKED));
        NDArray weights = masked.softmax(1);
        NDArray context = weights.expandDims(1).batchMatMul(keys).squeeze(1);
        return new NDList(context, weights);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray keys = inputs.get(1);
        return attend(ps, inputs.get(0), keys, prepare(ps, keys, training), inputs.get(2), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape keys = inputShapes[1];
        return new Shape[] {new Shape(keys.get(0), keys.get(2)), new Shape(keys.get(0), keys.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (scoring == Scoring.ADDITIVE) {
            query.initialize(manager, dataType, new Shape(1, queryWidth));
            key.initialize(manager, dataType, new Shape(1, keyWidth));
            v.initialize(manager, dataType, new Shape(1, units));
        } else if (scoring == Scoring.GENERAL) {
            query.initialize(manager, dataType, new Shape(1, queryWidth));
        }
    }

    /** @return the score function */
    public Scoring scoring() {
        return scoring;
    }
}
