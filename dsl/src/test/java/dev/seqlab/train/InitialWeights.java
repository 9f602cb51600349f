package dev.seqlab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.seqlab.data.SequenceData;
import dev.seqlab.model.Network;
import dev.seqlab.model.Stack;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.List;

/** Reads weights: those a seed initialises (same order of calls as the training loop) and a run's. */
final class InitialWeights {

    private InitialWeights() {}

    static float[][] of(Stack stack, SequenceData data, long seed) {
        Network net = stack.build(data.spec());
        Torch.seed(seed);
        try (NDManager m = Torch.engine().newBaseManager()) {
            net.initialize(m);
            return read(net.block().getParameters());
        }
    }

    static float[][] current(Run run) {
        return read(run.block().getParameters());
    }

    private static float[][] read(Iterable<Pair<String, Parameter>> params) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : params) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
        }
        return out.toArray(new float[0][]);
    }
}
