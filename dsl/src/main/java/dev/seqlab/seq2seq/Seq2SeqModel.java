package dev.seqlab.seq2seq;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.Task;
import dev.seqlab.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A {@link Seq2Seq} built for one pair of vocabularies: the encoder and decoder are networks
 * built from their {@link dev.seqlab.model.Stack}s through the stack's public API ({@code
 * build}, {@code forwardWithStages}, {@code forwardWithState}), so the encoder can be any stack
 * the DSL declares; the target embedding, the attention scorer and the context projection live
 * here.
 *
 * <p>The encoder network is built for regression with one output per decoder state value: its
 * linear head over the sequence summary is the bridge. The decoder network is built for
 * next-token prediction on numeric input (embedding, plus the previous context with attention)
 * of length 1 and run one step at a time from a carried state; its head gives the logits from
 * the top state.
 */
public final class Seq2SeqModel {

    private final Seq2Seq config;
    private final Network encoder;
    private final Network decoder;
    private final int sourceVocab;
    private final int targetVocab;
    private final int encoderWidth;
    private final int[] stateSizes;
    private final int topState;
    private final Seq2SeqBlock block;

    Seq2SeqModel(Seq2Seq config, int sourceVocab, int targetVocab, int maxSource) {
        this.config = config;
        this.sourceVocab = sourceVocab;
        this.targetVocab = targetVocab;
        int[] dec = config.decoder().sizes();
        // The decoder's carried state, in the order Network.forwardWithState uses: each layer's
        // own arrays (h, and c for LSTM), each (1, B, size); a mixed decoder mixes the counts.
        List<Integer> sizes = new ArrayList<>();
        int bridge = 0;
        int top = 0;
        for (int i = 0; i < dec.length; i++) {
            if (i == dec.length - 1) {
                top = sizes.size(); // the top layer's h comes first among its arrays
            }
            for (int k = 0; k < config.decoder().layer(i).kind().states(); k++) {
                sizes.add(dec[i]);
                bridge += dec[i];
            }
        }
        stateSizes = sizes.stream().mapToInt(Integer::intValue).toArray();
        topState = top;
        encoder = config.encoder().build(new DataSpec(Task.REGRESSION, maxSource, 0, sourceVocab, bridge, 1, List.of()));
        encoderWidth = encoder.stageSize(encoder.depth() - 1);
        int in = config.embeddingDim() + (config.hasAttention() ? encoderWidth : 0);
        decoder = config.decoder().build(new DataSpec(Task.NEXT_TOKEN, 1, in, 0, targetVocab, 1, List.of()));
        block = new Seq2SeqBlock();
    }

    /**
     * Initialises every parameter (draws from the engine's random state: seed first).
     *
     * @param manager the manager that owns the parameters
     */
    public void initialize(NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
    }

    /** @return the whole model as one DJL block (teacher-forced logits), for saving and counting */
    public Block block() {
        return block;
    }

    /** @return the configuration */
    public Seq2Seq config() {
        return config;
    }

    /** @return the encoder network */
    public Network encoder() {
        return encoder;
    }

    /** @return the decoder network (one step at a time) */
    public Network decoder() {
        return decoder;
    }

    /** @return the attention scorer, or null without attention */
    public AttentionScorer scorer() {
        return block.scorer;
    }

    /** @return the source vocabulary size */
    public int sourceVocabSize() {
        return sourceVocab;
    }

    /** @return the target vocabulary size */
    public int targetVocabSize() {
        return targetVocab;
    }

    /** @return the encoder's output width per step */
    public int encoderWidth() {
        return encoderWidth;
    }

