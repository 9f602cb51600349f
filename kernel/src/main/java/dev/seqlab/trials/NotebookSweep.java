package dev.seqlab.trials;

import dev.seqlab.notebook.RecordedValues;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.seqlab.SeqLabException;
import dev.seqlab.notebook.BadInputException;
import dev.seqlab.notebook.Notebook;
import dev.seqlab.runtime.AtomicFiles;
import dev.seqlab.sweep.Grid;
import dev.seqlab.sweep.Sweep;
import dev.seqlab.sweep.SweepProgress;
import dev.seqlab.sweep.SweepResult;
import dev.seqlab.sweep.Trial;
import dev.seqlab.sweep.TrialResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code seqlab sweep}: runs a notebook once per trial (configuration x seed) and collects what
 * each recorded. Trials run in child JVMs here, or as Spark tasks with {@code --master}. After each
 * trial the CSV files are rewritten atomically, so an interrupted sweep leaves usable tables, and
 * {@code --resume} keeps every trial whose notebook is complete and valid.
 */
public final class NotebookSweep {

    /** The sweep's own description in the output folder; {@code --resume} checks it. */
    static final String MANIFEST = "sweep.json";
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)+)\"");
    private static final long SHIP_LIMIT = 64L << 20;

    private NotebookSweep() {}

    /**
     * Reads a GRID.json file: an object mapping parameter names to lists of values.
     *
     * @param file the file
     * @return the grid
     * @throws BadInputException when the file is missing or not such an object
     */
    public static Grid readGrid(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Grid file " + file + " does not exist; give a JSON file such as {\"HIDDEN\": [16, 32]}.");
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(Files.readString(file));
        } catch (IOException | JsonParseException ex) {
            throw new BadInputException("Grid file " + file + " is not valid JSON; write an object such as {\"HIDDEN\": [16, 32]}.");
        }
        if (!e.isJsonObject() || e.getAsJsonObject().isEmpty()) {
            throw new BadInputException("Grid file " + file + " must hold an object of parameter names and value lists, such as {\"HIDDEN\": [16, 32]}.");
        }
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> a : e.getAsJsonObject().entrySet()) {
            JsonElement v = a.getValue();
            if (!v.isJsonArray() || v.getAsJsonArray().isEmpty()) {
                throw new BadInputException("Grid parameter '" + a.getKey() + "' in " + file + " must be a non-empty list of values, such as [16, 32].");
            }
            List<Object> values = new ArrayList<>();
            for (JsonElement x : v.getAsJsonArray()) {
                if (!x.isJsonPrimitive()) {
                    throw new BadInputException("Grid parameter '" + a.getKey() + "' in " + file + " holds " + x + "; values must be numbers, text or true/false.");
                }
                values.add(RecordedValues.value(x));
            }
            axes.put(a.getKey(), values);
        }
        try {
            return Grid.of(axes);
        } catch (SeqLabException ex) {
            throw new BadInputException(ex.getMessage());
        }
    }

    /**
     * Runs a sweep.
     *
     * @param plan what to run
     * @param console where progress goes
     * @return 0 when every trial ended ok, 1 when some failed or the sweep was stopped
     * @throws BadInputException for bad input (nothing is run then)
     */
    public static int run(SweepPlan plan, PrintStream console) {
        Notebook.read(plan.notebook()); // a clear sentence now for a missing or broken notebook
        List<Trial> trials = plan.sweep().trials();
        prepareFolder(plan);
        Map<String, TrialResult> done = new LinkedHashMap<>();
        if (plan.resume()) {
            for (Trial t : trials) {
                TrialResult r = TrialNotebook.read(plan.notebookOf(t), t, plan.parametersJson(t));
                if (r != null) {
                    done.put(t.id(), r);
                }
            }
            console.printf(Locale.ROOT, "seqlab sweep: resuming, %d of %d trials already done%n", done.size(), trials.size());
        }
        List<Trial> todo = trials.stream().filter(t -> !done.containsKey(t.id())).toList();
        console.printf(Locale.ROOT, "seqlab sweep: %s -> %s (%d trials to run, %d at a time, %d intra-op threads each%s)%n", plan.notebook(),
                plan.out(), todo.size(), plan.sweep().parallelism(), plan.threads(), plan.master() == null ? "" : ", on " + plan.master());
        long t0 = System.nanoTime();
        Sweep.Runner runner;
        AutoCloseable closer;
        if (plan.master() == null) {
            LocalTrials local = new LocalTrials(plan);
            runner = local;
            closer = local;
        } else {
            ClusterTrials.Session s = cluster(plan.master()).open(plan);
            runner = s;
            closer = s;
        }
        Object lock = new Object();
        Runnable save = () -> {
            synchronized (lock) {
                SweepFiles.write(plan.out(), plan.seedParam(), result(plan, trials, done, false, t0));
            }
        };
        save.run();
        // Ctrl-C: stop the trials still running; the tables on disk already hold every finished one.
        Thread hook = new Thread(() -> {
            try {
                closer.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }, "seqlab-sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        SweepProgress progress = new SweepProgress("sweep", todo.size(), console, List.of());
        try {
            plan.sweep().run(todo, runner, new Sweep.Listener() {
                @Override
                public void started(Trial t) {
                    progress.started(t);
                }

                @Override
                public void finished(TrialResult r) {
                    synchronized (lock) {
                        done.put(r.trial().id(), r);
                    }
                    save.run();
                    progress.finished(r);
                }
            });
        } finally {
            try {
                closer.close();
            } catch (Exception ignored) {
                // nothing left to stop
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        SweepResult result = result(plan, trials, done, done.size() == trials.size(), t0);
        SweepFiles.write(plan.out(), plan.seedParam(), result);
        long failed = result.failed().size();
        console.printf(Locale.ROOT, "seqlab sweep: wrote %s and %s (%d trials, %d failed%s, %.1f s)%n", plan.out().resolve("results.csv"),
                plan.out().resolve("summary.csv"), result.trials().size(), failed, result.complete() ? "" : ", not all run",
                (System.nanoTime() - t0) / 1e9);
        return failed == 0 && result.complete() ? 0 : 1;
    }

    private static SweepResult result(SweepPlan plan, List<Trial> trials, Map<String, TrialResult> done, boolean complete, long t0) {
        List<TrialResult> ordered = new ArrayList<>();
        for (Trial t : trials) {
            TrialResult r = done.get(t.id());
            if (r != null) {
                ordered.add(r);
            }
        }
        return new SweepResult("sweep", plan.sweep().parameters(), plan.sweep().configs(), plan.sweep().seeds(), ordered, complete,
                (System.nanoTime() - t0) / 1e9);
    }

    /** The output folder: new, or the same sweep's when resuming; never someone else's files. */
    private static void prepareFolder(SweepPlan plan) {
        Path manifest = plan.out().resolve(MANIFEST);
        JsonObject mine = manifest(plan);
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        try {
            if (Files.exists(manifest)) {
                if (!plan.resume()) {
                    throw new BadInputException("Output folder " + plan.out() + " already holds a sweep; add --resume to finish it, "
                            + "or give another -o folder.");
                }
                JsonElement theirs = JsonParser.parseString(Files.readString(manifest));
                if (!mine.equals(theirs)) {
                    throw new BadInputException("Output folder " + plan.out() + " holds a sweep of another notebook, grid or seeds; "
                            + "resume it with the same options, or give another -o folder.");
                }
            } else if (Files.isDirectory(plan.out()) && !isEmpty(plan.out())) {
                throw new BadInputException("Output folder " + plan.out() + " is not empty and holds no sweep; give a new or empty -o folder.");
            }
            Files.createDirectories(plan.trialsDir());
            AtomicFiles.writeString(manifest, gson.toJson(mine) + "\n");
        } catch (IOException | JsonParseException e) {
            throw new BadInputException("Output folder " + plan.out() + " cannot be used (" + e.getMessage() + "); give a writable folder.");
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static JsonObject manifest(SweepPlan plan) {
        JsonObject m = new JsonObject();
        m.addProperty("notebook", plan.notebook().toAbsolutePath().normalize().toString());
        JsonObject grid = new JsonObject();
        for (String p : plan.sweep().parameters()) {
            JsonArray a = new JsonArray();
            plan.sweep().configs().stream().map(c -> c.values().get(p)).distinct()
                    .forEach(v -> a.add(JsonParser.parseString(SweepPlan.json(v))));
            grid.add(p, a);
        }
        m.add("grid", grid);
        JsonArray configs = new JsonArray();
        plan.sweep().configs().forEach(c -> configs.add(c.label()));
        m.add("configurations", configs);
        JsonArray seeds = new JsonArray();
        for (long s : plan.sweep().seeds()) {
            seeds.add(s);
        }
        m.add("seeds", seeds);
        m.addProperty("seed_param", plan.seedParam());
        return m;
    }

    private static ClusterTrials cluster(String master) {
        for (ClusterTrials c : ServiceLoader.load(ClusterTrials.class)) {
            if (c.accepts(master)) {
                return c;
            }
        }
        throw new BadInputException("--master " + master + " needs SeqLab's Spark module, which is not on the class path; build it with "
                + "'mvn -B -pl spark -am package -DskipTests' (the launcher then adds spark/target/lib), or drop --master to run here.");
    }

    /**
     * The data files a notebook reads: string literals in its code cells that name an existing
     * file under the working folder, as relative paths (what a Spark executor needs beside it).
     *
     * @param notebook the notebook
     * @return relative paths, without repeats
     */
    public static List<String> filesRead(Path notebook) {
        Path cwd = Path.of("").toAbsolutePath();
        List<String> out = new ArrayList<>();
        Notebook nb = Notebook.read(notebook);
        for (JsonElement c : nb.cells()) {
            JsonObject cell = c.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            Matcher m = LITERAL.matcher(Notebook.source(cell));
            while (m.find()) {
                String s = m.group(1);
                try {
                    Path p = cwd.resolve(s).normalize();
                    if (p.startsWith(cwd) && Files.isRegularFile(p) && Files.size(p) <= SHIP_LIMIT) {
                        String rel = cwd.relativize(p).toString();
                        if (!out.contains(rel)) {
                            out.add(rel);
                        }
                    }
                } catch (RuntimeException | IOException ignored) {
                    // not a path
                }
            }
        }
        return out;
    }
}
