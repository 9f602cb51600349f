package dev.seqlab.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a reader sees under one cell: the outputs a notebook front end keeps after applying a
 * cell's iopub messages (streams appended, displays added and updated in place by display id,
 * cleared on {@code clear_output}), in nbformat's JSON form; and the checks that no output is
 * shown twice.
 */
final class OutputArea {

    private static final Pattern INLINE_PNG = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");

    private final List<JsonObject> outputs = new ArrayList<>();
    private final Map<String, List<JsonObject>> byDisplayId = new LinkedHashMap<>();

    /**
     * Applies iopub messages in order, as the classic notebook's output area does.
     *
     * @param iopub the iopub messages of one execution
     * @param executionCount the count the execute_reply gave
     * @return the outputs the cell ends with
     */
    static JsonArray from(List<JsonObject> iopub, int executionCount) {
        OutputArea area = new OutputArea();
        for (JsonObject m : iopub) {
            area.apply(KernelSocket.type(m), m.getAsJsonObject("content"), executionCount);
        }
        JsonArray a = new JsonArray();
        area.outputs.forEach(a::add);
        return a;
    }

    private void apply(String type, JsonObject c, int executionCount) {
        switch (type) {
            case "stream" -> {
                JsonObject last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
                if (last != null && "stream".equals(last.get("output_type").getAsString())
                        && last.get("name").getAsString().equals(c.get("name").getAsString())) {
                    last.addProperty("text", last.get("text").getAsString() + c.get("text").getAsString());
                } else {
                    JsonObject o = new JsonObject();
                    o.addProperty("output_type", "stream");
                    o.addProperty("name", c.get("name").getAsString());
                    o.addProperty("text", c.get("text").getAsString());
                    outputs.add(o);
                }
            }
            case "display_data", "execute_result" -> {
                JsonObject o = new JsonObject();
                o.addProperty("output_type", type);
                o.add("data", c.get("data").deepCopy());
                o.add("metadata", c.has("metadata") ? c.get("metadata").deepCopy() : new JsonObject());
                if ("execute_result".equals(type)) {
                    o.addProperty("execution_count", executionCount);
                }
                outputs.add(o);
                String id = displayId(c);
                if (id != null) {
                    byDisplayId.computeIfAbsent(id, k -> new ArrayList<>()).add(o);
                }
            }
            case "update_display_data" -> {
                String id = displayId(c);
                for (JsonObject o : byDisplayId.getOrDefault(id, List.of())) {
                    o.add("data", c.get("data").deepCopy());
                    o.add("metadata", c.has("metadata") ? c.get("metadata").deepCopy() : new JsonObject());
                }
            }
            case "error" -> {
                JsonObject o = new JsonObject();
                o.addProperty("output_type", "error");
                for (String k : List.of("ename", "evalue", "traceback")) {
                    o.add(k, c.get(k).deepCopy());
                }
                outputs.add(o);
            }
            case "clear_output" -> {
                outputs.clear();
                byDisplayId.clear();
            }
            default -> {
                // status, execute_input and the like are not outputs
            }
        }
    }

    private static String displayId(JsonObject content) {
        JsonElement t = content.get("transient");
        if (t == null || !t.isJsonObject() || !t.getAsJsonObject().has("display_id")) {
            return null;
        }
        return t.getAsJsonObject().get("display_id").getAsString();
    }

    /** @return every PNG a cell's outputs show: {@code image/png} data and images inline in HTML */
    static List<String> images(JsonArray outputs) {
        List<String> pngs = new ArrayList<>();
        for (JsonElement e : outputs) {
            JsonObject data = e.getAsJsonObject().getAsJsonObject("data");
            if (data == null) {
                continue;
            }
            if (data.has("image/png")) {
                pngs.add(text(data.get("image/png")).replace("\n", ""));
            }
            if (data.has("text/html")) {
                Matcher m = INLINE_PNG.matcher(text(data.get("text/html")));
                while (m.find()) {
                    pngs.add(m.group(1));
                }
            }
        }
        return pngs;
    }

    /** @return the plain-text form of every run summary a cell's outputs show ({@code Run[...]...}) */
    static List<String> runSummaries(JsonArray outputs) {
        List<String> runs = new ArrayList<>();
        for (JsonElement e : outputs) {
            JsonObject o = e.getAsJsonObject();
            JsonObject data = o.getAsJsonObject("data");
            if (data != null && data.has("text/plain") && text(data.get("text/plain")).startsWith("Run[")) {
                runs.add(text(data.get("text/plain")));
            }
        }
        return runs;
    }

    /**
     * Describes what a cell shows more than once: the same PNG twice, or the same run summary
     * twice.
     *
     * @return one line per repeated output, empty when every output is shown once
     */
    static List<String> repeats(JsonArray outputs) {
        List<String> found = new ArrayList<>();
        List<String> images = images(outputs);
        for (int i = 0; i < images.size(); i++) {
            if (images.indexOf(images.get(i)) < i) {
                found.add("image " + (i + 1) + " repeats image " + (images.indexOf(images.get(i)) + 1));
            }
        }
        List<String> runs = runSummaries(outputs);
        for (int i = 0; i < runs.size(); i++) {
            if (runs.indexOf(runs.get(i)) < i) {
                found.add("run summary repeated: " + runs.get(i).lines().findFirst().orElse(""));
            }
        }
        return found;
    }

    /** nbformat stores multi-line strings either as one string or as a list of lines. */
    static String text(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
            return b.toString();
        }
        return e.getAsString();
    }
}
