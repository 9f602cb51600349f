package dev.seqlab.bench;

import ai.djl.engine.Engine;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import dev.seqlab.runtime.Torch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Java side of the benchmark: reads one JSON request per line on standard input and answers
 * one JSON line on standard output, so the driver can alternate it with the Python worker in
 * one warm process each. Everything else the libraries print goes to standard error.
 *
 * <p>Requests: {@code {"op":"info"}}; {@code {"op":"train","stack":"dsl"|"djl","cfg":{...},
 * "steps":N,"warmup":W}}; {@code {"op":"infer",...}} alike; {@code {"op":"sgemm","n":1024,
 * "reps":R,"warmup":W}}; {@code {"op":"memory","runs":20}}; {@code {"op":"overheads","cfg":{...},"reps":R}}; {@code {"op":"quit"}}. Answers
 * carry {@code "ms"} (times in milliseconds) or the probe's values, or {@code "error"}.
 */
public final class Worker {

    private static final Gson GSON = new Gson();
    private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

    private Worker() {}

    /**
     * Runs the request loop.
     *
     * @param args {@code --threads N} (libtorch intra-op threads, default 2), or
     *     {@code --native-env} alone: print the environment SeqLab's launcher gives its JVMs
     *     ({@link dev.seqlab.runtime.NativeEnv}) as NAME=VALUE lines and exit, so that the driver
     *     starts the Java workers as the product runs
     * @throws Exception on an I/O failure of standard input
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--native-env")) {
            dev.seqlab.runtime.NativeEnv.RECOMMENDED.forEach((k, v) -> System.out.println(k + "=" + v));
            return;
        }
        int threads = 2;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--threads")) {
                threads = Integer.parseInt(args[i + 1]);
            }
        }
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Torch.engine();
        Torch.threads(threads);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> req = GSON.fromJson(line, MAP);
            if ("quit".equals(req.get("op"))) {
                break;
            }
            Map<String, Object> res;
            try {
                res = handle(req, threads);
            } catch (RuntimeException e) {
                // One line, causes chained: the driver stops on it and names this worker's stderr log.
                String why = describe(e);
                System.err.println("worker: request " + req.get("op") + " failed: " + why);
                res = new LinkedHashMap<>();
                res.put("error", why);
            }
            protocol.println(GSON.toJson(res));
        }
    }

    /** @return the exception and its causes, as {@code Type: message; caused by Type: message} */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(b.length() == 0 ? "" : "; caused by ").append(t);
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> handle(Map<String, Object> req, int threads) {
        String op = (String) req.get("op");
        Map<String, Object> res = new LinkedHashMap<>();
        int steps = intOf(req, "steps", 10);
        int warmup = intOf(req, "warmup", 3);
        long seed = intOf(req, "seed", 42);
        switch (op) {
            case "info" -> {
                res.put("engine", Torch.describe());
                res.put("pytorch", Engine.getEngine(Torch.ENGINE).getVersion());
                res.put("djl", Engine.getDjlVersion());
                res.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
                res.put("threads", Torch.threads());
            }
            case "train", "infer" -> {
                Shape3 c = Shape3.of((Map<String, Object>) req.get("cfg"));
                // A request may name its own thread count (bench/probe.py compares them in one process).
                threads = intOf(req, "threads", threads);
                boolean dsl = "dsl".equals(req.get("stack"));
                String stack = (String) req.get("stack");
                DjlBench.variant = stack.startsWith("djl-") ? stack.substring(4) : "fused";
                double[][] ms;
                if (op.equals("train")) {
                    ms = dsl ? DslBench.train(c, steps, warmup, threads, seed) : DjlBench.train(c, steps, warmup, threads, seed);
                } else {
                    ms = dsl ? DslBench.infer(c, steps, warmup, threads, seed) : DjlBench.infer(c, steps, warmup, threads, seed);
                }
                res.put("ms", ms[0]);
                res.put("cpu", ms[1]);
                if (ms.length > 2) {
                    res.put("threadsUsed", (int) ms[2][0]);
                }
                res.put("rssMiB", MemoryProbe.rssMiB());
            }
            case "sgemm" -> res.put("ms", Sgemm.run(intOf(req, "n", 1024), steps, warmup, threads));
            case "memory" -> res.putAll(MemoryProbe.run(intOf(req, "runs", 20), threads, Boolean.TRUE.equals(req.get("close"))));
            case "jshell" -> res.putAll(JShellProbe.run(intOf(req, "reps", 100)));
            case "overheads" -> res.putAll(Overheads.run(Shape3.of((Map<String, Object>) req.get("cfg")), intOf(req, "reps", 200), threads));
            default -> res.put("error", "unknown op " + op);
        }
        return res;
    }

    private static int intOf(Map<String, Object> m, String k, int dflt) {
        Object v = m.get(k);
        return v == null ? dflt : ((Number) v).intValue();
    }
}
