package dev.seqlab.train;

import ai.djl.engine.Engine;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.seqlab.model.Network;
import dev.seqlab.runtime.Torch;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What it takes to reproduce a run and trust its numbers: the whole configuration, seed and
 * thread count (bit-for-bit results need both), the data's source and sha256, the library
 * versions, timings and the results. Saved as {@code run.json} beside the checkpoint.
 *
 * @param name the experiment's name
 * @param experiment the experiment's full configuration, as printed
 * @param model the model declaration, as printed
 * @param parameters trainable parameter count
 * @param dataSource where the data came from
 * @param dataSha256 sha256 of the data source
 * @param data the data set's configuration, as printed
 * @param seed the seed
 * @param threads intra-op threads
 * @param epochsRun epochs actually run
 * @param bestEpoch the restored epoch
 * @param stopReason why training ended
 * @param trainSeconds training wall time
 * @param testMetrics metrics on the test part
 * @param versions SeqLab, DJL, PyTorch and Java versions
 * @param finishedAt ISO-8601 time training ended
 */
public record RunRecord(String name, String experiment, String model, long parameters, String dataSource, String dataSha256, String data,
        long seed, int threads, int epochsRun, int bestEpoch, String stopReason, double trainSeconds, Map<String, Double> testMetrics,
        Map<String, String> versions, String finishedAt) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    static RunRecord of(Experiment exp, Network net, int threads, Table history, Map<String, Double> metrics, double seconds, String stop,
            int bestEpoch) {
        return new RunRecord(exp.name(), exp.toString(), exp.stack().toString(), net.parameterCount(), exp.data().source(),
                exp.data().fingerprint(), exp.data().toString(), exp.seed(), threads, history.rowCount(), bestEpoch, stop, seconds,
                new LinkedHashMap<>(metrics), currentVersions(), Instant.now().toString());
    }

    /** @return the versions of SeqLab, DJL, PyTorch and Java in this JVM */
    public static Map<String, String> currentVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        String seqlab = RunRecord.class.getPackage().getImplementationVersion();
        v.put("seqlab", seqlab == null ? "dev" : seqlab);
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", Torch.engine().getVersion());
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return v;
    }

    /** @return the record as pretty-printed JSON */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Reads a record from JSON.
     *
     * @param json the text of a {@code run.json}
     * @return the record
     */
    public static RunRecord fromJson(String json) {
        return GSON.fromJson(json, RunRecord.class);
    }

    /** @return the fields that must match for two runs to be the same experiment on the same data */
    public List<Object> identity() {
        return List.of(experiment, dataSha256, seed, threads);
    }
}
