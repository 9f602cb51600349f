package dev.seqlab.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Task;
import dev.seqlab.model.Gates;
import dev.seqlab.model.GradientFlow;
import dev.seqlab.model.Network;
import dev.seqlab.runtime.Torch;

/**
 * The model-level measurements behind the gradient-flow and gate charts, run on a trained
 * network with arrays that live only for the call (nothing outlives it in native memory).
 */
final class Probes {

    private Probes() {}

    /**
     * Measures the gradient flow of the training loss on the first {@code batch} samples of a part.
     *
     * @param net the trained network
     * @param part the part
     * @param batch how many samples, at most
     * @return the norms
     */
    static GradientFlow flow(Network net, SeqSplit part, int batch) {
        int b = Math.min(batch, part.size());
        int[] idx = new int[b];
        for (int i = 0; i < b; i++) {
            idx[i] = i;
        }
        Task task = net.spec().task();
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDList in = part.inputs(m, idx);
            NDArray labels = part.labels(m, idx);
            NDArray mask = in.get(1);
            return GradientFlow.of(net, new ParameterStore(m, false), in, labels, (p, l) -> loss(task, p, l, mask));
        }
    }

    /**
     * The training loss (the same as the training loop's): MSE on scaled values, cross-entropy on
     * logits, next-token cross-entropy over real steps only.
     */
    static NDArray loss(Task task, NDArray pred, NDArray labels, NDArray mask) {
        switch (task) {
            case REGRESSION:
                return pred.sub(labels).square().mean();
            case CLASSIFICATION:
                return nll(pred, labels).mean();
            default:
                return nll(pred, labels).mul(mask).sum().div(mask.sum());
        }
    }

    private static NDArray nll(NDArray logits, NDArray labels) {
        return logits.logSoftmax(-1).gather(labels.expandDims(-1), -1).squeeze(-1).neg();
    }

    /**
     * Recomputes the gates of one sample of a part at one stage.
     *
     * @param net the trained LSTM or GRU network
     * @param part the part
     * @param sample the sample index in the part
     * @param stage the stage, from 0
     * @return the gates
     */
    static Gates gates(Network net, SeqSplit part, int sample, int stage) {
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDList in = part.inputs(m, new int[] {sample});
            return Gates.of(net, new ParameterStore(m, false), in, 0, stage);
        }
    }
}
