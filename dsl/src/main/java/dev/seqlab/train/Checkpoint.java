package dev.seqlab.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
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
import java.util.Comparator;
import java.util.Map;
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

    static Path save(Run run, Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path staging = parent.resolve("." + target.getFileName() + ".saving");
        Path old = parent.resolve("." + target.getFileName() + ".old");
        try {
            Files.createDirectories(parent);
            deleteTree(staging);
            Files.createDirectories(staging);
            AtomicFiles.write(staging.resolve(PARAMS), out -> {
                DataOutputStream dos = new DataOutputStream(out);
                run.block().saveParameters(dos);
                dos.flush();
            });
            AtomicFiles.write(staging.resolve(HISTORY), out -> run.history().write().csv(out));
            Meta meta = new Meta(FORMAT, run.record(), StackCodec.of(run.network().stack()), run.network().spec(), run.bestEpoch(),
                    run.stopReason(), run.trainSeconds(), run.threads(), run.testMetrics());
            AtomicFiles.writeString(staging.resolve(META), GSON.toJson(meta));
            deleteTree(old);
            if (Files.exists(target)) {
                Files.move(target, old);
            }
            Files.move(staging, target);
            deleteTree(old);
            return target;
        } catch (IOException e) {
            throw new SeqLabException("Could not save the run to " + target + " (" + e.getMessage() + "); check that the folder is writable.", e);
        }
    }

    static Run load(Path dir, SequenceData data) {
        Path d = dir.toAbsolutePath().normalize();
        SeqLabException.check(Files.isRegularFile(d.resolve(META)) && Files.isRegularFile(d.resolve(PARAMS)),
                "%s is not a saved run (no %s and %s); give the folder that run.save(dir) wrote.", d, META, PARAMS);
        Meta meta;
        try {
            meta = GSON.fromJson(Files.readString(d.resolve(META), StandardCharsets.UTF_8), Meta.class);
        } catch (IOException | JsonParseException e) {
            throw new SeqLabException("Could not read " + d.resolve(META) + "; the checkpoint is damaged, save the run again.", e);
        }
        SeqLabException.check(meta != null && meta.format() == FORMAT, "%s has an unknown checkpoint format; save the run again with this SeqLab.",
                d.resolve(META));
        if (data != null) {
            SeqLabException.check(data.fingerprint().equals(meta.record().dataSha256()),
                    "The data given to Run.load is not the data this run was trained on (sha256 differs); load the same file as %s.",
                    meta.record().dataSource());
            SeqLabException.check(data.spec().equals(meta.spec()),
                    "The data given to Run.load is prepared differently from the run's (%s); prepare it as in the run's record.", meta.spec());
        }
        Network net = meta.stack().toStack().build(meta.spec());
        NDManager manager = Torch.engine().newBaseManager();
        try {
            net.initialize(manager);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(d.resolve(PARAMS)))) {
                net.block().loadParameters(manager, new DataInputStream(in));
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

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }
}
