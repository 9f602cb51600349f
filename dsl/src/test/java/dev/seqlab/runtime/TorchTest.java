package dev.seqlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.seqlab.SeqLabException;
import org.junit.jupiter.api.Test;

class TorchTest {

    @Test
    void engineLoadsOfflineAsPyTorch271() {
        Engine engine = Torch.engine();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.7.1", engine.getVersion());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals(engine, Torch.engine(), "the engine is loaded once");
    }

    @Test
    void tinyLstmTakesOneTrainingStep() {
        Torch.seed(7);
        try (NDManager manager = Torch.engine().newBaseManager()) {
            SequentialBlock net = new SequentialBlock()
                    .add(LSTM.builder().setStateSize(4).setNumLayers(1).optBatchFirst(true).build())
                    .add(list -> new NDList(list.head().get(":, -1, :")));
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 5, 1));
            ParameterStore store = new ParameterStore(manager, false);
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build();

            NDArray x = manager.randomNormal(new Shape(2, 5, 1));
            NDArray target = manager.ones(new Shape(2, 4));
            Pair<String, Parameter> first = net.getParameters().get(0);
            float[] before = first.getValue().getArray().toFloatArray();
            float lossBefore;
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
                NDArray out = net.forward(store, new NDList(x), true).head();
                NDArray loss = out.sub(target).square().mean();
                lossBefore = loss.getFloat();
                gc.backward(loss);
            }
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray w = p.getValue().getArray();
                sgd.update(p.getValue().getId(), w, w.getGradient());
            }
            float[] after = first.getValue().getArray().toFloatArray();
            assertFalse(java.util.Arrays.equals(before, after), "the step changed the weights");
            float lossAfter = net.forward(store, new NDList(x), false).head().sub(target).square().mean().getFloat();
            assertNotEquals(lossBefore, lossAfter);
            assertEquals(true, lossAfter < lossBefore, "one gradient step lowers the loss: " + lossBefore + " -> " + lossAfter);
        }
    }

    @Test
    void threadCountIsSettableAndValidated() {
        int original = Torch.threads();
        Torch.threads(1);
        assertEquals(1, Torch.threads());
        Torch.threads(original);
        SeqLabException e = assertThrows(SeqLabException.class, () -> Torch.threads(0));
        assertEquals("Thread count 0 is below 1; use 1 or more threads.", e.getMessage());
    }

    @Test
    void assignOverwritesAWeightOnAnyThreadAndNoGradRestoresTheThreadsMode() throws Exception {
        Throwable[] failure = new Throwable[1];
        // A new thread starts with libtorch's autograd on (as every JShell cell thread does).
        Thread cell = new Thread(() -> {
            try (NDManager m = Torch.engine().newBaseManager()) {
                assertTrue(ai.djl.pytorch.jni.JniUtils.isGradMode(), "a new thread starts with autograd on");
                NDArray w = m.zeros(new Shape(2, 3));
                w.setRequiresGradient(true);
                Torch.assign(w, new float[] {1, 2, 3, 4, 5, 6});
                org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.toFloatArray());
                assertTrue(ai.djl.pytorch.jni.JniUtils.isGradMode(), "the thread's mode is restored");
                try (Torch.NoGrad off = Torch.noGrad()) {
                    assertFalse(ai.djl.pytorch.jni.JniUtils.isGradMode());
                }
                assertTrue(ai.djl.pytorch.jni.JniUtils.isGradMode());
                SeqLabException e = assertThrows(SeqLabException.class, () -> Torch.assign(w, new float[] {1}));
                assertEquals("1 values do not fill an array of shape (2, 3); give 6 values.", e.getMessage());
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        cell.start();
        cell.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    /** Loads the engine on its main thread and prints that thread's autograd mode. */
    public static final class LoadingThreadMain {
        public static void main(String[] args) {
            Torch.engine();
            System.out.println("grad=" + ai.djl.pytorch.jni.JniUtils.isGradMode());
        }
    }

    @Test
    void theThreadThatLoadsTheEngineKeepsAutogradOn() throws Exception {
        // DJL's engine load turns autograd off on the loading thread; in a kernel that thread is
        // the first cell that trains. A fresh JVM, since this one has loaded the engine already.
        java.nio.file.Path out = java.nio.file.Files.createTempFile("seqlab-grad", ".out");
        try {
            Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", LoadingThreadMain.class.getName())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertEquals(0, p.waitFor());
            assertTrue(java.nio.file.Files.readString(out).contains("grad=true"), java.nio.file.Files.readString(out));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
