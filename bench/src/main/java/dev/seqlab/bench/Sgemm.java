package dev.seqlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.seqlab.runtime.Torch;

/** The single-precision matrix-multiply rate of DJL's libtorch: n x n times n x n, float32. */
final class Sgemm {

    private Sgemm() {}

    /**
     * Times {@code matMul} of two n x n float32 matrices.
     *
     * @param n the matrix size
     * @param reps timed products
     * @param warmup untimed products
     * @param threads intra-op threads
     * @return times in milliseconds (2 n^3 floating-point operations each)
     */
    static double[] run(int n, int reps, int warmup, int threads) {
        Engine engine = Torch.engine();
        Torch.threads(threads);
        double[] out = new double[reps];
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            for (int i = 0; i < warmup + reps; i++) {
                try (NDManager step = m.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(step);
                    c.getFloat(0, 0); // CPU ops are synchronous; this only proves the result exists
                    long t1 = System.nanoTime();
                    if (i >= warmup) {
                        out[i - warmup] = (t1 - t0) / 1e6;
                    }
                }
            }
        }
        return out;
    }
}
