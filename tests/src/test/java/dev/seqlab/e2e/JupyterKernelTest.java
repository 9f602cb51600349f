package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged kernel through Debian's real Jupyter: install the kernelspec into a temporary
 * prefix, drive it with {@code jupyter_client}, and run {@code jupyter_kernel_test.KernelTests}.
 * In CI ({@code CI=true}) these tests must run and fail when Jupyter is missing; elsewhere they
 * are skipped without it.
 */
class JupyterKernelTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final String NAME = "seqlab-test";

    @TempDir
    static Path prefix;

    static Path root;
    static Path jupyterPath;

    /** Output and exit code of a finished process. */
    record Result(int code, String output) {}

    @BeforeAll
    static void installKernelspec() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean present = Files.isExecutable(JUPYTER) && Files.isExecutable(PYTHON)
                && exec(List.of(PYTHON.toString(), "-c", "import jupyter_client, jupyter_kernel_test"), Map.of(), null, 60).code() == 0;
        if (ci && !present) {
            fail("CI=true but Debian's Jupyter is missing: install jupyter-client and python3-jupyter-kernel-test (.ci/run does).");
        }
        Assumptions.assumeTrue(present, "Debian's Jupyter (/usr/bin/jupyter, jupyter_client, jupyter_kernel_test) is not installed");
        root = Path.of(System.getProperty("seqlab.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("kernel/target/seqlab-kernel-0.1.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jar), "the kernel jar is built first (mvn verify packages kernel before tests): " + jar);
        Result install = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + ":" + root.resolve("kernel/target/lib") + "/*", "dev.seqlab.cli.Main",
                "install", "--prefix", prefix.toString(), "--name", NAME), Map.of(), null, 240);
        assertEquals(0, install.code(), install.output());
        jupyterPath = prefix.resolve("share/jupyter");
    }

    static Map<String, String> jupyterEnv() {
        return Map.of("JUPYTER_PATH", jupyterPath.toString(),
                "JUPYTER_RUNTIME_DIR", prefix.resolve("runtime").toString(),
                "PYDEVD_DISABLE_FILE_VALIDATION", "1",
                "SEQLAB_KERNEL", NAME);
    }

    @Test
    void kernelspecIsInstalledAndListed() throws Exception {
        Path dir = jupyterPath.resolve("kernels").resolve(NAME);
        String json = Files.readString(dir.resolve("kernel.json"));
        assertTrue(json.contains("\"display_name\": \"SeqLab (Java)\""), json);
        assertTrue(json.contains("\"language\": \"java\""), json);
        assertTrue(json.contains("\"interrupt_mode\": \"message\""), json);
        assertTrue(json.contains("\"OMP_WAIT_POLICY\": \"passive\""), json);
        assertTrue(json.contains(System.getProperty("java.home")), json);
        assertTrue(json.contains("{connection_file}"), json);
        assertTrue(Files.size(dir.resolve("logo-64x64.png")) > 100);
        Result list = exec(List.of(JUPYTER.toString(), "kernelspec", "list", "--json"), jupyterEnv(), null, 60);
        assertEquals(0, list.code(), list.output());
        assertTrue(list.output().contains("\"" + NAME + "\""), list.output());
        // --user (the default) honours JUPYTER_DATA_DIR, as Jupyter does
        Path data = prefix.resolve("user-data");
        Result user = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", root.resolve("kernel/target/seqlab-kernel-0.1.0-SNAPSHOT.jar") + ":" + root.resolve("kernel/target/lib") + "/*",
                "dev.seqlab.cli.Main", "install", "--user", "--name", "seqlab-user-test", "--no-class-archive"),
                Map.of("JUPYTER_DATA_DIR", data.toString()), null, 60);
        assertEquals(0, user.code(), user.output());
        list = exec(List.of(JUPYTER.toString(), "kernelspec", "list", "--json"), Map.of("JUPYTER_DATA_DIR", data.toString()), null, 60);
        assertEquals(0, list.code(), list.output());
        assertTrue(list.output().contains("\"seqlab-user-test\""), list.output());
    }

    @Test
    void kernelStartsFromItsClassArchiveAndWithoutABrokenOne() throws Exception {
        Path dir = jupyterPath.resolve("kernels").resolve(NAME);
        Path archive = dir.resolve("seqlab-kernel.jsa");
        assertTrue(Files.size(archive) > 1_000_000, "install writes the class-data archive");
        List<String> argv = new ArrayList<>();
        com.google.gson.JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject()
                .getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        assertTrue(argv.contains("-XX:SharedArchiveFile=" + archive), argv.toString());
        // The kernel's own JVM with its archive: -Xshare:on fails unless the archive maps.
        List<String> jvm = new ArrayList<>(argv.subList(0, argv.indexOf("dev.seqlab.cli.Main")));
        List<String> strict = new ArrayList<>(jvm);
        strict.add(1, "-Xshare:on");
        strict.addAll(List.of("dev.seqlab.cli.Main", "--version"));
        Result on = exec(strict, Map.of(), null, 60);
        assertEquals(0, on.code(), on.output());
        // A broken or stale archive (a rebuilt jar, another JDK) costs speed, never the start.
        Path broken = prefix.resolve("broken.jsa");
        Files.write(broken, new byte[4096]);
        List<String> bad = new ArrayList<>();
        for (String a : jvm) {
            bad.add(a.equals("-XX:SharedArchiveFile=" + archive) ? "-XX:SharedArchiveFile=" + broken : a);
        }
        bad.addAll(List.of("dev.seqlab.cli.Main", "--version"));
        Result r = exec(bad, Map.of(), null, 60);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().startsWith("seqlab"), "nothing but the version is printed: " + r.output());
    }

    @Test
    void wireProtocolThroughJupyterClient() throws Exception {
        Result r = exec(List.of(PYTHON.toString(), root.resolve("tests/src/test/python/wire_protocol.py").toString(), NAME),
                jupyterEnv(), null, 300);
        System.out.println(r.output());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("TIMINGS"), r.output());
    }

    @Test
    void magicsAndImagesThroughJupyterClient() throws Exception {
        Result r = exec(List.of(PYTHON.toString(), root.resolve("tests/src/test/python/magics_and_images.py").toString(), NAME),
                jupyterEnv(), null, 300);
        System.out.println(r.output());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("ok   %vars gives an NDArray's shape"), r.output());
        assertTrue(r.output().contains("ok   a cell ending in a BufferedImage gives image/png"), r.output());
    }

    @Test
    void jupyterKernelTestConformanceSuite() throws Exception {
        Path dir = root.resolve("tests/src/test/python");
        Result r = exec(List.of(PYTHON.toString(), "-m", "unittest", "-v", "conformance"), jupyterEnv(), dir, 300);
        System.out.println(r.output());
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("OK"), r.output());
        // every test ran except test_pager (IPython's pager payload has no Java counterpart)
        List<String> skipped = r.output().lines().filter(l -> l.contains("... skipped")).toList();
        assertEquals(1, skipped.size(), r.output());
        assertTrue(skipped.get(0).startsWith("test_pager"), r.output());
    }

    static Result exec(List<String> command, Map<String, String> env, Path dir, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return new Result(124, "timed out after " + timeoutSeconds + " s: " + command + "\n"
                    + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }
}
