package dev.seqlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.seqlab.model.Network;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradient norms the training loop takes after each backward pass: the global L2 norm and
 * one per recurrent stage, computed in one matrix product. Public so that the benchmark
 * ({@code bench/.../Overheads}) measures this code, not a copy of it.
 */
public final class GradientNorms {

    private final List<Parameter> params;
    private final NDArray selector;

    private GradientNorms(List<Parameter> params, NDArray selector) {
        this.params = params;
        this.selector = selector;
    }

    /**
     * Prepares the norms of a network's parameters.
     *
     * @param net the network
     * @param params its trainable parameters, in the order the loop updates them
     * @param manager the manager that owns the constant selector matrix (the loop's, for the whole run)
     * @return the norms
     */
    public static GradientNorms of(Network net, List<Parameter> params, NDManager manager) {
        return new GradientNorms(params, selector(manager, stages(net, params), net.depth()));
    }

    /**
     * Returns every parameter's current gradient, attached to the step's manager (DJL creates each
     * gradient handle in the weight's manager: without this it leaks).
     *
     * @param params the parameters
     * @param step the step's manager
     * @return the gradients, in the parameters' order
     */
    public static NDArray[] gradients(List<Parameter> params, NDManager step) {
        NDArray[] grads = new NDArray[params.size()];
        for (int i = 0; i < grads.length; i++) {
            NDArray g = params.get(i).getArray().getGradient();
            g.attach(step);
            grads[i] = g;
        }
        return grads;
    }

    /**
     * Returns the global norm and each stage's: squared norms (P) times the constant 0/1 matrix
     * (P, 1 + L), instead of a stack-sum-sqrt chain per stage.
     *
     * @param grads the gradients from {@link #gradients}
     * @return float32 (1 + L): global, stage 1 .. L
     */
    public NDArray norms(NDArray[] grads) {
        int p = params.size();
        NDArray[] norm = new NDArray[p];
        for (int i = 0; i < p; i++) {
            norm[i] = grads[i].norm();
        }
        return NDArrays.stack(new NDList(norm)).square().reshape(1, p).matMul(selector).reshape(-1).sqrt();
    }

    /** Maps each trainable parameter to the recurrent stage whose blocks own it, or -1. */
    static int[] stages(Network net, List<Parameter> params) {
        Map<String, Integer> byId = new HashMap<>();
        for (int k = 0; k < net.depth(); k++) {
            for (Block b : net.recurrentBlocks(k)) {
                for (Pair<String, Parameter> p : b.getParameters()) {
                    byId.put(p.getValue().getId(), k);
                }
            }
        }
        int[] out = new int[params.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = byId.getOrDefault(params.get(i).getId(), -1);
        }
        return out;
    }

    /**
     * The constant (P, 1 + L) 0/1 matrix that sums squared parameter norms into the global one
     * (column 0) and each recurrent stage's (column 1 + k).
     */
    private static NDArray selector(NDManager manager, int[] stageOf, int depth) {
        float[] m = new float[stageOf.length * (depth + 1)];
        for (int i = 0; i < stageOf.length; i++) {
            m[i * (depth + 1)] = 1f;
            if (stageOf[i] >= 0) {
                m[i * (depth + 1) + 1 + stageOf[i]] = 1f;
            }
        }
        return manager.create(m, new Shape(stageOf.length, depth + 1));
    }
}
