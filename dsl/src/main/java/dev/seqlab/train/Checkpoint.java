package dev.seqlab.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.SequenceData;
import dev.seqlab.model.Network;
import dev.seqlab.runtime.AtomicFiles;
import dev.seqlab.runtime.Torch;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Saves a run as a folder ({@code model.params}, {@code history.csv}, {@code run.json}) and
 * loads it back. The folder is assembled beside the target and swapped in by renaming, so a
 * crash leaves either the old checkpoint or the new one, never a mix.
 */
final class Checkpoint {

    static final String PARAMS = "model.params";
    static final String HISTORY = "history.csv";
    static final String META = "run.json";
    private static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** The JSON written to {@code run.json}. */
    record Meta(int format, RunRecord record, StackCodec stack, DataSpec spec, int bestEpoch, String stopReason, double trainSeconds,
            int threads, Map<String, Double> testMetrics) {}

    private Checkpoint() {}

    /**
     * Writes the checkpoint into a fresh staging folder beside the target and swaps it in with two
     * renames (target to backup, staging to target), then removes the backup. Nothing is deleted
     * that SeqLab did not write: the target must be missing, empty or an earlier checkpoint, and the
     * backup and stale staging folders are removed only when they hold nothing but checkpoint files.
     */
    static Path save(Run run, Path dir) {
        Path target = destination(dir);
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        Path old = backupOf(target);
        requireReplaceable(target);
        requireReplaceable(old);
        Path staging = null;
        try {
            Files.createDirectories(parent);
            removeStaleStaging(parent, name);
            staging = createStaging(parent, name);
            if (Files.isDirectory(target)) {
                copyMode(target, staging);
            }
            AtomicFiles.write(staging.resolve(PARAMS), out -> {
                DataOutputStream dos = new DataOutputStream(out);
                run.block().saveParameters(dos);
                dos.flush();
            });
            AtomicFiles.write(staging.resolve(HISTORY), out -> run.history().write().csv(out));
            Meta meta = new Meta(FORMAT, run.record(), StackCodec.of(run.network().stack()), run.network().spec(), run.bestEpoch(),
                    run.stopReason(), run.trainSeconds(), run.threads(), run.testMetrics());
            AtomicFiles.writeString(staging.resolve(META), GSON.toJson(meta));
            for (String file : List.of(PARAMS, HISTORY, META)) {
                if (Files.isRegularFile(target.resolve(file))) {
                    copyMode(target.resolve(file), staging.resolve(file));
                }
            }
            if (Files.exists(target)) {
                // A backup beside a complete target is a leftover of a crash after the second rename.
                removeCheckpoint(old);
                Files.move(target, old);
            }
            // A crash here leaves only the backup; load() finds and uses it.
            Files.move(staging, target);
            staging = null;
            removeCheckpoint(old);
            return target;
        } catch (IOException e) {
            throw new SeqLabException("Could not save the run to " + target + " (" + e.getMessage() + "); check that the folder is writable.", e);
        } finally {
            if (staging != null) {
                try {
                    removeCheckpoint(staging);
                } catch (IOException ignored) {
                    // a hidden staging folder of our own; the next save of this target removes it
                }
            }
        }
    }

    /** The absolute target folder, a symbolic link followed; refuses the working folder, its ancestors and files. */
    private static Path destination(Path dir) {
        SeqLabException.check(dir != null, "The folder is null; give run.save a folder name such as \"checkpoint\".");
        Path target = dir.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        SeqLabException.check(!target.equals(cwd), "run.save(\"%s\") would replace the working folder %s; give it a folder of its own, such as \"checkpoint\".",
                dir, cwd);
        SeqLabException.check(target.getParent() != null && !cwd.startsWith(target),
                "run.save(\"%s\") would replace %s, which holds the working folder; give it a folder of its own, such as \"checkpoint\".", dir, target);
        if (Files.isSymbolicLink(target)) {
            try {
                // Save where the link points, so the user's link stays a link.
                target = target.toRealPath();
            } catch (IOException e) {
                throw new SeqLabException(target + " is a link to a missing folder; create the folder it points to or save elsewhere.", e);
            }
        }
        SeqLabException.check(!Files.exists(target) || Files.isDirectory(target),
                "%s is a file, not a folder; give run.save a folder name, such as %s.", target, target.resolveSibling(target.getFileName() + "-checkpoint"));
        return target;
    }