    /** @return the number of trainable values */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            n += p.getShape().size();
        }
        return n;
    }

    // ---------------------------------------------------------------- the computation

    /**
     * The encoded source of a batch.
     *
     * @param keys encoder outputs (B, S, He)
     * @param prepared the scorer's per-sequence precomputation (or the keys)
     * @param mask source mask (B, S)
     * @param state the decoder's initial state from the bridge
     */
    record Encoded(NDArray keys, NDArray prepared, NDArray mask, NDList state) {

        /** Repeats every row {@code k} times (for beam search on one sequence). */
        Encoded repeat(int k) {
            NDList s = new NDList();
            for (NDArray a : state) {
                s.add(a.repeat(1, k));
            }
            return new Encoded(keys.repeat(0, k), prepared.repeat(0, k), mask.repeat(0, k), s);
        }
    }

    /**
     * One decoder step's results.
     *
     * @param logits (B, V)
     * @param state the decoder state after the step
     * @param context (B, He), or null without attention
     * @param weights (B, S) attention weights, or null without attention
     */
    record Step(NDArray logits, NDList state, NDArray context, NDArray weights) {}

    Encoded encode(ParameterStore ps, NDArray source, NDArray mask, boolean training) {
        NDList out = encoder.forwardWithStages(ps, new NDList(source, mask), training);
        NDArray keys = out.get(out.size() - 1);
        NDArray bridge = out.get(0).tanh(); // (B, sum of state sizes)
        long b = bridge.getShape().get(0);
        NDList state = new NDList();
        int from = 0;
        for (int size : stateSizes) {
            state.add(bridge.get(":, " + from + ":" + (from + size)).reshape(1, b, size));
            from += size;
        }
        NDArray prepared = block.scorer == null ? keys : block.scorer.prepare(ps, keys, training);
        return new Encoded(keys, prepared, mask, state);
    }

    /**
     * One decoder step.
     *
     * @param previous previous target tokens (B) int64
     * @param state the decoder state
     * @param context the previous context (B, He), or null without attention
     */
    Step step(ParameterStore ps, Encoded enc, NDArray previous, NDList state, NDArray context, boolean training) {
        NDArray table = ps.getValue(block.embedding, previous.getDevice(), training);
        NDArray x = previous.getNDArrayInternal().embedding(previous, table, SparseFormat.DENSE).head(); // (B, E)
        if (context != null) {
            x = x.concat(context, 1);
        }
        NDArray ones = x.getManager().ones(new Shape(x.getShape().get(0), 1));
        Network.Chunk chunk = decoder.forwardWithState(ps, new NDList(x.expandDims(1), ones), state, training);
        NDArray logits = chunk.outputs().head().squeeze(1);
        if (block.scorer == null) {
            return new Step(logits, chunk.state(), null, null);
        }
        NDArray top = chunk.state().get(topState).squeeze(0); // (B, Hd): the top layer's h
        NDList att = block.scorer.attend(ps, top, enc.keys(), enc.prepared(), enc.mask(), training);
        logits = logits.add(block.contextOut.forward(ps, new NDList(att.get(0)), training).head());
        return new Step(logits, chunk.state(), att.get(0), att.get(1));
    }

    /** The first context vector: zeros, or null without attention. */
    NDArray initialContext(Encoded enc) {
        if (block.scorer == null) {
            return null;
        }
        return enc.keys().getManager().zeros(new Shape(enc.keys().getShape().get(0), encoderWidth));
    }

    /**
     * A teacher-forced pass over a batch.
     *
     * @param loss the mean cross-entropy over the real target tokens (scalar)
     * @param logits (B, U, V)
     * @param inputs the tokens the decoder actually read at each step (B, U) int64
     */
    public record Forced(NDArray loss, NDArray logits, NDArray inputs) {}

    /**
     * Runs the decoder over a batch from {@link dev.seqlab.data.PairSplit#batch}, feeding at
     * each step after the first the true previous token with probability {@code ratio} and the
     * model's own previous prediction (arg max) otherwise, drawn per sequence and step from
     * {@code rng}. Ratio 1 is plain teacher forcing (no draws); ratio 0 feeds only predictions.
     *
     * @param ps the parameter store
     * @param batch {@code [source, sourceMask, decoderIn, decoderOut, targetMask]}
     * @param ratio the teacher forcing ratio in [0, 1]
     * @param rng the coin flips' source
     * @param training whether dropout is active
     * @return the loss, the logits and the decoder inputs used
     */
    public Forced teacherForced(ParameterStore ps, NDList batch, double ratio, Random rng, boolean training) {
        SeqLabException.check(ratio >= 0 && ratio <= 1, "Teacher forcing ratio %s is outside [0, 1]; use a value such as 1.0 or 0.5.", ratio);
        NDArray source = batch.get(0);
        NDArray mask = batch.get(1);
        NDArray gold = batch.get(2);
        NDArray out = batch.get(3);
        NDArray targetMask = batch.get(4);
        int b = (int) gold.getShape().get(0);
        int u = (int) gold.getShape().get(1);
        Encoded enc = encode(ps, source, mask, training);
        NDList state = enc.state();
        NDArray context = initialContext(enc);
        NDArray previous = gold.get(":, 0");
        List<NDArray> steps = new ArrayList<>();
        NDList inputs = new NDList();
        for (int t = 0; t < u; t++) {
            if (t > 0) {
                NDArray truth = gold.get(":, " + t);
                if (ratio >= 1) {
                    previous = truth;
                } else {
                    NDArray predicted = steps.get(t - 1).argMax(1).toType(DataType.INT64, false);
                    if (ratio <= 0) {
                        previous = predicted;
                    } else {
                        boolean[] coin = new boolean[b];
                        for (int i = 0; i < b; i++) {
                            coin[i] = rng.nextDouble() < ratio;
                        }
                        previous = NDArrays.where(source.getManager().create(coin), truth, predicted);
                    }
                }
            }
            inputs.add(previous);
            Step s = step(ps, enc, previous, state, context, training);
            steps.add(s.logits());
            state = s.state();
            context = s.context();
        }
        NDArray logits = NDArrays.stack(new NDList(steps), 1); // (B, U, V)
        NDArray logp = logits.logSoftmax(2);
        NDArray picked = logp.mul(out.oneHot(targetVocab)).sum(new int[] {2}); // (B, U)
        NDArray loss = picked.mul(targetMask).sum().neg().div(targetMask.sum());
        return new Forced(loss, logits, NDArrays.stack(inputs, 1));
    }

    // ---------------------------------------------------------------- the block

    /** The parameters' owner: children encoder, decoder, embedding, attention, context. */
    private final class Seq2SeqBlock extends AbstractBlock {
        private final Parameter embedding;
        private final AttentionScorer scorer;
        private final Linear contextOut;

        Seq2SeqBlock() {
            addChildBlock("encoder", encoder.block());
            addChildBlock("decoder", decoder.block());
            embedding = addParameter(Parameter.builder().setName("target_embedding").setType(Parameter.Type.WEIGHT)
                    .optInitializer(new NormalInitializer(0.1f)).optShape(new Shape(targetVocab, config.embeddingDim())).build());
            int[] dec = config.decoder().sizes();
            int top = dec[dec.length - 1];
            if (config.hasAttention()) {
                scorer = addChildBlock("attention", new AttentionScorer(config.scoring(), top, encoderWidth, top));
                contextOut = addChildBlock("context", Linear.builder().setUnits(targetVocab).optBias(false).build());
            } else {
                scorer = null;
                contextOut = null;
            }
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDList batch = new NDList(inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(2), inputs.get(1).getManager()
                    .ones(inputs.get(2).getShape()));
            return new NDList(teacherForced(ps, batch, 1, new Random(0), training).logits());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes.length > 2 ? inputShapes[2] : inputShapes[0];
            return new Shape[] {new Shape(in.get(0), in.get(1), targetVocab)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            encoder.initialize(manager);
            decoder.initialize(manager);
            if (scorer != null) {
                scorer.initialize(manager, dataType, new Shape(1, 1), new Shape(1, 1, encoderWidth), new Shape(1, 1));
                contextOut.initialize(manager, dataType, new Shape(1, encoderWidth));
            }
        }
    }
}
