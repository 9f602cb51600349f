package dev.seqlab.trials;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.seqlab.notebook.NotebookRunner;
import dev.seqlab.notebook.Parameters;
import dev.seqlab.notebook.RunOptions;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A long-lived child JVM of a local sweep that runs its trials one after another, each exactly as
 * {@code seqlab run} would in a JVM of its own: a fresh engine (JShell session) per notebook, the
 * same libtorch thread count (fixed for the process by the command line, see {@link ChildJvm}), and
 * the seed set by the notebook itself. Why: a short trial spent most of its time starting a JVM,
 * loading libtorch and warming up javac, and two such starts side by side filled both cores; a warm
 * worker pays them once.
 *
 * <p>Protocol: one JSON request per line on standard input ({@code input}, {@code output},
 * {@code log}, {@code params}, {@code timeout}); one line {@code done} on the original standard
 * output when the notebook was written (or the run failed; the parent reads the notebook). The
 * worker ends at the end of its input, so it also ends when its parent dies.
 */
public final class TrialWorker {

    /** The reply line after each trial. */
    static final String DONE = "done";

    private TrialWorker() {}

    /**
     * Entry point of the worker JVM.
     *
     * @param args ignored
     * @throws Exception when the protocol channel fails
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        PrintStream reply = new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // Nothing but replies goes to the protocol channel; stray prints go to the worker's log.
        System.setOut(System.err);
        PrintStream defaultErr = System.err;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject req = JsonParser.parseString(line).getAsJsonObject();
            try (PrintStream log = new PrintStream(new FileOutputStream(req.get("log").getAsString()), true, StandardCharsets.UTF_8)) {
                System.setErr(log);
                System.setOut(log);
                try {
                    Parameters params = new Parameters();
                    for (Map.Entry<String, JsonElement> p : req.getAsJsonObject("params").entrySet()) {
                        params.add(p.getKey(), p.getValue().toString()); // as `seqlab run -p NAME JSON` parses it
                    }
                    Duration limit = req.has("timeout") && !req.get("timeout").isJsonNull()
                            ? Duration.ofMillis(Math.round(req.get("timeout").getAsDouble() * 1000)) : null;
                    new NotebookRunner(log).run(new RunOptions(Path.of(req.get("input").getAsString()),
                            Path.of(req.get("output").getAsString()), params, limit, false, false, false));
                } catch (RuntimeException e) {
                    // As `seqlab run` would: the sentence goes to the trial's log, the parent reports the missing notebook.
                    log.println("seqlab run: " + e.getMessage());
                } finally {
                    System.setErr(defaultErr);
                    System.setOut(defaultErr);
                }
            }
            reply.println(DONE);
        }
    }
}
