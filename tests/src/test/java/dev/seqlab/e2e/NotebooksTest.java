package dev.seqlab.e2e;

import static dev.seqlab.e2e.Jupyter.JUPYTER;
import static dev.seqlab.e2e.Jupyter.PYTHON;
import static dev.seqlab.e2e.Jupyter.exec;
import static dev.seqlab.e2e.Jupyter.jupyterPresent;
import static dev.seqlab.e2e.Jupyter.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import dev.seqlab.e2e.Jupyter.Exec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The teaching notebooks in {@code notebooks/}:
 * <ul>
 * <li>each runs headless through {@code ./seqlab run} with small parameters: exit 0, no error
 * output, at least one PNG, and the {@code name = value} lines of its "Results" cell within sane
 * ranges;</li>
 * <li>the committed notebooks are executed (outputs, no errors, images) and their outputs support
 * what their prose says (for example: the deep LSTM beats the naive forecast);</li>
 * <li>one notebook runs through real Jupyter ({@code notebooks/execute.py}, nbclient) with the
 * SeqLab kernel installed in a temporary prefix.</li>
 * </ul>
 * Jupyter-dependent checks must run in CI ({@code CI=true}) and are skipped elsewhere when
 * {@code /usr/bin/jupyter} is missing.
 */
class NotebooksTest {

    private static final Pattern RESULT = Pattern.compile("(?m)^([a-z_0-9]+) = (-?[0-9.]+(?:E-?[0-9]+)?|NaN|-?Infinity)$");

    @TempDir
    static Path tmp;

    /** A notebook, the small parameters CI runs it with, and its range checks. */
    record Case(String name, List<String> parameters, Checks checks) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Checks {
        void check(Map<String, Double> r);
    }

