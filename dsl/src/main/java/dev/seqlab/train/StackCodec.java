package dev.seqlab.train;

import dev.seqlab.model.Cell;
import dev.seqlab.model.Head;
import dev.seqlab.model.Stack;

/**
 * A model declaration as plain data, for {@code run.json}: enough to rebuild the same
 * {@link Stack} (and so the same DJL block) when a checkpoint is loaded.
 *
 * @param cell the cell
 * @param sizes per-layer sizes
 * @param bidirectional bidirectional layers
 * @param dropout dropout between layers
 * @param residual skip links
 * @param residualProjected projected skip links
 * @param layerNorm layer norm after each layer
 * @param attention attention pooling
 * @param embedding embedding size, 0 for the default
 * @param head the head asked for
 */
record StackCodec(Cell cell, int[] sizes, boolean bidirectional, double dropout, boolean residual, boolean residualProjected,
        boolean layerNorm, boolean attention, int embedding, Head head) {

    static StackCodec of(Stack s) {
        return new StackCodec(s.cell(), s.sizes(), s.isBidirectional(), s.dropout(), s.isResidual(), s.isResidualProjected(),
                s.isLayerNorm(), s.hasAttention(), s.embeddingDim(), s.head());
    }

    /** @return what makes this declaration unbuildable (a damaged run.json), or null when it is sound */
    String problem() {
        if (sizes.length == 0) {
            return "stack.sizes is empty";
        }
        for (int size : sizes) {
            if (size < 1) {
                return "stack.sizes holds " + size;
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            return "stack.dropout is " + dropout;
        }
        return null;
    }

    Stack toStack() {
        Stack s;
        switch (cell) {
            case LSTM:
                s = Stack.lstm(sizes);
                break;
            case GRU:
                s = Stack.gru(sizes);
                break;
            default:
                s = Stack.rnn(sizes);
                if (cell == Cell.RNN_RELU) {
                    s = s.relu();
                }
        }
        if (bidirectional) {
            s = s.bidirectional();
        }
        if (dropout > 0) {
            s = s.dropout(dropout);
        }
        if (residualProjected) {
            s = s.residualProjected();
        } else if (residual) {
            s = s.residual();
        }
        if (layerNorm) {
            s = s.layerNorm();
        }
        if (attention) {
            s = s.attention();
        }
        if (embedding > 0) {
            s = s.embedding(embedding);
        }
        switch (head) {
            case REGRESSION:
                return s.regression();
            case CLASSIFICATION:
                return s.classification();
            case NEXT_TOKEN:
                return s.nextToken();
            default:
                return s;
        }
    }
}
