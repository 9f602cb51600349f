package dev.seqlab.jupyter;

import dev.seqlab.engine.EvalResult;
import dev.seqlab.engine.Outputs;
import dev.seqlab.engine.SeqLabEngine;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel JVM's class-data archive (JDK application class-data sharing): the classes a kernel
 * loads to start and run its first cell (javac, JShell, the wire protocol, SeqLab's engine),
 * parsed and verified once at install time and mapped from the archive at every later start.
 *
 * <p>Why: from {@code start_kernel} to the first result a kernel spent most of its time loading
 * and verifying some 6,000 classes, javac's most of all, before the first cell could compile.
 *
 * <p>{@code seqlab install} writes the archive next to the kernelspec (a file SeqLab owns) by
 * running {@link Training} in a JVM with {@code -XX:ArchiveClassesAtExit}, and the kernelspec
 * names it with {@code -XX:SharedArchiveFile} only when that worked. The JVM checks the archive
 * at start against its own version and the class path's jars; when the archive is missing or
 * stale (a rebuilt jar, another JDK) it starts without it, as before, only slower.
 */
public final class KernelClassArchive {

    /** The archive's file name inside the kernelspec folder. */
    public static final String FILE_NAME = "seqlab-kernel.jsa";

    private KernelClassArchive() {}

    /**
     * Writes the archive for a kernel started with {@code jvmOptions} and {@code classPath}.
     *
     * @param archive where it goes (replaced only when the new one is complete)
     * @param javaBin the {@code java} executable the kernelspec starts
     * @param jvmOptions the kernel's JVM options (those that shape the archive must match)
     * @param classPath the kernel's class path, exactly as the kernelspec passes it
     * @param env the kernel's environment additions
     * @param timeoutSeconds how long the training run may take
     * @return null when written, else why not (one sentence)
     */
    public static String write(Path archive, String javaBin, List<String> jvmOptions, String classPath, Map<String, String> env,
            long timeoutSeconds) {
        Path tmp = archive.resolveSibling("." + archive.getFileName() + ".tmp");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        cmd.addAll(jvmOptions);
        cmd.add("-XX:ArchiveClassesAtExit=" + tmp);
        cmd.add("-Xlog:cds=off");
        cmd.add("-Xlog:cds+dynamic=off");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Training.class.getName());
        try {
            Files.deleteIfExists(tmp);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Path log = Files.createTempFile("seqlab-archive", ".log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "the training run took longer than " + timeoutSeconds + " s";
                }
                if (p.exitValue() != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                    List<String> lines = Files.readAllLines(log);
                    return "the training run failed (exit " + p.exitValue() + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)) + ")";
                }
            } finally {
                Files.deleteIfExists(log);
            }
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return null;
        } catch (IOException e) {
            return "it could not be written (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the training run was interrupted";
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless: the next install replaces it
            }
        }
    }

    /**
     * The JVM options that map the archive at start. The JVM's own notes about the archive are
     * turned off: a stale archive (after a rebuild of SeqLab's jars) would otherwise print a
     * warning at every start, although the JVM then simply starts without it.
     *
     * @param archive the archive
     * @return the options
     */
    public static List<String> options(Path archive) {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * The training run: what a kernel does from start to its first results. It binds the wire
     * protocol's sockets on free local ports and closes them, starts an engine, and evaluates a
     * trivial cell and a DSL cell; the JVM then writes the classes it loaded to the archive.
     */
    public static final class Training {

        private Training() {}

        /**
         * Entry point of the training JVM.
         *
         * @param args ignored
         * @throws Exception when a step fails (then no archive is installed)
         */
        public static void main(String[] args) throws Exception {
            System.setProperty("java.awt.headless", "true");
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            String json = "{\"transport\":\"tcp\",\"ip\":\"127.0.0.1\",\"signature_scheme\":\"hmac-sha256\",\"key\":\"training\","
                    + "\"control_port\":" + freePort() + ",\"shell_port\":" + freePort() + ",\"stdin_port\":" + freePort()
                    + ",\"hb_port\":" + freePort() + ",\"iopub_port\":" + freePort() + "}";
            SeqLabKernel kernel = new SeqLabKernel();
            KernelConnection connection = new KernelConnection(KernelConnectionProperties.parse(json));
            kernel.becomeHandlerForConnection(connection);
            connection.connect();
            kernel.getBanner();
            SeqLabEngine engine = SeqLabEngine.create();
            check(engine.eval("1+1", Outputs.NONE));
            check(engine.eval("int answer = 6 * 7;\nString s = \"x\" + answer;", Outputs.NONE));
            check(engine.eval("var stack = Stack.lstm(8).layers(2);\nstack.toString()", Outputs.NONE));
            // The JVM writes the archive as it exits; the sockets are left to the exit (closing
            // them first could wait on the wire library's linger).
            System.exit(0);
        }

        private static void check(EvalResult r) {
            if (!r.ok()) {
                throw new IllegalStateException("a training cell failed: " + r.evalue());
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }

    /**
     * The archive path for a kernelspec folder.
     *
     * @param kernelSpecDir the folder holding {@code kernel.json}
     * @return the archive's path
     */
    public static Path in(Path kernelSpecDir) {
        return kernelSpecDir.resolve(FILE_NAME);
    }
}
