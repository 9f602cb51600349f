package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A learned table of token vectors: int64 ids (B, T) to float (B, T, dim).
 *
 * <p>Our own block rather than DJL's {@code TrainableWordEmbedding}, which carries a vocabulary
 * of strings and its own unknown-token handling; here ids come already encoded by the data
 * package (index 0 is padding) and the table is a plain {@link Parameter} looked up with
 * torch's embedding operator.
 */
final class TokenEmbedding extends AbstractBlock {

    private final Parameter table;
    private final int vocab;
    private final int dim;

    /**
     * @param vocab the vocabulary size (ids 0..vocab-1)
     * @param dim the vector size
     */
    TokenEmbedding(int vocab, int dim) {
        this.vocab = vocab;
        this.dim = dim;
        table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.1f)).optShape(new Shape(vocab, dim)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.head();
        NDArray weight = ps.getValue(table, ids.getDevice(), training);
        // torch's embedding wants integer ids; accept int32 too.
        NDArray idx = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
        return ids.getNDArrayInternal().embedding(idx, weight, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), dim)};
    }

    /** @return the vocabulary size */
    int vocab() {
        return vocab;
    }

    /** @return the vector size */
    int dim() {
        return dim;
    }
}
