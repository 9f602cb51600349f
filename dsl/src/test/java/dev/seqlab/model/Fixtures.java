package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.Task;
import dev.seqlab.runtime.Torch;
import java.util.List;
import java.util.Random;

/** Tiny data specs and inputs shared by the model tests. */
final class Fixtures {

    static final int T = 6;
    static final int F = 3;
    static final int VOCAB = 11;

    private Fixtures() {}

    /** Regression on 3 numeric features, 2 outputs. */
    static DataSpec regression() {
        return new DataSpec(Task.REGRESSION, T, F, 0, 2, 1, List.of("a", "b"));
    }

    /** Classification of token sequences (padded) into 3 classes. */
    static DataSpec tokenClasses() {
        return new DataSpec(Task.CLASSIFICATION, T, 0, VOCAB, 3, 1, List.of("x", "y", "z"));
    }

    /** Classification of numeric sequences into 3 classes. */
    static DataSpec numericClasses() {
        return new DataSpec(Task.CLASSIFICATION, T, F, 0, 3, 1, List.of("x", "y", "z"));
    }

    /** Next-token prediction over an 11-token vocabulary. */
    static DataSpec nextToken() {
        return new DataSpec(Task.NEXT_TOKEN, T, 0, VOCAB, VOCAB, 1, List.of());
    }

    /** A parameter store for evaluation-style forward calls. */
    static ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false);
    }

    /** Builds and initialises a network with a fixed seed. */
    static Network init(Stack stack, DataSpec spec, NDManager manager) {
        Torch.engine();
        Torch.seed(11);
        Network net = stack.build(spec);
        net.initialize(manager);
        return net;
    }

    /** Random inputs of the right form for the spec: real lengths as given (padding after). */
    static NDList inputs(NDManager manager, DataSpec spec, int t, int... lengths) {
        Random r = new Random(5);
        int b = lengths.length;
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < lengths[i]; j++) {
                mask[i * t + j] = 1f;
            }
        }
        NDArray m = manager.create(mask, new Shape(b, t));
        if (spec.tokens()) {
            long[] ids = new long[b * t];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < lengths[i]; j++) {
                    ids[i * t + j] = 1 + r.nextInt(spec.vocabSize() - 1);
                }
            }
            return new NDList(manager.create(ids, new Shape(b, t)), m);
        }
        float[] x = new float[b * t * spec.features()];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < lengths[i]; j++) {
                for (int k = 0; k < spec.features(); k++) {
                    x[(i * t + j) * spec.features() + k] = (float) r.nextGaussian();
                }
            }
        }
        return new NDList(manager.create(x, new Shape(b, t, spec.features())), m);
    }

    /** Full-length inputs for a batch of b sequences of length t. */
    static NDList full(NDManager manager, DataSpec spec, int b, int t) {
        int[] lengths = new int[b];
        java.util.Arrays.fill(lengths, t);
        return inputs(manager, spec, t, lengths);
    }

    /** Largest absolute element-wise difference. */
    static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
