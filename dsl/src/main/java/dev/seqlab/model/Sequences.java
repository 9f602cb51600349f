package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Index arithmetic on padded batches: sequences are left-aligned, with padding at the end, and a
 * float mask (B, T) says which steps are real.
 *
 * <p>Everything is built with array operations on the input's manager and device, so it costs no
 * host round trip and is freed with the caller's per-step scope.
 */
final class Sequences {

    private Sequences() {}

    /**
     * Returns the real length of each sequence.
     *
     * @param mask float (B, T), 1 for real steps
     * @return float (B)
     */
    static NDArray lengths(NDArray mask) {
        return mask.sum(new int[] {1});
    }

    /**
     * Returns, for every (b, t), the step to read so that the real part of each sequence is
     * reversed and the padding stays where it is: {@code len-1-t} for {@code t < len}, else {@code t}.
     * Applying it twice gives the identity, so the same index reverses a layer's output back.
     *
     * @param mask float (B, T)
     * @return int64 (B, T)
     */
    static NDArray reversalIndex(NDArray mask) {
        long t = mask.getShape().get(1);
        NDArray steps = mask.getManager().arange(0f, (float) t, 1f).reshape(1, t);
        NDArray len = lengths(mask).expandDims(1);
        NDArray reversed = len.sub(1f).sub(steps);
        NDArray index = NDArrays.where(steps.lt(len), reversed, steps.broadcast(mask.getShape()));
        return index.toType(DataType.INT64, false);
    }

    /**
     * Reorders the time axis of a (B, T, F) array by a (B, T) index.
     *
     * @param x the array
     * @param index int64 (B, T), see {@link #reversalIndex(NDArray)}
     * @return x[b, index[b, t], :]
     */
    static NDArray reorder(NDArray x, NDArray index) {
        Shape s = x.getShape();
        NDArray full = index.expandDims(2).broadcast(s);
        return x.gather(full, 1);
    }

    /**
     * Picks one time step per sequence.
     *
     * @param x (B, T, F)
     * @param step float or int (B), the step to take from each sequence
     * @return (B, F)
     */
    static NDArray pick(NDArray x, NDArray step) {
        Shape s = x.getShape();
        NDArray index = step.toType(DataType.INT64, false).reshape(s.get(0), 1, 1).broadcast(s.get(0), 1, s.get(2));
        return x.gather(index, 1).squeeze(1);
    }
}