    /**
     * Reads {@code run.json}, first checking that every field the loader uses is there (Gson would
     * leave a missing one null, and the load would end in a NullPointerException).
     */
    private static Meta readMeta(Path file) {
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            SeqLabException.check(parsed.isJsonObject(), "%s is damaged (not a JSON object); save the run again from the notebook that trained it.",
                    file);
            json = parsed.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new SeqLabException("Could not read " + file + "; the checkpoint is damaged, save the run again.", e);
        }
        SeqLabException.check(json.has("format") && json.get("format").isJsonPrimitive() && json.get("format").getAsJsonPrimitive().isNumber()
                && json.get("format").getAsInt() == FORMAT, "%s has an unknown checkpoint format; save the run again with this SeqLab.", file);
        String missing = missing(json, Meta.class, "");
        SeqLabException.check(missing == null, "%s is damaged (no '%s'); save the run again from the notebook that trained it.", file, missing);
        Meta meta;
        try {
            meta = GSON.fromJson(json, Meta.class);
        } catch (RuntimeException e) {
            // a value of the wrong type, or a data spec that breaks its invariants
            throw new SeqLabException(file + " is damaged (" + innermost(e) + "); save the run again from the notebook that trained it.", e);
        }
        String bad = meta.stack().problem();
        SeqLabException.check(bad == null, "%s is damaged (%s); save the run again from the notebook that trained it.", file, bad);
        return meta;
    }

    /** The first record component (depth first, dotted) that the JSON lacks or holds as null; null when all are there. */
    private static String missing(JsonObject json, Class<?> type, String prefix) {
        for (RecordComponent c : type.getRecordComponents()) {
            JsonElement e = json.get(c.getName());
            if ((e == null || e.isJsonNull()) && c.isAnnotationPresent(MayBeAbsent.class)) {
                continue; // the record's own problem() says which of these must be there
            }
            if (e == null || e.isJsonNull()) {
                return prefix + c.getName();
            }
            if (c.getType().isRecord()) {
                if (!e.isJsonObject()) {
                    return prefix + c.getName();
                }
                String inner = missing(e.getAsJsonObject(), c.getType(), prefix + c.getName() + ".");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    }

    private static Map<String, Shape> shapes(Network net) {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.block().getParameters()) {
            out.put(p.getKey(), p.getValue().isInitialized() ? p.getValue().getArray().getShape() : null);
        }
        return out;
    }

    /** The hidden backup a save keeps while it swaps folders: {@code .NAME.old} beside the target. */
    static Path backupOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".old");
    }

    /** Whether a name is one a checkpoint folder holds: its three files or their temporary files. */
    private static boolean isCheckpointFile(String name) {
        return name.equals(PARAMS) || name.equals(HISTORY) || name.equals(META) || AtomicFiles.isTempName(name);
    }

    /** Refuses a folder that holds anything a save did not write; a missing or empty folder is fine. */
    private static void requireReplaceable(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        SeqLabException.check(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS),
                "%s is a file, not a folder; give run.save a folder name, such as %s.", dir, dir.resolveSibling(dir.getFileName() + "-checkpoint"));
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                String n = p.getFileName().toString();
                if (!isCheckpointFile(n) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    foreign.add(n);
                }
            });
        } catch (IOException e) {
            throw new SeqLabException("Could not list " + dir + " (" + e.getMessage() + "); check that the folder is readable.", e);
        }
        if (!foreign.isEmpty()) {
            Collections.sort(foreign);
            String shown = String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", ..." : "");
            throw new SeqLabException("Folder " + dir + " holds files that are not a SeqLab checkpoint (" + shown
                    + "); save the run to a new or empty folder, such as " + dir.resolve("checkpoint") + ".");
        }
    }

    /** Deletes a checkpoint folder file by file (only the names a save writes); a folder with anything else stays. */
    private static void removeCheckpoint(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (isCheckpointFile(p.getFileName().toString()) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                }
            }
        }
        try {
            Files.delete(dir);
        } catch (DirectoryNotEmptyException e) {
            // something not ours appeared in it: it is the user's now, leave it
        }
    }

    private static final String STAGING = ".saving.";

    /** A fresh staging folder {@code .NAME.saving.PID.N}, created with the umask's default mode. */
    private static Path createStaging(Path parent, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int i = 0; ; i++) {
            Path p = parent.resolve("." + name + STAGING + pid + "." + i);
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                // another save in this process, or a leftover: take the next number
            }
        }
    }

    /** Removes staging folders of this target left by a process that no longer runs (kill -9 during a save). */
    private static void removeStaleStaging(Path parent, String name) throws IOException {
        Pattern ours = Pattern.compile(Pattern.quote("." + name + STAGING) + "(\\d+)\\.\\d+");
        try (Stream<Path> list = Files.list(parent)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (m.matches() && !AtomicFiles.isAlive(Long.parseLong(m.group(1)))) {
                    removeCheckpoint(p);
                }
            }
        }
    }

    private static void copyMode(Path from, Path to) {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the default mode is all we can give
        }
    }

    static Run load(Path dir, SequenceData data) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(d.resolve(META)) && Files.isRegularFile(backupOf(d).resolve(META))) {
            // A save was killed between its two renames: the previous checkpoint sits in the backup.
            d = backupOf(d);
        }
        SeqLabException.check(Files.isRegularFile(d.resolve(META)) && Files.isRegularFile(d.resolve(PARAMS)),
                "%s is not a saved run (no %s and %s); give the folder that run.save(dir) wrote.", d, META, PARAMS);
        Meta meta = readMeta(d.resolve(META));
        if (data != null) {
            SeqLabException.check(data.fingerprint().equals(meta.record().dataSha256()),
                    "The data given to Run.load is not the data this run was trained on (sha256 differs); load the same file as %s.",
                    meta.record().dataSource());
            SeqLabException.check(data.spec().equals(meta.spec()),
                    "The data given to Run.load is prepared differently from the run's (%s); prepare it as in the run's record.", meta.spec());
        }
        Network net;
        try {
            net = meta.stack().toStack().build(meta.spec());
        } catch (SeqLabException e) {
            throw new SeqLabException(d.resolve(META) + " is damaged (" + e.getMessage() + "); save the run again from the notebook that trained it.", e);
        }
        NDManager manager = Torch.engine().newBaseManager();
        try {
            net.initialize(manager);
            Map<String, Shape> declared = shapes(net);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(d.resolve(PARAMS)))) {
                net.block().loadParameters(manager, new DataInputStream(in));
            }
            // DJL takes the shapes from the weights file: sizes in run.json that disagree load silently and fail at the first forward.
            Map<String, Shape> loaded = shapes(net);
            for (Map.Entry<String, Shape> e : declared.entrySet()) {
                Shape got = loaded.get(e.getKey());
                SeqLabException.check(e.getValue().equals(got),
                        "The weights in %s do not fit the model that run.json describes (parameter '%s' has shape %s, the model needs %s); "
                                + "the checkpoint is damaged, save the run again from the notebook that trained it.",
                        d, e.getKey(), got, e.getValue());
            }
            Table history = Table.read().csv(CsvReadOptions.builder(d.resolve(HISTORY).toFile()).tableName("history").build());
            return Run.loaded(meta.record(), data, net, manager, history, meta.bestEpoch(), meta.stopReason(), meta.trainSeconds(),
                    meta.threads(), meta.testMetrics());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            if (e instanceof SeqLabException) {
                throw (SeqLabException) e;
            }
            throw new SeqLabException("Could not load the weights in " + d + "; the checkpoint is damaged or from another model, save the run again.", e);
        }
    }
}
