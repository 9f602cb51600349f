package dev.seqlab.runtime;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import dev.seqlab.SeqLabException;
import java.nio.file.Path;

/**
 * The one door to the PyTorch engine.
 *
 * <p>Every SeqLab entry point calls {@link #engine()} before it touches DJL. It switches DJL to
 * offline mode first, so the native library is taken from the {@code pytorch-native-cpu} jar on
 * the class path and no code path can try the network; then it loads the engine once.
 */
public final class Torch {

    /** DJL's engine name for PyTorch. */
    public static final String ENGINE = "PyTorch";

    private static final NDIndex ALL = new NDIndex("...");

    private static volatile Engine engine;

    private Torch() {}

    /**
     * Returns the PyTorch engine, loading it offline on first use.
     *
     * @return the loaded engine
     * @throws SeqLabException if the native library cannot be loaded
     */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (Torch.class) {
                e = engine;
                if (e == null) {
                    e = load();
                    engine = e;
                }
            }
        }
        return e;
    }

    private static Engine load() {
        // Must happen before DJL reads it: Utils.isOfflineMode() is consulted when the native
        // library is located. A user can still force it off explicitly with -Dai.djl.offline=false.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("ai.djl.default_engine", ENGINE);
        // DJL logs an info line about the graph optimizer on every start; it is noise here.
        if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        }
        try {
            Engine e = Engine.getEngine(ENGINE);
            // DJL's load turns libtorch's autograd off on the loading thread only; every other
            // thread starts with it on. Back on, so the cell that happens to load the engine
            // behaves as every later cell does (its own autograd code records gradients).
            JniUtils.setGradMode(true);
            return e;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new SeqLabException(
                    "The PyTorch engine did not load; check that pytorch-native-cpu (linux-x86_64) "
                            + "and pytorch-jni are on the class path and that "
                            + nativeCacheDir()
                            + " is writable.",
                    e);
        }
    }

    /**
     * Returns the number of intra-op threads libtorch uses now.
     *
     * @return the intra-op thread count
     */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /**
     * Sets the number of intra-op threads. Results are bit-for-bit reproducible only for one
     * seed <em>and</em> one thread count, so runs record it.
     *
     * @param threads the thread count, at least 1
     */
    public static void threads(int threads) {
        SeqLabException.check(threads >= 1, "Thread count %d is below 1; use 1 or more threads.", threads);
        engine();
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /**
     * Seeds the engine's random generator (initialisation, dropout).
     *
     * @param seed the seed
     */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /**
     * Overwrites an array's values in place (weights, for example), keeping the array, its
     * gradient and its manager. DJL's {@code NDArray.set(Buffer)} does the same through a JNI
     * function that enters libtorch's deprecated {@code AutoNonVariableTypeMode}, which makes
     * libtorch print "AutoNonVariableTypeMode is deprecated ... silent wrong result" once per
     * process; an indexed assignment ({@code index_put_}) needs no such guard, so SeqLab writes
     * values only through here.
     *
     * @param target the array to overwrite
     * @param values its new values in row-major order, exactly {@code target.size()} of them
     */
    public static void assign(NDArray target, float[] values) {
        SeqLabException.check(values.length == target.size(), "%d values do not fill an array of shape %s; give %d values.", values.length,
                target.getShape(), target.size());
        try (NDManager scratch = target.getManager().newSubManager(); NoGrad off = noGrad()) {
            target.set(ALL, scratch.create(values, target.getShape()));
        }
    }

    /**
     * Switches autograd off on this thread until the returned guard is closed, then restores the
     * thread's previous mode.
     *
     * <p>libtorch's grad mode belongs to each thread, and starts enabled. DJL switches it off
     * only on the thread that loads the engine, and its gradient collector restores whatever the
     * thread had. So a forward pass outside training ran with autograd off on the engine's first
     * thread and on in any other thread, such as the new thread JShell gives each notebook cell,
     * and the two modes take different kernels in the fused LSTM: validation losses differed in
     * the last bits between the first run of a kernel session and later ones. Every forward pass
     * outside a gradient collector goes through this guard, so the mode no longer depends on the
     * thread.
     *
     * @return the guard; close it to restore the previous mode
     */
    public static NoGrad noGrad() {
        engine();
        boolean previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
        return new NoGrad(previous);
    }

    /** Restores the grad mode that {@link #noGrad()} found; closing it twice is harmless. */
    public static final class NoGrad implements AutoCloseable {
        private final boolean previous;
        private boolean closed;

        private NoGrad(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (!closed && previous) {
                JniUtils.setGradMode(true);
            }
            closed = true;
        }
    }

    /**
     * Returns the folder the native library is extracted to on first start.
     *
     * @return the DJL engine cache folder
     */
    public static Path nativeCacheDir() {
        return Utils.getEngineCacheDir("pytorch");
    }

    /**
     * Returns a one-line description such as {@code PyTorch 2.7.1 (DJL 0.35.0, 2 threads)}.
     *
     * @return the description
     */
    public static String describe() {
        Engine e = engine();
        return e.getEngineName() + " " + e.getVersion() + " (DJL " + Engine.getDjlVersion() + ", "
                + threads() + " intra-op threads)";
    }
}
