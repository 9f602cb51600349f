package dev.seqlab.train;

import dev.seqlab.model.Head;
import dev.seqlab.model.Layer;
import dev.seqlab.model.LayerKind;
import dev.seqlab.model.Stack;
import java.util.ArrayList;
import java.util.List;

/**
 * A model declaration as plain data, for {@code run.json}: enough to rebuild the same
 * {@link Stack} (and so the same DJL block) when a checkpoint is loaded.
 *
 * <p>A uniform stack is written as before mixed stacks existed (one {@code cell} and per-layer
 * {@code sizes}, no {@code layers}), so checkpoints of either age load the same way; a mixed
 * stack also writes {@code layers}, one entry per layer, which then takes precedence.
 *
 * @param cell the {@link LayerKind#name()} of every layer of a uniform stack, null for a mixed one
 * @param sizes per-layer sizes
 * @param bidirectional bidirectional layers
 * @param dropout dropout between layers
 * @param residual skip links
 * @param residualProjected projected skip links
 * @param layerNorm layer norm after each layer
 * @param attention attention pooling
 * @param embedding embedding size, 0 for the default
 * @param head the head asked for
 * @param layers each layer of a mixed stack, null for a uniform one
 */
record StackCodec(@MayBeAbsent String cell, int[] sizes, boolean bidirectional, double dropout, boolean residual, boolean residualProjected,
        boolean layerNorm, boolean attention, int embedding, Head head, @MayBeAbsent List<LayerCodec> layers) {

    /**
     * One layer of a mixed stack.
     *
     * @param kind the {@link LayerKind#name()}
     * @param size the state size
     * @param bidirectional whether bidirectional
     * @param dropout the dropout on its input
     * @param residual whether it has a skip link
     * @param residualProjected whether the skip link projects
     * @param layerNorm whether its output is normalised
     */
    record LayerCodec(String kind, int size, boolean bidirectional, double dropout, boolean residual, boolean residualProjected,
            boolean layerNorm) {

        static LayerCodec of(Layer l) {
            return new LayerCodec(l.kind().name(), l.size(), l.isBidirectional(), l.dropout(), l.isResidual(),
                    l.isResidualProjected(), l.isLayerNorm());
        }

        Layer toLayer() {
            Layer l = Layer.of(LayerKind.named(kind), size);
            l = bidirectional ? l.bidirectional() : l;
            l = dropout > 0 ? l.dropout(dropout) : l;
            l = residualProjected ? l.residualProjected() : residual ? l.residual() : l;
            return layerNorm ? l.layerNorm() : l;
        }
    }

    static StackCodec of(Stack s) {
        List<LayerCodec> layers = null;
        if (!s.isUniform()) {
            layers = new ArrayList<>();
            for (Layer l : s.layerList()) {
                layers.add(LayerCodec.of(l));
            }
        }
        return new StackCodec(s.isUniform() ? s.layer(0).kind().name() : null, s.sizes(), s.isBidirectional(), s.dropout(),
                s.isResidual(), s.isResidualProjected(), s.isLayerNorm(), s.hasAttention(), s.embeddingDim(), s.head(), layers);
    }

    /** @return what makes this declaration unbuildable (a damaged run.json), or null when it is sound */
    String problem() {
        if (cell == null && layers == null) {
            return "stack has neither 'cell' nor 'layers'";
        }
        if (layers != null && layers.isEmpty()) {
            return "stack.layers is empty";
        }
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
        if (layers != null) {
            Layer[] all = new Layer[layers.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = layers.get(i).toLayer();
            }
            s = Stack.of(all);
        } else {
            s = Stack.of(LayerKind.named(cell), sizes);
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