    static Stream<Case> notebooks() {
        return Stream.of(
                new Case("01-forecasting", List.of("EPOCHS", "5", "SUN_EPOCHS", "1", "SEEDS", "2"), r -> {
                    for (String k : List.of("air_naive_rmse", "air_drift_rmse", "air_levels_naive_rmse", "air_levels_lstm_rmse",
                            "air_shallow_lstm_rmse", "air_deep_lstm_rmse", "air_gru_rmse", "air_seasonal_naive_rmse", "multi_lstm_rmse",
                            "multi_lstm_step1_rmse", "multi_lstm_last_step_rmse")) {
                        between(r, k, 1, 500);
                    }
                    // Seasonal naive does not depend on training either (hand-checked rule, Series.seasonalNaive).
                    between(r, "air_seasonal_naive_rmse", 51.0, 52.5);
                    between(r, "multi_seasonal_naive_rmse", 53.5, 54.5);
                    // Every network's mean lies inside its 95% interval over the seeds.
                    for (String k : List.of("air_levels_lstm", "air_shallow_lstm", "air_deep_lstm", "air_gru", "multi_lstm")) {
                        assertTrue(r.get(k + "_rmse_lo") <= r.get(k + "_rmse") && r.get(k + "_rmse") <= r.get(k + "_rmse_hi"), k + ": " + r);
                    }
                    between(r, "sun_naive_rmse", 1, 200);
                    between(r, "sun_gru_rmse", 1, 200);
                    // The naive forecast does not depend on training: its value is known exactly.
                    between(r, "air_naive_rmse", 53.0, 54.5);
                }),
                new Case("02-gradients", List.of("EPOCHS", "1", "STRIDE", "8", "REPLICATES", "2"), r -> {
                    for (String k : List.of("average_rmse", "rnn_rmse", "lstm_rmse", "gru_rmse")) {
                        between(r, k, 1, 300);
                    }
                    between(r, "clipped_max_grad_norm", 0, 1e6);
                    for (String k : List.of("rnn_reach_first", "lstm_reach_first", "gru_reach_first")) {
                        between(r, k, 0, 1e6);
                    }
                    assertTrue(r.containsKey("unclipped_max_grad_norm"), r.toString());
                }),
                new Case("03-depth", List.of("MAX_DEPTH", "2", "EPOCHS", "3", "OVERFIT_EPOCHS", "3", "REPLICATES", "2"), r -> {
                    for (String k : List.of("plain_1_rmse", "remedied_1_rmse", "plain_2_rmse", "remedied_2_rmse", "naive_rmse")) {
                        between(r, k, 1, 500);
                    }
                    // Parameters are counted from the network: a second layer adds parameters.
                    assertTrue(r.get("plain_2_parameters") > r.get("plain_1_parameters"), r.toString());
                    between(r, "plain_1_seconds", 0, 300);
                    between(r, "gap_no_dropout", -100, 100);
                    between(r, "gap_dropout", -100, 100);
                    assertTrue(r.get("replicates") >= 2, r.toString()); // the quick run and the committed one (5 seeds)
                    assertTrue(r.get("depth_diff_low") <= r.get("depth_diff_high"), r.toString());
                }),
                new Case("04-sentiment", List.of("EPOCHS", "2"), r -> {
                    between(r, "accuracy", 0.5, 1);
                    between(r, "precision", 0, 1);
                    between(r, "recall", 0, 1);
                    between(r, "f1", 0, 1);
                    between(r, "train_seconds", 0, 300);
                }),
                new Case("05-language-model", List.of("EPOCHS", "1", "MAX_CHARS", "12000", "HIDDEN", "48", "SAMPLE_LENGTH", "60", "REPLICATES", "2"), r -> {
                    between(r, "unigram_perplexity", 5, 80);
                    between(r, "perplexity", 1, 80); // the mean over the seeds
                    between(r, "single_run_perplexity", 1, 80);
                    assertTrue(r.get("replicates") >= 2, r.toString());
                    assertTrue(r.get("perplexity_ci95_low") <= r.get("perplexity") && r.get("perplexity") <= r.get("perplexity_ci95_high"), r.toString());
                    between(r, "full_bptt_epoch_seconds", 0, 300);
                    between(r, "truncated_bptt_epoch_seconds", 0, 300);
                }),
                new Case("06-gates", List.of("EPOCHS", "2"), r -> {
                    between(r, "lstm_rmse", 1, 300);
                    between(r, "average_rmse", 1, 300);
                    for (String g : List.of("input", "forget", "output")) {
                        between(r, g + "_first", 0, 1);
                        between(r, g + "_later", 0, 1);
                    }
                }),
                new Case("07-stocks", List.of("EPOCHS", "2", "REPLICATES", "2"), r -> {
                    for (String k : List.of("naive_rmse", "drift_rmse", "lstm_dax_rmse", "lstm_four_rmse")) {
                        between(r, k, 1, 2000);
                    }
                    between(r, "lstm_dax_t", -1e6, 1e6);
                    between(r, "lstm_four_t", -1e6, 1e6);
                    between(r, "clearly_beats_baselines", 0, 1);
                }),
                new Case("08-g2p", List.of("LIMIT", "600", "EPOCHS", "1", "HIDDEN", "16", "BEAM", "2"), NotebooksTest::g2pNumbersAreTheComputedOnes),
                new Case("09-adding", List.of("N", "300", "EPOCHS", "2", "REPLICATES", "2"), r -> {
                    for (String k : List.of("lstm_rmse_mean", "rnn_rmse_mean")) {
                        between(r, k, 0, 3);
                    }
                    between(r, "lstm_solved", 0, 1);
                    between(r, "rnn_solved", 0, 1);
                    // Same budget: parameter counts within 2% of each other.
                    assertTrue(Math.abs(r.get("lstm_parameters") - r.get("rnn_parameters")) < 0.02 * r.get("lstm_parameters"), r.toString());
                    boolean better = r.get("lstm_rmse_mean") + r.get("lstm_rmse_half_interval") < r.get("rnn_rmse_mean") - r.get("rnn_rmse_half_interval");
                    assertEquals(better ? 1.0 : 0.0, r.get("lstm_better"), r.toString());
                }));
    }

