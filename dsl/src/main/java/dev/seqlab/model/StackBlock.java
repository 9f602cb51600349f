package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import dev.seqlab.data.DataSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole network as one ordinary DJL block: optional embedding, recurrent stages, optional
 * attention pooling, and a linear head.
 *
 * <p>Forward contract: inputs {@code NDList[x, mask, probe_0, ..., probe_{L-1}]}, where x is
 * float32 (B, T, F) or int64 token ids (B, T), mask is float32 (B, T) (1 = real step, padding at
 * the end; when absent every step is real) and the optional probes (B, T, H_i) are added to the
 * output of stage i. Output {@code NDList[prediction]}, plus the attention weights (B, T) when
 * attention is on.
 */
public final class StackBlock extends AbstractBlock {

    private final Head head;
    private final TokenEmbedding embedding;
    private final List<RecurrentStage> stages;
    private final List<Dropout> dropouts;
    private final AttentionPooling attention;
    private final Linear output;
    private final boolean bidirectional;
    private final boolean anyBidirectional;
    private final int outputs;

    StackBlock(Stack stack, DataSpec spec) {
        head = stack.resolvedHead(spec);
        List<Layer> layers = stack.layerList();
        bidirectional = layers.get(layers.size() - 1).isBidirectional();
        anyBidirectional = stack.isBidirectional();
        outputs = spec.outputs();
        int emb = stack.resolvedEmbedding(spec);
        embedding = emb > 0 ? addChildBlock("embedding", new TokenEmbedding(spec.vocabSize(), emb)) : null;
        int width = emb > 0 ? emb : spec.features();
        List<RecurrentStage> list = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            // Skip links join consecutive layers, so the first layer (fed by the data) has none.
            Layer layer = layers.get(i);
            RecurrentStage stage = new RecurrentStage(layer, layer.isResidual() && i > 0, width);
            list.add(addChildBlock("stage" + (i + 1), stage));
            width = stage.width();
        }
        stages = Collections.unmodifiableList(list);
        // Dropout acts on what layer i > 0 receives. One block per distinct rate, registered after
        // the stages, so a uniform stack has the single "dropout" child it always had (DJL numbers
        // children, and the parameter names of saved checkpoints follow that numbering).
        Map<Double, Dropout> byRate = new LinkedHashMap<>();
        List<Dropout> before = new ArrayList<>();
        before.add(null);
        for (int i = 1; i < layers.size(); i++) {
            double p = layers.get(i).dropout();
            if (p <= 0) {
                before.add(null);
                continue;
            }
            Dropout d = byRate.get(p);
            if (d == null) {
                String name = byRate.isEmpty() ? "dropout" : "dropout" + (byRate.size() + 1);
                d = addChildBlock(name, Dropout.builder().optRate((float) p).build());
                byRate.put(p, d);
            }
            before.add(d);
        }
        dropouts = Collections.unmodifiableList(before);
        attention = stack.hasAttention() ? addChildBlock("attention", new AttentionPooling(width)) : null;
        output = addChildBlock("head", Linear.builder().setUnits(outputs).build());
        output.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return run(ps, inputs, training, params, false);
    }

    /**
     * Runs the network; with {@code keepStages} the stage outputs (after probes) follow the
     * regular outputs.
     */
    NDList run(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params, boolean keepStages) {
        return run(ps, inputs, training, params, keepStages, null, null);
    }

    /**
     * Runs the network; with a non-null {@code stateIn} (unidirectional stacks only) every stage
     * starts from its slice of that flat list (empty = zeros) and appends its final state to
     * {@code stateOut}.
     */
    NDList run(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params, boolean keepStages,
            NDList stateIn, NDList stateOut) {
        NDArray x = inputs.get(0);
        Shape in = x.getShape();
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : x.getManager().ones(new Shape(in.get(0), in.get(1)));
        if (embedding != null) {
            x = embedding.forward(ps, new NDList(x), training, params).head();
        }
        NDArray reverse = anyBidirectional ? Sequences.reversalIndex(mask) : null;
        NDList kept = new NDList();
        int offset = 0;
        for (int i = 0; i < stages.size(); i++) {
            Dropout dropout = dropouts.get(i);
            if (dropout != null) {
                x = dropout.forward(ps, new NDList(x), training, params).head();
            }
            if (stateIn != null) {
                RecurrentStage stage = stages.get(i);
                int k = stage.stateArrays();
                NDList initial = stateIn.isEmpty() ? new NDList() : stateIn.subNDList(offset, offset + k);
                offset += k;
                NDList out = stage.forwardWithState(ps, x, initial, training);
                x = out.head();
                stateOut.addAll(out.subNDList(1));
            } else {
                NDList stageIn = reverse == null ? new NDList(x) : new NDList(x, reverse);
                x = stages.get(i).forward(ps, stageIn, training, params).head();
            }
            if (inputs.size() > 2 + i) {
                // A probe: adding a zero leaf changes nothing, and its gradient is dL/d(stage output).
                x = x.add(inputs.get(2 + i));
            }
            if (keepStages) {
                kept.add(x);
            }
        }
        NDList result;
        if (head == Head.NEXT_TOKEN) {
            result = new NDList(output.forward(ps, new NDList(x), training, params).head());
        } else if (attention != null) {
            NDList pooled = attention.forward(ps, new NDList(x, mask), training, params);
            result = new NDList(output.forward(ps, new NDList(pooled.get(0)), training, params).head(), pooled.get(1));
        } else {
            result = new NDList(output.forward(ps, new NDList(lastStep(x, mask)), training, params).head());
        }
        result.addAll(kept);
        return result;
    }

    /**
     * Summarises a sequence without attention: the forward half at the last real step (it has
     * read the whole real sequence) and the backward half at step 0 (likewise, read backwards).
     */
    private NDArray lastStep(NDArray x, NDArray mask) {
        NDArray last = Sequences.pick(x, Sequences.lengths(mask).sub(1f));
        if (!bidirectional) {
            return last;
        }
        long half = x.getShape().get(2) / 2;
        NDArray first = x.get(new NDIndex(":, 0, {}:", half));
        return last.get(new NDIndex(":, :{}", half)).concat(first, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        long b = x.get(0);
        long t = x.get(1);
        if (head == Head.NEXT_TOKEN) {
            return new Shape[] {new Shape(b, t, outputs)};
        }
        if (attention != null) {
            return new Shape[] {new Shape(b, outputs), new Shape(b, t)};
        }
        return new Shape[] {new Shape(b, outputs)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long b = x.get(0);
        long t = x.get(1);
        if (embedding != null) {
            embedding.initialize(manager, dataType, x);
            x = embedding.getOutputShapes(new Shape[] {x})[0];
        }
        for (int i = 0; i < stages.size(); i++) {
            RecurrentStage stage = stages.get(i);
            if (dropouts.get(i) != null) {
                dropouts.get(i).initialize(manager, dataType, x);
            }
            stage.initialize(manager, dataType, x);
            x = stage.getOutputShapes(new Shape[] {x})[0];
        }
        if (head == Head.NEXT_TOKEN) {
            output.initialize(manager, dataType, x);
        } else {
            if (attention != null) {
                attention.initialize(manager, dataType, x, new Shape(b, t));
            }
            output.initialize(manager, dataType, new Shape(b, x.get(2)));
        }
    }

    /** @return the resolved head */
    Head head() {
        return head;
    }

    /** @return the embedding, or null for numeric input */
    TokenEmbedding embedding() {
        return embedding;
    }

    /** @return the recurrent stages, first to last */
    List<RecurrentStage> stages() {
        return stages;
    }

    /** @return the attention pooling, or null */
    AttentionPooling attention() {
        return attention;
    }

    /** @return the output layer */
    Linear output() {
        return output;
    }

    /**
     * @param i the stage index
     * @return the dropout applied to stage i's input, or null
     */
    Dropout dropoutBefore(int i) {
        return dropouts.get(i);
    }
}
