package dev.seqlab.notebook;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.seqlab.runtime.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An nbformat 4 notebook held as its JSON tree, so that fields and metadata this class does not
 * know survive a read and a write unchanged. Reading rejects anything that is not an nbformat 4
 * notebook with one sentence; writing follows nbformat's own layout (one-space indent, sorted
 * keys, multi-line strings as lists of lines) and is atomic.
 */
public final class Notebook {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().serializeSpecialFloatingPointValues()
            .setFormattingStyle(FormattingStyle.PRETTY.withIndent(" ")).create();

    private final JsonObject root;

    private Notebook(JsonObject root) {
        this.root = root;
    }

    /**
     * Reads a notebook file.
     *
     * @param file the .ipynb file
     * @return the notebook
     * @throws BadInputException when the file is missing, not JSON or not nbformat 4
     */
    public static Notebook read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("Notebook " + file + " does not exist; check the path.", e);
        } catch (MalformedInputException e) {
            throw new BadInputException("Notebook " + file + " is not UTF-8 text, so it is not a notebook; give an .ipynb file.", e);
        } catch (IOException e) {
            throw new BadInputException("Notebook " + file + " cannot be read (" + e.getMessage() + "); check that it is a readable file.", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses notebook JSON.
     *
     * @param json the text
     * @param name how to name the source in messages
     * @return the notebook
     * @throws BadInputException when the text is not JSON or not an nbformat 4 notebook
     */
    public static Notebook parse(String json, String name) {
        if (json.isBlank()) {
            // Gson reads an empty text as JSON null, which was then called "JSON but not a notebook".
            throw new BadInputException("Notebook " + name + " is empty (" + (json.isEmpty() ? "0 bytes" : "only white space")
                    + "); give a saved .ipynb file.");
        }
        JsonElement tree;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            tree = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new JsonParseException("trailing text after the JSON value at " + reader.getPath());
            }
        } catch (JsonParseException | IllegalStateException | IOException e) {
            String where = e.getMessage() == null ? "" : e.getMessage().replaceAll("(?s).*?(line \\d+ column \\d+).*", "$1");
            throw new BadInputException("Notebook " + name + " is not valid JSON"
                    + (where.startsWith("line ") ? " (" + where + ")" : "") + "; is it really an .ipynb file?", e);
        }
        if (!tree.isJsonObject() || !tree.getAsJsonObject().has("cells") && !tree.getAsJsonObject().has("nbformat")
                && !tree.getAsJsonObject().has("worksheets")) {
            throw new BadInputException("Notebook " + name + " is JSON but not a Jupyter notebook (it has no 'nbformat' and no 'cells'); give an .ipynb file.");
        }
        JsonObject o = tree.getAsJsonObject();
        int major = intOr(o.get("nbformat"), -1);
        if (major != 4) {
            String version = major < 0 ? "of unknown nbformat" : "in nbformat " + major;
            throw new BadInputException("Notebook " + name + " is " + version + ", but SeqLab runs nbformat 4 only; convert it with "
                    + "'jupyter nbconvert --to notebook " + name + "' first.");
        }
        if (!o.has("cells") || !o.get("cells").isJsonArray()) {
            throw new BadInputException("Notebook " + name + " has no 'cells' list, so it is not a valid nbformat 4 notebook.");
        }
        if (!o.has("metadata") || !o.get("metadata").isJsonObject()) {
            o.add("metadata", new JsonObject());
        }
        for (JsonElement c : o.getAsJsonArray("cells")) {
            if (!c.isJsonObject() || !c.getAsJsonObject().has("cell_type")) {
                throw new BadInputException("Notebook " + name + " has a cell without a 'cell_type', so it is not a valid nbformat 4 notebook.");
            }
            JsonObject cell = c.getAsJsonObject();
            if (!isText(cell.get("source"))) {
                // Read as text later, an object or a number ended the run with a Java stack trace.
                throw new BadInputException("Notebook " + name + " has a cell (cell " + (cellIndex(o, c) + 1)
                        + ") whose 'source' is not text (a string or a list of strings), so the file is damaged; save it again from Jupyter.");
            }
            if (!cell.has("metadata") || !cell.get("metadata").isJsonObject()) {
                cell.add("metadata", new JsonObject());
            }
        }
        return new Notebook(o);
    }

    /** @return whether a multi-line field is absent, null, a string, or a list of strings */
    private static boolean isText(JsonElement e) {
        if (e == null || e.isJsonNull() || e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return true;
        }
        if (!e.isJsonArray()) {
            return false;
        }
        for (JsonElement line : e.getAsJsonArray()) {
            if (!line.isJsonPrimitive() || !line.getAsJsonPrimitive().isString()) {
                return false;
            }
        }
        return true;
    }

    private static int cellIndex(JsonObject nb, JsonElement cell) {
        JsonArray cells = nb.getAsJsonArray("cells");
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) == cell) {
                return i;
            }
        }
        return -1;
    }

    /**
     * An empty notebook for the SeqLab kernel (used for scripts and tests).
     *
     * @return a notebook with no cells
     */
    public static Notebook empty() {
        JsonObject o = new JsonObject();
        o.add("cells", new JsonArray());
        JsonObject meta = new JsonObject();
        JsonObject ks = new JsonObject();
        ks.addProperty("display_name", "SeqLab (Java)");
        ks.addProperty("language", "java");
        ks.addProperty("name", "seqlab");
        meta.add("kernelspec", ks);
        JsonObject li = new JsonObject();
        li.addProperty("name", "java");
        meta.add("language_info", li);
        o.add("metadata", meta);
        o.addProperty("nbformat", 4);
        o.addProperty("nbformat_minor", 5);
        return new Notebook(o);
    }

    private static int intOr(JsonElement e, int otherwise) {
        try {
            return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : otherwise;
        } catch (NumberFormatException ex) {
            return otherwise;
        }
    }

    /** @return the JSON tree itself (changes are kept) */
    public JsonObject json() {
        return root;
    }

    /** @return the cells, live: changes to the list or its objects change the notebook */
    public JsonArray cells() {
        return root.getAsJsonArray("cells");
    }

    /** @return the notebook metadata, live */
    public JsonObject metadata() {
        return root.getAsJsonObject("metadata");
    }

    /** @return the nbformat minor version (0 when absent) */
    public int minor() {
        return intOr(root.get("nbformat_minor"), 0);
    }

    /**
     * A cell's source as one string, whether stored as a string or a list of lines.
     *
     * @param cell the cell
     * @return its source
     */
    public static String source(JsonObject cell) {
        return text(cell.get("source"));
    }

    /**
     * Joins a multi-line string field (a string or a list of strings).
     *
     * @param e the field, or null
     * @return the text ("" for null)
     */
    public static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonElement line : e.getAsJsonArray()) {
                b.append(line.getAsString());
            }
            return b.toString();
        }
        return e.getAsString();
    }

    /**
     * Splits text into lines that keep their line ends, as nbformat stores multi-line strings.
     *
     * @param text the text
     * @return the lines as a JSON array
     */
    public static JsonArray lines(String text) {
        JsonArray a = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                a.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            a.add(text.substring(start));
        }
        return a;
    }

    /**
     * A cell's tags.
     *
     * @param cell the cell
     * @return its {@code metadata.tags} (empty when none)
     */
    public static List<String> tags(JsonObject cell) {
        List<String> out = new ArrayList<>();
        JsonObject meta = cell.getAsJsonObject("metadata");
        if (meta != null && meta.has("tags") && meta.get("tags").isJsonArray()) {
            for (JsonElement t : meta.getAsJsonArray("tags")) {
                if (t.isJsonPrimitive()) {
                    out.add(t.getAsString());
                }
            }
        }
        return out;
    }

    /**
     * Makes a new code cell (nbformat 4.5 cells also get an id).
     *
     * @param source the code
     * @param tags its tags
     * @return the cell
     */
    public JsonObject newCodeCell(String source, List<String> tags) {
        JsonObject c = new JsonObject();
        c.addProperty("cell_type", "code");
        c.add("execution_count", com.google.gson.JsonNull.INSTANCE);
        if (minor() >= 5) {
            c.addProperty("id", java.util.UUID.randomUUID().toString().substring(0, 8));
        }
        JsonObject meta = new JsonObject();
        JsonArray t = new JsonArray();
        tags.forEach(t::add);
        meta.add("tags", t);
        c.add("metadata", meta);
        c.add("outputs", new JsonArray());
        c.add("source", lines(source));
        return c;
    }

    /**
     * The notebook as nbformat writes it: sorted keys, one-space indent, a final newline.
     *
     * @return the JSON text
     */
    public String toJson() {
        return GSON.toJson(sorted(root)) + "\n";
    }

    /**
     * Writes the notebook atomically (a temporary file renamed over the target).
     *
     * @param file the target
     */
    public void write(Path file) {
        AtomicFiles.writeString(file, toJson());
    }

    private static JsonElement sorted(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject out = new JsonObject();
            e.getAsJsonObject().keySet().stream().sorted().forEach(k -> out.add(k, sorted(e.getAsJsonObject().get(k))));
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(sorted(x)));
            return out;
        }
        return e;
    }

    /**
     * A JSON string value.
     *
     * @param s the string
     * @return the primitive
     */
    static JsonPrimitive str(String s) {
        return new JsonPrimitive(s);
    }
}
