package dev.seqlab.model;

import ai.djl.nn.recurrent.RNN;
import ai.djl.nn.recurrent.RecurrentBlock;
import java.util.List;

/** The plain (Elman) RNN, with tanh or ReLU activation: one gate block, no gates worth drawing. */
final class RnnKind extends LayerKind {

    private final boolean relu;

    RnnKind(boolean relu) {
        this.relu = relu;
    }

    @Override
    public String name() {
        return relu ? "RNN_RELU" : "RNN_TANH";
    }

    @Override
    public String label() {
        return relu ? "RNN(relu)" : "RNN(tanh)";
    }

    @Override
    public String shortName() {
        return relu ? "RNN-relu" : "RNN-tanh";
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public int states() {
        return 1;
    }

    @Override
    public List<String> gateNames() {
        return List.of();
    }

    @Override
    public List<String> overviewGates() {
        return List.of();
    }

    @Override
    LayerKind relu() {
        return RNN_RELU;
    }

    @Override
    RecurrentBlock block(int size) {
        return RNN.builder().setStateSize(size).setNumLayers(1).optBatchFirst(true).optHasBiases(true)
                .optReturnState(true).setActivation(relu ? RNN.Activation.RELU : RNN.Activation.TANH).build();
    }
}
