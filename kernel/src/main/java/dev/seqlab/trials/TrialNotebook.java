package dev.seqlab.trials;

import dev.seqlab.notebook.RecordedValues;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.seqlab.notebook.Notebook;
import dev.seqlab.sweep.Trial;
import dev.seqlab.sweep.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An executed trial notebook ({@code DIR/trials/ID.ipynb}) read back into a trial result: status,
 * seconds and recorded values from {@code metadata.seqlab}. Fresh and resumed trials are read the
 * same way, so a resumed sweep's tables equal an uninterrupted one's.
 */
public final class TrialNotebook {

    private TrialNotebook() {}

    /**
     * The result stored in a trial's notebook, when the notebook is complete and valid: it parses,
     * the run ended (ok or with an error, not cut off), and it ran with this trial's parameters.
     *
     * @param file the executed notebook
     * @param trial the trial it should hold
     * @param parameters the parameters the trial injects
     * @return the result, or null when the trial must run (again)
     */
    public static TrialResult read(Path file, Trial trial, JsonObject parameters) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonObject meta;
        try {
            meta = Notebook.read(file).metadata().getAsJsonObject("seqlab");
        } catch (RuntimeException e) {
            return null;
        }
        if (meta == null || !meta.has("end_time") || !meta.has("status") || !parameters.equals(meta.get("parameters"))) {
            return null;
        }
        String status = meta.get("status").getAsString();
        double seconds = meta.has("duration_s") ? meta.get("duration_s").getAsDouble() : Double.NaN;
        Map<String, Object> values = RecordedValues.read(meta.has(RecordedValues.KEY) ? meta.getAsJsonObject(RecordedValues.KEY) : null);
        if (status.equals("ok")) {
            return TrialResult.ok(trial, seconds, values);
        }
        String message = "the notebook failed";
        JsonElement err = meta.get("error");
        if (err != null && err.isJsonObject() && err.getAsJsonObject().has("message")) {
            message = err.getAsJsonObject().get("message").getAsString();
        }
        TrialResult.Status s = message.contains("longer than the --timeout") ? TrialResult.Status.TIMEOUT : TrialResult.Status.ERROR;
        return new TrialResult(trial, s, seconds, values, message.lines().findFirst().orElse(message));
    }
}
