package dev.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import dev.seqlab.runtime.Locations;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Weights to {@code .npz} and back, checked against real PyTorch: Debian's {@code python3-torch}
 * (1.13) runs SeqLab's exported weights in {@code torch.nn.LSTM/GRU}, and SeqLab runs weights that
 * PyTorch initialised. Both directions must agree within 1e-5 on the same inputs.
 */
class WeightsTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final double TOLERANCE = 1e-5;

    private static Stack stack(String cell, int layers, boolean bidirectional, int hidden) {
        Stack s = cell.equals("lstm") ? Stack.lstm(hidden) : Stack.gru(hidden);
        s = s.layers(layers);
        return bidirectional ? s.bidirectional() : s;
    }

    @ParameterizedTest(name = "{0} x{1}, bidirectional={2}")
    @CsvSource({"lstm, 2, false, 8", "gru, 2, false, 8", "lstm, 2, true, 6"})
    void exportedWeightsRunInPyTorchAndPyTorchWeightsRunInSeqLab(String cell, int layers, boolean bidirectional, int hidden,
            @TempDir Path dir) throws Exception {
        Series air = Fixtures.air();
        Stack stack = stack(cell, layers, bidirectional, hidden);
        Experiment exp = Experiment.of(stack, air).adam(5e-3).epochs(3).batch(16).seed(3);
        try (Run run = exp.train(); NDManager m = run.manager().newSubManager()) {
            run.exportWeights(dir.resolve("seqlab.npz").toString());
            NDArray x = randomInput(m, 5, 12);
            NDList out = run.network().forwardWithStages(run.store(), new NDList(x, m.ones(new Shape(5, 12))), false);
            NDArray pred = out.get(0);
            NDArray last = out.get(out.size() - 1);
            x.setName("x");
            pred.setName("seqlab_pred");
            last.setName("seqlab_out");
            NDList input = new NDList(x, last, pred);
            try (var os = Files.newOutputStream(dir.resolve("input.npz"))) {
                input.encode(os, NDList.Encoding.NPZ);
            }
            JsonObject report = python(dir, cell, layers, bidirectional, hidden);
            double outDiff = report.get("out_diff").getAsDouble();
            double predDiff = report.get("pred_diff").getAsDouble();
            System.out.printf("%s x%d bidirectional=%s: SeqLab -> PyTorch max abs diff: outputs %.3g, head %.3g; gates swapped %.3g%n", cell,
                    layers, bidirectional, outDiff, predDiff, report.get("swapped_gates_out_diff").getAsDouble());
            assertTrue(outDiff < TOLERANCE, "recurrent outputs differ by " + outDiff);
            assertTrue(predDiff < TOLERANCE, "head outputs differ by " + predDiff);
            // The comparison can fail: with the gate blocks in another order PyTorch computes something else.
            assertTrue(report.get("swapped_gates_out_diff").getAsDouble() > 1e-3, "swapping gates should change the outputs");

            // Reverse: PyTorch's fresh weights, saved by numpy.savez, loaded into the same stack.
            try (Run imported = Run.importWeights(exp, dir.resolve("torch.npz").toString());
                    NDManager im = imported.manager().newSubManager();
                    InputStream in = Files.newInputStream(dir.resolve("torch_out.npz"))) {
                NDList expected = NDList.decode(im, in);
                NDArray xi = x.duplicate();
                xi.attach(im);
                NDList got = imported.network().forwardWithStages(imported.store(), new NDList(xi, im.ones(new Shape(5, 12))), false);
                double back = maxDiff(got.get(got.size() - 1), expected.get("out"));
                double backPred = maxDiff(got.get(0), expected.get("pred"));
                System.out.printf("%s x%d bidirectional=%s: PyTorch -> SeqLab max abs diff: outputs %.3g, head %.3g%n", cell, layers,
                        bidirectional, back, backPred);
                assertTrue(back < TOLERANCE, "imported outputs differ from PyTorch's by " + back);
                assertTrue(backPred < TOLERANCE, "imported head outputs differ from PyTorch's by " + backPred);
                assertTrue(maxDiff(got.get(0), pred) > 1e-4, "the imported run must not still hold the trained weights");
                assertTrue(imported.testMetrics().containsKey("rmse"), "an imported run is evaluated on the test part");
            }
        }
    }

    @Test
    void everyParameterHasADocumentedTorchName() {
        Series air = Fixtures.air();
        Stack deep = Stack.lstm(8).layers(3).bidirectional().residual().layerNorm().attention();
        try (Run run = Experiment.of(deep, air).epochs(1).batch(64).seed(1).train()) {
            var table = Weights.table(run.network());
            List<String> names = table.stringColumn("npz / pytorch name").asList();
            assertEquals(run.network().block().getParameters().size(), names.size());
            assertEquals(names.size(), names.stream().distinct().count(), "names are unique: " + names);
            for (String n : List.of("weight_ih_l0", "weight_hh_l2_reverse", "bias_ih_l1", "bias_hh_l1_reverse", "layer_norm_l0.weight",
                    "layer_norm_l2.bias", "attention.score.weight", "attention.score.bias", "attention.v.weight", "head.weight",
                    "head.bias")) {
                assertTrue(names.contains(n), n + " missing from " + names);
            }
            String doc = readDoc();
            for (String n : names) {
                assertTrue(doc.contains(n.replaceAll("l\\d", "lk")), "docs/weights.md does not document " + n);
            }
        }
    }

    @Test
    void mismatchedFileIsOneSentenceAndChangesNothing(@TempDir Path dir) throws Exception {
        Series air = Fixtures.air();
        try (Run lstm = Experiment.of(Stack.lstm(8), air).epochs(1).batch(64).seed(1).train()) {
            Path file = lstm.exportWeights(dir.resolve("w.npz").toString());
            SeqLabException e = assertThrows(SeqLabException.class, () -> Run.importWeights(Experiment.of(Stack.lstm(6), air), file.toString()));
            assertTrue(e.getMessage().contains("'weight_ih_l0'") && e.getMessage().contains("(24, 1)"), e.getMessage());
            assertEquals(1, e.getMessage().split("\\. ").length, "one sentence: " + e.getMessage());
            e = assertThrows(SeqLabException.class, () -> Run.importWeights(Experiment.of(Stack.lstm(8).layers(2), air), file.toString()));
            assertTrue(e.getMessage().contains("missing: weight_ih_l1"), e.getMessage());
            e = assertThrows(SeqLabException.class, () -> Run.importWeights(Experiment.of(Stack.gru(8), air), file.toString()));
            assertTrue(e.getMessage().contains("shape"), e.getMessage());
            // A user's file is never overwritten by an export; an earlier export is.
            Path mine = dir.resolve("notes.npz");
            Files.writeString(mine, "my notes");
            e = assertThrows(SeqLabException.class, () -> lstm.exportWeights(mine.toString()));
            assertTrue(e.getMessage().contains("not a weights file"), e.getMessage());
            assertEquals("my notes", Files.readString(mine));
            lstm.exportWeights(file.toString());
            try (ZipFile zip = new ZipFile(file.toFile())) {
                assertEquals(6, zip.size()); // four LSTM arrays and the head's two
            }
        }
    }

    private static String readDoc() {
        try {
            return Files.readString(Locations.home().resolve("docs/weights.md"));
        } catch (java.io.IOException e) {
            throw new AssertionError("docs/weights.md is missing", e);
        }
    }

    private static NDArray randomInput(NDManager m, int batch, int steps) {
        Random r = new Random(5);
        float[] v = new float[batch * steps];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, new Shape(batch, steps, 1));
    }

    private static double maxDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        assertEquals(x.length, y.length);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    private static JsonObject python(Path dir, String cell, int layers, boolean bidirectional, int hidden) throws Exception {
        assertTrue(Files.isExecutable(PYTHON), "Debian's python3 with python3-torch is needed (.ci/run installs it)");
        Path script = Locations.home().resolve("dsl/src/test/python/torch_weights.py");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), dir.toString(), cell, String.valueOf(layers),
                String.valueOf(bidirectional), String.valueOf(hidden)).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("PyTorch check timed out");
        }
        String out = new String(bytes, StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), "PyTorch check failed (python3-torch and python3-numpy are needed; .ci/run installs them):\n" + out);
        String[] lines = out.split("\n");
        assertFalse(lines.length == 0);
        return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    }
}
