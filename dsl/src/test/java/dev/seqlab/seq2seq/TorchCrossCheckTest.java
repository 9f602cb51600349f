package dev.seqlab.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.seqlab.data.PairedTokens;
import dev.seqlab.model.Stack;
import dev.seqlab.runtime.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decoder's attention step against an independent implementation: PyTorch's own LSTMCell,
 * softmax and matrix products (Debian's python3-torch 1.13, which .ci/run installs) fed the same
 * weights, encoder outputs, mask and initial state. Two steps, so that the first step's context
 * feeds the second (input feeding); a padded source, so that the mask is exercised.
 */
class TorchCrossCheckTest {

    static final String PYTHON = "/usr/bin/python3";

    @ParameterizedTest
    @EnumSource(Scoring.class)
    void twoDecoderStepsMatchPyTorchWithin1e5(Scoring scoring, @TempDir Path dir) throws Exception {
        assumeTrue(torchAvailable() || "true".equals(System.getenv("CI")),
                "python3-torch is not installed (CI installs it through .ci/run)");
        PairedTokens data = PairedTokens.of(List.of("abc", "ab", "cab", "ba"), List.of("x y", "y", "z x", "y z")).targetWords()
                .split(1, 0).load();
        Seq2Seq config = Seq2Seq.of(Stack.lstm(6).bidirectional().embedding(5), Stack.lstm(12)).attention(scoring).embedding(4);
        Seq2SeqModel model = config.build(data);
        Torch.seed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            model.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDList batch = data.train().batch(m, new int[] {0, 1, 3}, 5); // padded to 5 source steps
            Seq2SeqModel.Encoded enc = model.encode(ps, batch.get(0), batch.get(1), false);
            NDArray tokens = batch.get(2).get(":, 0:2");
            Map<String, NDArray> out = new HashMap<>();
            out.put("keys", enc.keys());
            out.put("mask", batch.get(1));
            out.put("h0", enc.state().get(0).squeeze(0));
            out.put("c0", enc.state().get(1).squeeze(0));
            out.put("tokens", tokens.toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
            Map<String, Parameter> p = new HashMap<>();
            model.block().getParameters().forEach(e -> p.put(e.getKey(), e.getValue()));
            out.put("embedding", find(p, "target_embedding"));
            out.put("lstm_w_ih", find(p, "02decoder_01stage1_01forward_l_0_i2h_WEIGHT"));
            out.put("lstm_w_hh", find(p, "02decoder_01stage1_01forward_l_0_h2h_WEIGHT"));
            out.put("lstm_b_ih", find(p, "02decoder_01stage1_01forward_l_0_i2h_BIAS"));
            out.put("lstm_b_hh", find(p, "02decoder_01stage1_01forward_l_0_h2h_BIAS"));
            out.put("head_w", find(p, "02decoder_02head_weight"));
            out.put("head_b", find(p, "02decoder_02head_bias"));
            out.put("context_w", find(p, "04context_weight"));
            if (scoring != Scoring.DOT) {
                out.put("att_query_w", find(p, "03attention_01query_weight"));
            }
            if (scoring == Scoring.ADDITIVE) {
                out.put("att_key_w", find(p, "03attention_02key_weight"));
                out.put("att_key_b", find(p, "03attention_02key_bias"));
                out.put("att_v_w", find(p, "03attention_03v_weight"));
            }
            Path in = dir.resolve("in.txt");
            Path res = dir.resolve("out.txt");
            write(in, out);
            Path script = Path.of(getClass().getResource("/seq2seq/decoder_step.py").toURI());
            Process proc = new ProcessBuilder(PYTHON, script.toString(), scoring.name(), in.toString(), res.toString())
                    .redirectErrorStream(true).start();
            String log = new String(proc.getInputStream().readAllBytes());
            assertEquals(true, proc.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, proc.exitValue(), log);
            Map<String, float[]> torch = read(res);

            NDList state = enc.state();
            NDArray context = model.initialContext(enc);
            for (int t = 0; t < 2; t++) {
                Seq2SeqModel.Step s = model.step(ps, enc, tokens.get(":, " + t), state, context, false);
                assertArrayEquals(torch.get("logits" + t), s.logits().toFloatArray(), 1e-5f, scoring + " logits, step " + t);
                float[] w = s.weights().toFloatArray();
                assertArrayEquals(torch.get("weights" + t), w, 1e-5f, scoring + " weights, step " + t);
                assertEquals(0f, w[1 * 5 + 2], "padding of the second source (length 2) gets no weight");
                state = s.state();
                context = s.context();
            }
        }
    }

    private static NDArray find(Map<String, Parameter> p, String name) {
        Parameter param = p.get(name);
        if (param == null) {
            throw new AssertionError("no parameter " + name + " among " + p.keySet());
        }
        return param.getArray();
    }

    private static void write(Path file, Map<String, NDArray> arrays) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            float[] v = e.getValue().toFloatArray();
            s.append(e.getKey()).append('|')
                    .append(java.util.Arrays.stream(e.getValue().getShape().getShape()).mapToObj(Long::toString).collect(Collectors.joining(",")))
                    .append('|')
                    .append(IntStream.range(0, v.length).mapToObj(i -> String.format(Locale.ROOT, "%.9g", v[i])).collect(Collectors.joining(",")))
                    .append('\n');
        }
        Files.writeString(file, s);
    }

    private static Map<String, float[]> read(Path file) throws IOException {
        Map<String, float[]> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split("\\|");
            String[] vals = parts[2].split(",");
            float[] v = new float[vals.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Float.parseFloat(vals[i]);
            }
            out.put(parts[0], v);
        }
        return out;
    }

    static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
