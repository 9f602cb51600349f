package dev.seqlab.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster for tests: a master and a worker, each its own JVM, bound to
 * 127.0.0.1, started from the module's target/lib (the worker launches executors from a
 * SPARK_HOME whose jars/ is that folder) and stopped with everything they started.
 */
final class StandaloneCluster implements AutoCloseable {

    static final List<String> OPENS = List.of("-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");

    final int port;
    final Path workDir;
    private final Path dir;
    private final Process master;
    private final Process worker;

    StandaloneCluster(Path dir, int workerCores) throws Exception {
        this.dir = dir;
        Path lib = Path.of("target/lib").toAbsolutePath();
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("target/lib is missing; build with mvn -pl spark -am package (it is made before the tests).");
        }
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve("jars"), lib);
        workDir = Files.createDirectories(dir.resolve("work")).toRealPath();
        port = freePort();
        int ui = freePort();
        master = start(home, "master.log", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(ui));
        Process w = null;
        try {
            waitFor(() -> accepts(port), 90, "the master to listen");
            w = start(home, "worker.log", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", Integer.toString(workerCores),
                    "--memory", "6g", "--work-dir", workDir.toString(), "--webui-port", Integer.toString(freePort()),
                    "spark://127.0.0.1:" + port);
            // The master's status page says when the worker has registered.
            waitFor(() -> status(ui).replace(" ", "").contains("\"aliveworkers\":1"), 90, "the worker to register");
        } catch (Exception | AssertionError e) {
            stop(w);
            stop(master);
            throw e;
        }
        worker = w;
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    private Process start(Path home, String logName, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(OPENS);
        cmd.addAll(List.of("-cp", Path.of("target/lib").toAbsolutePath() + "/*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13"); // the launcher library asks; a SPARK_HOME without a build tree cannot say
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        return pb.start();
    }

    private static String status(int uiPort) {
        try (var in = new java.net.URL("http://127.0.0.1:" + uiPort + "/json/").openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "";
        }
    }

    /** @return the executor JVMs the worker runs now (its children working in its work folder) */
    List<ProcessHandle> executors() {
        return worker.descendants().filter(p -> cwd(p).map(d -> d.startsWith(workDir)).orElse(false)).toList();
    }

    private static Optional<Path> cwd(ProcessHandle p) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * An executor JVM running a trial: its log (stderr in its working folder) shows the notebook
     * runner at work; the process is the worker's child whose working folder that is.
     *
     * @param oldApps application folders of earlier sweeps, whose executors may still be ending
     * @return the executor's process, if one is running a trial now
     */
    Optional<ProcessHandle> executorRunningATrial(List<Path> oldApps) throws IOException {
        List<Path> busy;
        try (Stream<Path> s = Files.walk(workDir)) {
            busy = new ArrayList<>();
            for (Path f : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                if (!oldApps.contains(f.getParent().getParent()) && Files.readString(f).contains("seqlab trial ")) {
                    busy.add(f.getParent().toRealPath());
                }
            }
        }
        for (ProcessHandle p : executors()) {
            if (cwd(p).map(busy::contains).orElse(false)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** @return the application folders in the work folder now */
    List<Path> apps() throws IOException {
        try (Stream<Path> s = Files.list(workDir)) {
            return s.toList();
        }
    }

    /** @return how many trial starts the executors have logged so far (a retried trial counts twice) */
    int trialStarts() throws IOException {
        int n = 0;
        try (Stream<Path> s = Files.walk(workDir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                n += (int) Files.readString(f).lines().filter(l -> l.startsWith("seqlab trial ")).count();
            }
        }
        return n;
    }

    @Override
    public void close() {
        stop(worker);
        stop(master);
    }

    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c, int seconds, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (c.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out after " + seconds + " s waiting for " + what);
    }
}
