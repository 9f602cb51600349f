package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The gate activations of one LSTM or GRU stage (of any stack, mixed ones included) for one sample, recomputed step by step from the
 * stage's trained weights: what the cell lets in, forgets and lets out at each time step.
 *
 * <p>DJL's fused recurrent layers do not expose their gates, so they are recomputed here in
 * double precision (by the stage's {@link LayerKind}) from the forward block of {@link Network#recurrentBlocks(int)}, with
 * PyTorch's layout (gates stacked on the first axis of {@code W_ih}, {@code W_hh}, {@code b_ih},
 * {@code b_hh}; LSTM order i, f, g, o; GRU order r, z, n):
 *
 * <pre>
 * LSTM  i = sigmoid(W_ii x + b_ii + W_hi h + b_hi)     GRU  r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 *       f = sigmoid(W_if x + b_if + W_hf h + b_hf)          z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *       g = tanh(W_ig x + b_ig + W_hg h + b_hg)             n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *       o = sigmoid(W_io x + b_io + W_ho h + b_ho)          h' = (1 - z) * n + z * h
 *       c' = f * c + i * g,  h' = o * tanh(c')
 * </pre>
 *
 * <p>{@link #maxAbsDifference()} compares the recomputed hidden states with the fused layer's own
 * output, so a plot can trust the gates it draws. For a bidirectional stage the gates are those of
 * the forward direction; the steps include any padding after the sample's real {@link #length()}.
 */
public final class Gates {

    private final LayerKind kind;
    private final int stage;
    private final int sample;
    private final int length;
    private final Map<String, float[][]> gates;
    private final float[][] hidden;
    private final float maxAbsDifference;

    private Gates(LayerKind kind, int stage, int sample, int length, Map<String, float[][]> gates, float[][] hidden,
            float maxAbsDifference) {
        this.kind = kind;
        this.stage = stage;
        this.sample = sample;
        this.length = length;
        this.gates = gates;
        this.hidden = hidden;
        this.maxAbsDifference = maxAbsDifference;
    }

    /**
     * Recomputes the gates of one stage for one sample of a batch. The stage's input is found by
     * running the stack up to that stage in evaluation mode (no dropout): the (embedded) data for
     * stage 0, the previous stage's output otherwise.
     *
     * @param net an initialised LSTM or GRU network
     * @param ps the parameter store
     * @param inputs {@code NDList[x, mask]} as for {@link Network#forward}; further elements are ignored
     * @param sample the sample of the batch, from 0
     * @param stage the stage, from 0
     * @return the gates, cell state (LSTM) and hidden states of that sample and stage
     */
    public static Gates of(Network net, ParameterStore ps, NDList inputs, int sample, int stage) {
        SeqLabException.check(stage >= 0 && stage < net.depth(), "Stage %d does not exist; use 0 to %d.", stage,
                net.depth() - 1);
        LayerKind kind = net.stack().layer(stage).kind();
        SeqLabException.check(kind.hasGates(),
                "Gates exist only for LSTM and GRU cells; this stack uses %s, so declare it with "
                        + "Stack.lstm(...) or Stack.gru(...) to see gates.", kind.label());
        StackBlock sb = net.stackBlock();
        if (!sb.isInitialized()) {
            throw new SeqLabException(
                    "The network is not initialised; call initialize(manager) or train it before reading gates.");
        }
        NDArray x = inputs.get(0);
        long batch = x.getShape().get(0);
        SeqLabException.check(sample >= 0 && sample < batch, "Sample %d is not in the batch; use 0 to %d.", sample,
                batch - 1);
        int t = Math.toIntExact(x.getShape().get(1));
        Block fused = net.recurrentBlocks(stage).get(0);
        int size = sb.stages().get(stage).size();
        try (NDManager sub = x.getManager().newSubManager()) {
            NDArray xs = own(x, sub);
            NDArray mask = inputs.size() > 1 ? own(inputs.get(1), sub) : sub.ones(xs.getShape().slice(0, 2));
            int length = Math.round(mask.get(sample).sum().getFloat());
            NDArray stageIn;
            if (stage == 0) {
                stageIn = sb.embedding() == null ? xs : sb.embedding().forward(ps, new NDList(xs), false).head();
            } else {
                NDList all = net.forwardWithStages(ps, new NDList(xs, mask), false);
                int first = all.size() - net.depth();
                stageIn = all.get(first + stage - 1);
            }
            NDArray one = stageIn.get(new NDIndex("{}:{}", sample, sample + 1));
            NDList out = fused.forward(ps, new NDList(one), false);
            float[] own = out.head().toFloatArray();
            int in = Math.toIntExact(one.getShape().get(2));
            float[] xin = one.toFloatArray();
            float[] wih = weights(fused, "l_0_i2h_WEIGHT");
            float[] whh = weights(fused, "l_0_h2h_WEIGHT");
            float[] bih = weights(fused, "l_0_i2h_BIAS");
            float[] bhh = weights(fused, "l_0_h2h_BIAS");
            GateTrace r = kind.recompute(xin, t, in, size, wih, whh, bih, bhh);
            float diff = 0f;
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < size; j++) {
                    diff = Math.max(diff, Math.abs(r.hidden()[s][j] - own[s * size + j]));
                }
            }
            return new Gates(kind, stage, sample, length, r.gates(), r.hidden(), diff);
        }
    }

    private static float[] weights(Block fused, String name) {
        Parameter p = fused.getParameters().get(name);
        return p.getArray().toFloatArray();
    }

    private static NDArray own(NDArray a, NDManager sub) {
        NDArray copy = a.duplicate();
        copy.attach(sub);
        return copy;
    }

    /** @return the gate names: input, forget, candidate, output, cell (LSTM) or reset, update, candidate (GRU) */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(gates.keySet()));
    }

    /**
     * Returns one gate's activations ("cell" is the LSTM cell state, not squashed).
     *
     * @param name one of {@link #names()}
     * @return a copy, [timeSteps][size]
     */
    public float[][] gate(String name) {
        float[][] g = gates.get(name);
        if (g == null) {
            throw new SeqLabException(String.format(java.util.Locale.ROOT,
                    "There is no %s gate named '%s'; use one of %s.", kind.label(), name, names()));
        }
        return copy(g);
    }

    /** @return the recomputed hidden states, a copy, [timeSteps][size] */
    public float[][] hidden() {
        return copy(hidden);
    }

    /** @return the largest |recomputed h - the fused layer's own output| over the sample's steps and units */
    public float maxAbsDifference() {
        return maxAbsDifference;
    }

    /** @return the stage's kind, {@link LayerKind#LSTM} or {@link LayerKind#GRU} */
    public LayerKind kind() {
        return kind;
    }

    /** @return the stage index, from 0 */
    public int stage() {
        return stage;
    }

    /** @return the sample index in the batch, from 0 */
    public int sample() {
        return sample;
    }

    /** @return the number of time steps (padding included) */
    public int timeSteps() {
        return hidden.length;
    }

    /** @return the sample's real length from the mask; later steps are padding */
    public int length() {
        return length;
    }

    /** @return the state size of the stage (columns of each gate) */
    public int size() {
        return hidden.length == 0 ? 0 : hidden[0].length;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** @return a one-line description, for example {@code Gates[LSTM(tanh) stage 1, sample 0, 12 steps x 8]} */
    @Override
    public String toString() {
        return "Gates[" + kind.label() + " stage " + stage + ", sample " + sample + ", " + timeSteps() + " steps x "
                + size() + "]";
    }
}
