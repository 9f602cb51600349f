package dev.seqlab.trials;

import com.google.gson.JsonObject;
import dev.seqlab.notebook.Parameters;
import dev.seqlab.sweep.Sweep;
import dev.seqlab.sweep.Trial;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code seqlab sweep} was asked to do.
 *
 * @param notebook the notebook every trial runs
 * @param sweep the configurations and seeds (and how many trials run at once)
 * @param seedParam the parameter that receives the seed
 * @param threads libtorch intra-op threads per trial (same value everywhere, so results repeat)
 * @param timeout the longest a cell may run, in seconds, or null (as {@code seqlab run --timeout})
 * @param master a Spark master URL, or null to run trials in child JVMs here
 * @param out the output folder
 * @param resume whether to keep the trials a previous run of this sweep finished
 * @param ship files the trials read, as paths relative to the working folder (shipped to Spark executors)
 */
public record SweepPlan(Path notebook, Sweep sweep, String seedParam, int threads, Double timeout, String master, Path out,
        boolean resume, List<String> ship) {

    /** @return {@code out/trials} */
    public Path trialsDir() {
        return out.resolve("trials");
    }

    /**
     * The executed notebook of a trial.
     *
     * @param t the trial
     * @return {@code out/trials/ID.ipynb}
     */
    public Path notebookOf(Trial t) {
        return trialsDir().resolve(t.id() + ".ipynb");
    }

    /**
     * The parameters a trial injects: its grid values, then the seed under {@link #seedParam()}.
     *
     * @param t the trial
     * @return the parameters, as {@code seqlab run -p} would make them
     */
    public Parameters parameters(Trial t) {
        Parameters p = new Parameters();
        for (Map.Entry<String, Object> e : t.config().values().entrySet()) {
            p.add(e.getKey(), json(e.getValue()));
        }
        p.add(seedParam, Long.toString(t.seed()));
        return p;
    }

    /**
     * The parameters as a JSON object (what the output notebook's metadata records).
     *
     * @param t the trial
     * @return name to value
     */
    public JsonObject parametersJson(Trial t) {
        return parameters(t).json();
    }

    /** A scalar as the text {@code seqlab run -p} reads back to the same value. */
    static String json(Object v) {
        if (v instanceof String s) {
            return new com.google.gson.JsonPrimitive(s).toString();
        }
        return String.valueOf(v);
    }
}