    /**
     * The G2P notebook's printed PER and WER are the ones its outputs give: every rate equals its
     * printed counts (edits over reference phonemes, wrong words over test words), the counts of
     * test words and reference phonemes equal those of the data loaded here with the notebook's
     * limit and seed, and the WER interval is the Wilson interval of the counts.
     */
    static void g2pNumbersAreTheComputedOnes(Map<String, Double> r) {
        var loader = dev.seqlab.data.PairedTokens.csv(Launcher.root().resolve("datasets/cmudict_g2p.csv").toString(), "word", "phonemes")
                .targetWords().split(0.8, 0.1).seed(r.get("seed").longValue());
        var data = (r.get("limit") > 0 ? loader.limit(r.get("limit").intValue()) : loader).load();
        long phonemes = 0;
        for (int i = 0; i < data.test().size(); i++) {
            phonemes += data.test().targetTokens(i).size();
        }
        assertEquals(data.test().size(), r.get("test_words"), 0.0, r.toString());
        assertEquals(phonemes, r.get("reference_phonemes"), 0.0, r.toString());
        for (String m : List.of("baseline", "attention", "beam")) {
            between(r, m + "_per", 0, 10); // above 1 when outputs run longer than their references (an untrained model)
            between(r, m + "_wer", 0, 1);
            assertEquals(r.get(m + "_edits") / phonemes, r.get(m + "_per"), 1e-6, m + " PER from its counts: " + r);
            assertEquals(r.get(m + "_wrong") / data.test().size(), r.get(m + "_wer"), 1e-6, m + " WER from its counts: " + r);
        }
        for (String m : List.of("baseline", "attention")) {
            double[] ci = dev.seqlab.seq2seq.Score.wilson(r.get(m + "_wrong").longValue(), data.test().size());
            assertEquals(ci[0], r.get(m + "_wer_low"), 1e-6, r.toString());
            assertEquals(ci[1], r.get(m + "_wer_high"), 1e-6, r.toString());
        }
        assertEquals(r.get("attention_wer_high") < r.get("baseline_wer_low") ? 1.0 : 0.0, r.get("attention_better"), r.toString());
    }

    // ------------------------------------------------------------------ headless, small parameters

