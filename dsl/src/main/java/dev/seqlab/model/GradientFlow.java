package dev.seqlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How strongly the loss reaches back to each layer and time step: the L2 norm of dLoss/d(stage
 * output) per stage and step, the data behind a gradient-flow heatmap (vanishing gradients show
 * as columns that fade towards the start of the sequence and rows that fade towards the input).
 *
 * <p>It is measured with zero probes (see {@link Network}): one zero leaf per stage is added to
 * that stage's output, a forward pass runs in training mode, the loss is backpropagated, and
 * each probe's gradient is read. The parameters' gradients are left untouched (their
 * {@code requiresGradient} is switched off for the pass), so it is safe to call between a
 * trainer's steps (with a parameter store that copies parameters to several devices, the copies
 * are not switched off and would collect the gradient); it must not be called while another
 * {@link GradientCollector} is open.
 */
public final class GradientFlow {

    private final float[][] norms;

    private GradientFlow(float[][] norms) {
        this.norms = norms;
    }

    /**
     * Measures the gradient flow for one batch.
     *
     * @param net an initialised network
     * @param ps the parameter store (a trainer's, or {@code new ParameterStore(manager, false)})
     * @param inputs {@code NDList[x, mask]} as for {@link Network#forward}; further elements are ignored
     * @param labels the labels the loss compares the prediction with
     * @param loss the loss as {@code (prediction, labels) -> scalar}, prediction being the first
     *     output of {@link Network#forward}; a non-scalar result is summed
     * @return the gradient norms per stage and time step
     */
    public static GradientFlow of(Network net, ParameterStore ps, NDList inputs, NDArray labels,
            BiFunction<NDArray, NDArray, NDArray> loss) {
        if (!net.stackBlock().isInitialized()) {
            throw new SeqLabException(
                    "The network is not initialised; call initialize(manager) or train it before measuring gradient flow.");
        }
        NDArray x = inputs.get(0);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        float[][] norms = new float[net.depth()][];
        // Everything made here (inputs' copies, probes, activations, gradients) lives in this
        // sub-manager: results of an operation belong to its first operand's manager.
        try (NDManager sub = x.getManager().newSubManager()) {
            NDList in = new NDList(own(x, sub));
            if (inputs.size() > 1) {
                in.add(own(inputs.get(1), sub));
            }
            List<NDArray> probes = new ArrayList<>();
            for (int i = 0; i < net.depth(); i++) {
                NDArray probe = sub.zeros(new Shape(b, t, net.stageSize(i)));
                probe.setRequiresGradient(true);
                probes.add(probe);
                in.add(probe);
            }
            GradientCollector gc;
            try {
                gc = x.getManager().getEngine().newGradientCollector();
            } catch (IllegalStateException e) {
                throw new SeqLabException("GradientFlow runs its own backward pass; call it outside any open "
                        + "GradientCollector (for example after the trainer's step).", e);
            }
            List<NDArray> frozen = freezeParameters(net);
            try (gc) {
                NDArray prediction = net.forward(ps, in, true).head();
                gc.backward(loss.apply(prediction, own(labels, sub)));
            } finally {
                for (NDArray p : frozen) {
                    p.setRequiresGradient(true);
                }
            }
            for (int i = 0; i < probes.size(); i++) {
                NDArray g = probes.get(i).getGradient();
                norms[i] = g.square().sum(new int[] {0, 2}).sqrt().toFloatArray();
            }
        }
        return new GradientFlow(norms);
    }

    /**
     * Measures the gradient flow for one batch with a DJL loss.
     *
     * @param net an initialised network
     * @param ps the parameter store
     * @param inputs {@code NDList[x, mask]}
     * @param labels the labels
     * @param loss a DJL loss, evaluated as {@code loss.evaluate(NDList[labels], NDList[prediction])}
     * @return the gradient norms per stage and time step
     */
    public static GradientFlow of(Network net, ParameterStore ps, NDList inputs, NDArray labels, Loss loss) {
        return of(net, ps, inputs, labels, (p, l) -> loss.evaluate(new NDList(l), new NDList(p)));
    }

    /** A copy of {@code a} owned by {@code sub}, so that what is computed from it is freed with it. */
    private static NDArray own(NDArray a, NDManager sub) {
        NDArray copy = a.duplicate();
        copy.attach(sub);
        return copy;
    }

    /** Switches off gradients of the parameters for the pass, returning those to switch back on. */
    private static List<NDArray> freezeParameters(Network net) {
        List<NDArray> frozen = new ArrayList<>();
        for (Parameter p : net.block().getParameters().values()) {
            if (p.isInitialized() && p.getArray().hasGradient()) {
                p.getArray().setRequiresGradient(false);
                frozen.add(p.getArray());
            }
        }
        return frozen;
    }

    /**
     * Returns the gradient norms: {@code norms()[stage][t]} is the L2 norm, over the batch and the
     * stage's features, of dLoss/d(output of stage at step t). Stage 0 is nearest the input.
     *
     * @return a copy of the norms, [depth][timeSteps]
     */
    public float[][] norms() {
        float[][] copy = new float[norms.length][];
        for (int i = 0; i < norms.length; i++) {
            copy[i] = norms[i].clone();
        }
        return copy;
    }

    /** @return the number of stages (rows of {@link #norms()}) */
    public int depth() {
        return norms.length;
    }

    /** @return the number of time steps (columns of {@link #norms()}) */
    public int timeSteps() {
        return norms.length == 0 ? 0 : norms[0].length;
    }

    /** @return the size of the table, for example {@code GradientFlow[3 stages x 24 steps]} */
    @Override
    public String toString() {
        return "GradientFlow[" + depth() + " stages x " + timeSteps() + " steps]";
    }
}
