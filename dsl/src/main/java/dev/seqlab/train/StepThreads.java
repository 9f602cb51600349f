package dev.seqlab.train;

import dev.seqlab.model.Layer;
import dev.seqlab.model.LayerKind;
import dev.seqlab.model.Stack;

/**
 * The intra-op thread count of a training whose experiment names none: the session's count,
 * except one thread for stacks of GRU and plain RNN layers whose steps are too small to share.
 *
 * <p>Why: libtorch runs GRU and RNN layers time step by time step, a few small matrix products
 * and element-wise kernels each, hundreds per training step. With a second thread every one of
 * them wakes the sleeping OpenMP thread ({@code OMP_WAIT_POLICY=passive}, which a shared machine
 * needs) for work too small to split. The hand-written DJL loop, one worker, requests with one
 * and two threads alternating, 2 cores at load average 4 (per-step medians, one thread against
 * two): tanh RNN B=64 H=128 17.7 against 24.0 ms (Debian's PyTorch 17 to 23 ms the same hour);
 * GRU B=64 H=128 47.2 against 67.0 ms; GRU B=128 H=128 85.4 against 94.4; tanh RNN B=64 H=512
 * 178 against 186; GRU B=64 H=256 140 against 133, where two threads begin to pay. (Under a
 * heavier load a process with two threads gets a larger share of the machine and the GRU's wall
 * time turned the other way, 79 against 58 ms; its CPU time was lower with one thread in every
 * probe.) LSTM layers run as oneDNN's fused kernel, which uses the threads well: they keep the
 * session's count. One thread when every GRU or RNN layer's recurrent product (batch x size x
 * gates x size multiply-adds) is below 10 million: the GRU of 12.6 million was the first shape
 * where two threads won.
 */
final class StepThreads {

    /** Multiply-adds of one recurrent product below which a second thread costs more than it brings. */
    static final long SMALL_PRODUCT = 10_000_000L;

    private StepThreads() {}

    /**
     * @param stack the model
     * @param batch the batch size
     * @param session the session's intra-op thread count
     * @return the thread count to train with
     */
    static int choose(Stack stack, int batch, int session) {
        if (session <= 1) {
            return session;
        }
        for (Layer layer : stack.layerList()) {
            LayerKind kind = layer.kind();
            if (kind == LayerKind.LSTM) {
                return session;
            }
            long product = (long) batch * layer.size() * kind.gates() * layer.size();
            if (product >= SMALL_PRODUCT) {
                return session;
            }
        }
        return 1;
    }
}