    @ParameterizedTest(name = "{0} runs headless with small parameters")
    @MethodSource("notebooks")
    void runsHeadlessWithSmallParameters(Case c) throws Exception {
        Path in = Launcher.root().resolve("notebooks/" + c.name() + ".ipynb");
        Path out = tmp.resolve(c.name() + ".small.ipynb");
        List<String> args = new ArrayList<>(List.of("run", in.toString()));
        for (int i = 0; i < c.parameters().size(); i += 2) {
            args.addAll(List.of("-p", c.parameters().get(i), c.parameters().get(i + 1)));
        }
        args.addAll(List.of("-o", out.toString()));
        Launcher.Result run = Launcher.run(tmp, 240, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), c.name() + ": " + run.stderr());
        validate(out);
        JsonObject nb = read(out);
        assertExecutedCleanly(c.name(), nb);
        c.checks().check(results(c.name(), nb));
    }

    // ------------------------------------------------------------------ the committed notebooks

    @ParameterizedTest(name = "{0} is committed executed, and its outputs support its prose")
    @MethodSource("notebooks")
    void committedNotebookIsExecutedAndSupportsItsProse(Case c) throws Exception {
        Path nb = Launcher.root().resolve("notebooks/" + c.name() + ".ipynb");
        validate(nb);
        JsonObject json = read(nb);
        JsonObject kernelspec = json.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
        assertEquals("seqlab", kernelspec.get("name").getAsString());
        assertTrue(hasParametersCell(json), c.name() + " has a cell tagged 'parameters'");
        assertExecutedCleanly(c.name(), json);
        for (JsonElement cell : json.getAsJsonArray("cells")) {
            JsonObject o = cell.getAsJsonObject();
            if (o.get("cell_type").getAsString().equals("code")) {
                assertTrue(!o.get("execution_count").isJsonNull() || text(o.get("source")).isBlank(),
                        c.name() + ": every code cell was executed: " + text(o.get("source")));
            }
        }
        Map<String, Double> r = results(c.name(), json);
        c.checks().check(r);
        switch (c.name()) {
            case "01-forecasting" -> {
                // Prose: the levels model is caught by the trap; differencing is the remedy; the deep LSTM's charts are shown.
                assertTrue(r.get("air_levels_lstm_rmse") > r.get("air_levels_naive_rmse"), "levels trap: " + r);
                assertTrue(r.get("air_deep_lstm_rmse") < r.get("air_naive_rmse"), "the deep LSTM beats naive: " + r);
                assertTrue(allText(json).contains("it does not beat the naive forecast"), "the printed levels verdict");
                // Verdicts rest on the intervals over the seeds, and the printed ones follow from the printed numbers.
                assertTrue(r.get("seeds") >= 3, "committed with several seeds: " + r);
                String text = allText(json);
                for (String[] m : new String[][] {{"shallow LSTM ", "air_shallow_lstm"}, {"deep LSTM ", "air_deep_lstm"}, {"GRU ", "air_gru"}}) {
                    String line = text.lines().filter(l -> l.startsWith(m[0]) && l.contains("test RMSE") && l.contains("interval"))
                            .findFirst().orElseThrow(() -> new AssertionError("no verdict line for " + m[0] + " in " + text));
                    assertTrue(line.contains(verdict(r, m[1], r.get("air_naive_rmse"), "naive")), line + " / " + r);
                    assertTrue(line.contains(verdict(r, m[1], r.get("air_seasonal_naive_rmse"), "seasonal naive")), line + " / " + r);
                }
                assertTrue(text.contains("All 6 steps: LSTM test RMSE") && text.contains(verdict(r, "multi_lstm", r.get("multi_seasonal_naive_rmse"),
                        "seasonal naive")), text);
            }
            case "02-gradients" -> {
                // Prose: a model that remembers nothing can do no better than the average; gated cells carry the memory.
                assertTrue(r.get("lstm_rmse") < r.get("average_rmse") && r.get("gru_rmse") < r.get("average_rmse"), r.toString());
                assertTrue(r.get("lstm_rmse") < r.get("rnn_rmse") && r.get("gru_rmse") < r.get("rnn_rmse"), r.toString());
                // Prose: gated cells keep the gradient alive towards the window's first step.
                assertTrue(r.get("lstm_reach_first") > r.get("rnn_reach_first") && r.get("gru_reach_first") > r.get("rnn_reach_first"), r.toString());
                // The printed clipping verdicts follow from the intervals of the paired differences over the seeds.
                int n = r.get("replicates").intValue();
                String text = allText(json);
                String norms = r.get("clip_norm_diff_high") < 0 ? "clipNorm=1 has a lower largest epoch-mean gradient norm than clipNorm=off"
                        : r.get("clip_norm_diff_low") > 0 ? "clipNorm=1 has a higher largest epoch-mean gradient norm than clipNorm=off"
                        : "clipNorm=1 against clipNorm=off, largest epoch-mean gradient norm: no difference detectable with " + n + " seeds";
                assertTrue(text.contains(norms), norms + " in " + text);
                String errors = r.get("clip_rmse_diff_high") < 0 ? "clipNorm=1 has a lower test RMSE than clipNorm=off"
                        : r.get("clip_rmse_diff_low") > 0 ? "clipNorm=1 has a higher test RMSE than clipNorm=off"
                        : "clipNorm=1 against clipNorm=off, test RMSE: no difference detectable with " + n + " seeds";
                assertTrue(text.contains(errors), errors + " in " + text);
            }
            case "03-depth" -> {
                // Prose: depth costs parameters and time (medians over seeds), and a verdict is printed only when the
                // interval of the paired difference excludes zero; otherwise "no difference detectable with N seeds".
                assertTrue(r.get("plain_4_parameters") > r.get("plain_2_parameters") && r.get("plain_2_parameters") > r.get("plain_1_parameters"), r.toString());
                assertTrue(r.get("plain_4_seconds") > r.get("plain_1_seconds"), "four layers train slower than one: " + r);
                String text = allText(json);
                int n = r.get("replicates").intValue();
                assertTrue(n >= 3, "the committed run uses several seeds: " + r);
                String depthVerdict = r.get("depth_diff_high") < 0 ? "layers=4, remedies=plain has a lower test RMSE than layers=1, remedies=plain"
                        : r.get("depth_diff_low") > 0 ? "layers=4, remedies=plain has a higher test RMSE than layers=1, remedies=plain"
                        : "layers=4, remedies=plain against layers=1, remedies=plain, test RMSE: no difference detectable with " + n + " seeds";
                assertTrue(text.contains(depthVerdict), depthVerdict + " in " + text);
                String gapVerdict = r.get("gap_diff_high") < 0 ? "dropout=0.3 has a lower last-epoch gap"
                        : r.get("gap_diff_low") > 0 ? "dropout=0.3 has a higher last-epoch gap"
                        : "last-epoch gap (validation - training loss): no difference detectable with " + n + " seeds";
                assertTrue(text.contains(gapVerdict), gapVerdict + " in " + text);
            }
            case "04-sentiment" -> {
                between(r, "accuracy", 0.7, 1);
                // Prose: attention shown over the words of real sentences, right and wrong.
                String all = json.toString();
                assertTrue(all.contains("rgba(8,81,156"), "the word heatmap (text/html) is committed");
                assertTrue(allText(json).contains("truly negative, predicted positive") || allText(json).contains("truly positive, predicted negative"),
                        "a misclassified sentence is shown");
            }
            case "06-gates" -> assertTrue(r.get("lstm_rmse") < r.get("average_rmse"), "the LSTM solves the recall task: " + r);
            case "05-language-model" -> {
                // The verdict against the unigram rests on the interval over the seeds, and the printed one follows from
                // the printed interval: below the unigram's perplexity, above it, or "no difference detectable with N seeds".
                int n = r.get("replicates").intValue();
                assertTrue(n >= 3, "the committed run uses several seeds: " + r);
                String text = allText(json);
                String line = text.lines().filter(l -> l.startsWith("Mean test perplexity")).findFirst()
                        .orElseThrow(() -> new AssertionError("no verdict line in " + text));
                assertTrue(line.contains(String.format(java.util.Locale.ROOT, "(95%% interval %.2f to %.2f, %d seeds) against the unigram's %.2f",
                        r.get("perplexity_ci95_low"), r.get("perplexity_ci95_high"), n, r.get("unigram_perplexity"))), line + " / " + r);
                String verdict = r.get("perplexity_ci95_high") < r.get("unigram_perplexity") ? "context cuts the model's uncertainty"
                        : r.get("perplexity_ci95_low") > r.get("unigram_perplexity") ? "context does not help"
                        : "no difference detectable with " + n + " seeds";
                assertTrue(line.contains(verdict), verdict + " in " + line);
                // Prose: context helps (the committed run's interval lies below the unigram's perplexity).
                assertTrue(r.get("perplexity_ci95_high") < r.get("unigram_perplexity"), r.toString());
            }
            case "07-stocks" -> {
                // The printed verdict follows from the printed numbers: clearly better = the 95% interval over the seeds of
                // the test RMSE lies below both baselines and that of the t statistic below -2.
                double baseline = Math.min(r.get("naive_rmse"), r.get("drift_rmse"));
                boolean clearly = r.get("lstm_dax_rmse_ci_high") < baseline && r.get("lstm_dax_t_ci_high") < -2
                        || r.get("lstm_four_rmse_ci_high") < baseline && r.get("lstm_four_t_ci_high") < -2;
                assertEquals(clearly ? 1.0 : 0.0, r.get("clearly_beats_baselines"), r.toString());
                assertTrue(allText(json).contains(clearly ? "an LSTM clearly beats both baselines" : "neither LSTM clearly beats the naive forecast"),
                        "the printed verdict");
            }
            case "08-g2p" -> {
                // Prose: the printed lines and verdict are the Results' numbers; attention beats the baseline in the committed run.
                String text = allText(json);
                assertTrue(text.contains(String.format(java.util.Locale.ROOT, "Attention: PER %.2f%%, WER %.2f%%", 100 * r.get("attention_per"),
                        100 * r.get("attention_wer"))), text);
                assertTrue(text.contains(String.format(java.util.Locale.ROOT, "Baseline: PER %.2f%%, WER %.2f%%", 100 * r.get("baseline_per"),
                        100 * r.get("baseline_wer"))), text);
                assertTrue(text.contains(r.get("attention_better") == 1.0 ? "attention has the lower WER" : "no WER difference detectable"), text);
                assertTrue(r.get("attention_per") < r.get("baseline_per"), r.toString());
                assertTrue(json.toString().contains("image/png"), "the alignment heatmaps are committed");
            }
            case "09-adding" -> {
                String text = allText(json);
                assertTrue(text.contains(r.get("lstm_better") == 1.0 ? "the LSTM's test error is lower than the RNN's" : "no difference detectable")
                        || text.contains("the RNN's test error is lower"), text);
                // Prose: the LSTM learns the task (well below the average's 0.408).
                assertTrue(r.get("lstm_rmse_mean") < 0.2, r.toString());
            }
            default -> fail("no prose checks for " + c.name());
        }
    }

    @Test
    void readmeIndexesEveryNotebookWithItsTime() throws Exception {
        Path dir = Launcher.root().resolve("notebooks");
        String readme = Files.readString(dir.resolve("README.md"));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path nb : s.filter(p -> p.toString().endsWith(".ipynb") && !p.toString().endsWith(".out.ipynb") && p.getFileName().toString().matches("\\d\\d-.*")).toList()) {
                String name = nb.getFileName().toString();
                assertTrue(readme.contains("(" + name + ")"), "README links " + name);
            }
        }
        assertTrue(readme.contains("notebooks/run-all"), "README documents the one command");
    }

    // ------------------------------------------------------------------ real Jupyter

    @Test
    void sentimentRunsThroughRealJupyterWithTheInstalledKernel() throws Exception {
        Assumptions.assumeTrue(jupyterPresent(), "Debian's Jupyter (/usr/bin/jupyter, nbclient) is not installed");
        Path root = Launcher.root();
        Path prefix = tmp.resolve("jupyter");
        Launcher.Result install = Launcher.run(tmp, 240, "install", "--prefix", prefix.toString());
        assertEquals(0, install.exitCode(), install.stderr());
        Path out = tmp.resolve("04-sentiment.jupyter.ipynb");
        Exec e = exec(List.of(PYTHON.toString(), root.resolve("notebooks/execute.py").toString(), root.resolve("notebooks/04-sentiment.ipynb").toString(),
                "-o", out.toString(), "-p", "EPOCHS", "2", "--timeout", "240"),
                Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(), "JUPYTER_RUNTIME_DIR", prefix.resolve("runtime").toString(),
                        "PYDEVD_DISABLE_FILE_VALIDATION", "1"), 300);
        assertEquals(0, e.code(), e.output());
        validate(out);
        JsonObject nb = read(out);
        assertExecutedCleanly("04-sentiment via Jupyter", nb);
        Map<String, Double> r = results("04-sentiment via Jupyter", nb);
        between(r, "accuracy", 0.5, 1);
        between(r, "f1", 0, 1);
    }

    // ------------------------------------------------------------------ helpers

    private static void between(Map<String, Double> r, String key, double lo, double hi) {
        Double v = r.get(key);
        assertTrue(v != null, "no result '" + key + "' in " + r);
        assertTrue(Double.isFinite(v) && v >= lo && v <= hi, key + " = " + v + " is outside [" + lo + ", " + hi + "]");
    }

    private static boolean hasParametersCell(JsonObject nb) {
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject meta = c.getAsJsonObject().getAsJsonObject("metadata");
            if (meta != null && meta.has("tags")) {
                for (JsonElement t : meta.getAsJsonArray("tags")) {
                    if (t.getAsString().equals("parameters")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** No error output, at least one PNG, and every image non-trivial. */
    private static void assertExecutedCleanly(String name, JsonObject nb) {
        int pngs = 0;
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonArray outs = c.getAsJsonObject().getAsJsonArray("outputs");
            if (outs == null) {
                continue;
            }
            for (JsonElement o : outs) {
                JsonObject out = o.getAsJsonObject();
                String type = out.get("output_type").getAsString();
                if (type.equals("error")) {
                    fail(name + ": cell failed: " + out.get("ename") + ": " + out.get("evalue"));
                }
                if (out.has("data") && out.getAsJsonObject("data").has("image/png")) {
                    assertTrue(text(out.getAsJsonObject("data").get("image/png")).length() > 2000, name + ": a PNG with content");
                    pngs++;
                }
            }
        }
        assertTrue(pngs > 0, name + " shows at least one chart");
    }

    /** The notebook's verdict rule: an interval entirely below or above a baseline, else no difference detectable. */
    private static String verdict(Map<String, Double> r, String key, double baseline, String name) {
        if (r.get(key + "_rmse_hi") < baseline) {
            return "it beats the " + name + " forecast";
        }
        if (r.get(key + "_rmse_lo") > baseline) {
            return "it does not beat the " + name + " forecast";
        }
        return "no difference from the " + name + " forecast detectable with " + r.get("seeds").intValue() + " seeds";
    }

    /** The {@code name = value} lines printed by the notebook (its "Results" cell). */
    private static Map<String, Double> results(String name, JsonObject nb) {
        Map<String, Double> r = new LinkedHashMap<>();
        Matcher m = RESULT.matcher(allText(nb));
        while (m.find()) {
            r.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertTrue(!r.isEmpty(), name + " prints its results as 'name = value' lines");
        return r;
    }

    private static String allText(JsonObject nb) {
        StringBuilder b = new StringBuilder();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonArray outs = c.getAsJsonObject().getAsJsonArray("outputs");
            if (outs != null) {
                outs.forEach(o -> {
                    JsonObject out = o.getAsJsonObject();
                    if (out.get("output_type").getAsString().equals("stream")) {
                        b.append(text(out.get("text")));
                        if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                            b.append('\n');
                        }
                    }
                });
            }
        }
        return b.toString();
    }

    private static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
            return b.toString();
        }
        return e.getAsString();
    }

    private static JsonObject read(Path nb) throws IOException {
        return JsonParser.parseString(Files.readString(nb, StandardCharsets.UTF_8)).getAsJsonObject();
    }




}
