package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's view, end to end: Debian's classic {@code jupyter-notebook} server on 127.0.0.1
 * with the SeqLab kernel installed in a temporary prefix, driven the way the notebook page drives
 * it (REST for the notebook file and the session, the kernel's websocket for execute requests),
 * then the saved notebook opened in headless Chromium: its rendered DOM checked and a screenshot
 * taken (kept in {@code tests/target/browser/} to look at). In CI ({@code CI=true}) the server and
 * the browser must be installed ({@code .ci/run} does); elsewhere the test is skipped without them.
 */
class BrowserTest {

    private static final String KERNEL = "seqlab-browser-test";

    @TempDir
    static Path tmp;

    /** The notebook the "browser" creates and runs: a small training cell, its loss chart, a comparison table. */
    static List<String> cells(Path root) {
        String csv = root.resolve("datasets/airpassengers.csv").toString().replace("\\", "\\\\");
        return List.of(
                "var air = Series.csv(\"" + csv + "\", \"passengers_thousands\")\n"
                        + "        .windows(12).scale(Scaling.STANDARD).difference().split(0.7, 0.15);\n"
                        + "var run = Experiment.of(Stack.lstm(8), air).name(\"tiny LSTM\").adam(5e-3).epochs(4).batch(16).seed(1).train();\n"
                        + "run",
                "Plots.loss(run)",
                "Compare.of(run).table()");
    }

    @Test
    @Timeout(value = 480, unit = TimeUnit.SECONDS)
    void notebookServerRunsATrainingCellAndChromiumRendersIt() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean present = Files.isExecutable(NotebookServer.BINARY) && Files.isExecutable(Chromium.BINARY);
        if (ci && !present) {
            fail("CI=true but jupyter-notebook or chromium is missing: install the Debian packages jupyter-notebook and chromium (.ci/run does).");
        }
        Assumptions.assumeTrue(present, "Debian's jupyter-notebook and chromium are not installed");

        Path root = Path.of(System.getProperty("seqlab.root", "..")).toAbsolutePath().normalize();
        Path prefix = tmp.resolve("prefix");
        installKernel(root, prefix);

        List<ProcessHandle> tree;
        try (NotebookServer server = NotebookServer.start(tmp.resolve("server"), prefix.resolve("share/jupyter"), 90)) {
            // The page creates the notebook file, then a session for it, which starts the kernel.
            List<String> sources = cells(root);
            server.send("PUT", "/api/contents/reader.ipynb", contents(notebook(sources, List.of())));
            JsonObject session = server.send("POST", "/api/sessions", sessionRequest("reader.ipynb")).getAsJsonObject();
            String kernelId = session.getAsJsonObject("kernel").get("id").getAsString();

            List<JsonArray> outputs = new ArrayList<>();
            try (KernelSocket kernel = KernelSocket.connect(server, kernelId)) {
                KernelSocket.Reply info = kernel.until(kernel.send("kernel_info_request", new JsonObject()), 180);
                assertTrue(info.ok(), info.shellReply().toString());
                assertEquals("java", info.shellReply().getAsJsonObject("content").getAsJsonObject("language_info").get("name").getAsString());
                for (String code : sources) {
                    KernelSocket.Reply r = kernel.until(kernel.send("execute_request", executeRequest(code)), 240);
                    assertTrue(r.ok(), "cell failed:\n" + code + "\n" + r.shellReply() + "\n" + r.iopub());
                    assertEquals("busy", r.iopub().get(0).getAsJsonObject("content").get("execution_state").getAsString(),
                            "the first iopub message of an execution is status busy");
                    outputs.add(OutputArea.from(r.iopub(), r.shellReply().getAsJsonObject("content").get("execution_count").getAsInt()));
                }
            }

            // Cell 1: the run's summary (configuration, timing, test error) with its loss chart.
            List<String> runs = OutputArea.runSummaries(outputs.get(0));
            assertFalse(runs.isEmpty(), "the training cell shows its run: " + outputs.get(0));
            assertTrue(runs.get(0).contains("tiny LSTM") && runs.get(0).contains("test"), runs.get(0));
            List<String> images = OutputArea.images(outputs.get(0));
            assertFalse(images.isEmpty(), "the training cell shows a loss chart");
            // ... once: the live display ends as the run, and the cell's value does not repeat it.
            assertEquals(List.of(), OutputArea.repeats(outputs.get(0)), "the training cell shows each output once: " + outputs.get(0));
            assertEquals(1, runs.size(), "one run summary");
            // Cell 2: the loss chart as image/png, a real PNG at the charts' size.
            JsonObject data = outputs.get(1).get(0).getAsJsonObject().getAsJsonObject("data");
            BufferedImage chart = png(Base64.getDecoder().decode(OutputArea.text(data.get("image/png")).replace("\n", "")));
            assertEquals(720, chart.getWidth());
            assertEquals(420, chart.getHeight());
            // Cell 3: the comparison table as HTML.
            String table = OutputArea.text(outputs.get(2).get(0).getAsJsonObject().getAsJsonObject("data").get("text/html"));
            assertTrue(table.contains("<table") && table.contains("train_seconds"), table);
            assertFalse(Pattern.compile("\\d\\.\\d{6,}").matcher(table).find(), "numbers at readable precision, no raw doubles: " + table);

            // The page saves the outputs; then the reader opens the notebook in the browser.
            server.send("PUT", "/api/contents/reader.ipynb", contents(notebook(sources, outputs)));
            Chromium chromium = new Chromium(Files.createDirectories(tmp.resolve("chromium-profile")));
            String url = server.url("/notebooks/reader.ipynb");
            String dom = chromium.dom(url, 120);
            Path shots = Files.createDirectories(root.resolve("tests/target/browser"));
            Files.writeString(shots.resolve("reader-notebook.html"), dom);
            assertEquals(1, count(dom, "output_subarea output_png"), "the loss chart is rendered as one image output");
            assertEquals(1, count(dom, "Run[tiny LSTM]"), "the run summary is rendered once");
            assertEquals(2, count(dom, "<table class=\"seqlab-config\">"), "its model and data as key/value tables");
            assertTrue(count(dom, "<table class=\"seqlab-table\"") == 1, "the comparison table is rendered once");
            assertTrue(dom.contains("SeqLab (Java)"), "the page names the kernel");

            Path shot = shots.resolve("reader-notebook.png");
            Files.deleteIfExists(shot);
            chromium.screenshot(url, shot, 120);
            checkScreenshot(shot);
            tree = server.processTree();
        }
        // The server and the kernel it started are stopped.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(tree.stream().anyMatch(ProcessHandle::isAlive), "server or kernel still running: " + tree);
    }

    /** A screenshot is a PNG of the window's size, and it is not a blank page: a good part of it is ink. */
    static void checkScreenshot(Path shot) throws Exception {
        byte[] bytes = Files.readAllBytes(shot);
        assertTrue(bytes.length > 50_000, "screenshot only " + bytes.length + " bytes");
        BufferedImage img = png(bytes);
        assertEquals(Chromium.WIDTH, img.getWidth());
        assertEquals(Chromium.HEIGHT, img.getHeight());
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 600) {
                    ink++;
                }
            }
        }
        double fraction = ink / (img.getWidth() / 2.0 * img.getHeight() / 2.0);
        assertTrue(fraction > 0.01, "screenshot nearly blank: " + fraction + " of it dark");
    }

    static BufferedImage png(byte[] bytes) throws Exception {
        assertTrue(bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "not a PNG");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertTrue(img != null, "PNG does not decode");
        return img;
    }

    static int count(String text, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    private static void installKernel(Path root, Path prefix) throws Exception {
        Path jar = root.resolve("kernel/target/seqlab-kernel-0.1.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jar), "the kernel jar is built first (mvn verify packages kernel before tests): " + jar);
        Jupyter.Exec install = Jupyter.exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + ":" + root.resolve("kernel/target/lib") + "/*", "dev.seqlab.cli.Main",
                "install", "--prefix", prefix.toString(), "--name", KERNEL), Map.of(), 60);
        assertEquals(0, install.code(), install.output());
    }

    private static JsonObject notebook(List<String> sources, List<JsonArray> outputs) {
        JsonArray cells = new JsonArray();
        for (int i = 0; i < sources.size(); i++) {
            JsonObject c = new JsonObject();
            c.addProperty("cell_type", "code");
            c.addProperty("id", "cell-" + i);
            c.add("metadata", new JsonObject());
            c.addProperty("source", sources.get(i));
            c.add("outputs", i < outputs.size() ? outputs.get(i) : new JsonArray());
            if (i < outputs.size()) {
                c.addProperty("execution_count", i + 1);
            } else {
                c.add("execution_count", com.google.gson.JsonNull.INSTANCE);
            }
            cells.add(c);
        }
        JsonObject spec = new JsonObject();
        spec.addProperty("name", KERNEL);
        spec.addProperty("display_name", "SeqLab (Java)");
        spec.addProperty("language", "java");
        JsonObject meta = new JsonObject();
        meta.add("kernelspec", spec);
        JsonObject nb = new JsonObject();
        nb.add("cells", cells);
        nb.add("metadata", meta);
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        return nb;
    }

    private static JsonObject contents(JsonObject notebook) {
        JsonObject c = new JsonObject();
        c.addProperty("type", "notebook");
        c.addProperty("format", "json");
        c.add("content", notebook);
        return c;
    }

    private static JsonObject sessionRequest(String path) {
        JsonObject kernel = new JsonObject();
        kernel.addProperty("name", KERNEL);
        JsonObject s = new JsonObject();
        s.addProperty("path", path);
        s.addProperty("name", path);
        s.addProperty("type", "notebook");
        s.add("kernel", kernel);
        return s;
    }

    private static JsonObject executeRequest(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return c;
    }
}
