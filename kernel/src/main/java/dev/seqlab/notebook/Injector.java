package dev.seqlab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * Puts parameters into a notebook the way papermill does: a code cell tagged
 * {@code injected-parameters}, holding the Java declarations, goes right after the first cell
 * tagged {@code parameters}; a cell tagged {@code injected-parameters} from an earlier run is
 * removed first (its place is taken by the new one when there is no {@code parameters} cell).
 * With no tagged cell at all the injected cell goes at the top, with a warning. The values are
 * recorded in {@code metadata.papermill.parameters} (so papermill-aware tools see them) and in
 * {@code metadata.seqlab.parameters}.
 */
public final class Injector {

    /** The tag of the cell that holds the defaults. */
    public static final String PARAMETERS = "parameters";
    /** The tag of the cell SeqLab (or papermill) writes. */
    public static final String INJECTED = "injected-parameters";

    /**
     * Where the parameters went.
     *
     * @param index the injected cell's index, or -1 when nothing was injected
     * @param warning a sentence to show the user, or null
     */
    public record Placement(int index, String warning) {}

    private Injector() {}

    /**
     * Injects parameters and records them in the metadata. With no parameters nothing is
     * injected (an earlier injected cell stays, as papermill leaves it), but the empty set is
     * still recorded.
     *
     * @param nb the notebook, changed in place
     * @param params the parameters
     * @return where the cell went and any warning
     */
    public static Placement inject(Notebook nb, Parameters params) {
        record(nb, params);
        if (params.isEmpty()) {
            return new Placement(-1, null);
        }
        JsonArray cells = nb.cells();
        int oldInjected = -1;
        for (int i = cells.size() - 1; i >= 0; i--) {
            JsonObject c = cells.get(i).getAsJsonObject();
            if (Notebook.tags(c).contains(INJECTED)) {
                cells.remove(i);
                oldInjected = i;
            }
        }
        int defaults = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (Notebook.tags(cells.get(i).getAsJsonObject()).contains(PARAMETERS)) {
                defaults = i;
                break;
            }
        }
        JsonObject cell = nb.newCodeCell("// Parameters injected by seqlab run\n" + params.declarations(), List.of(INJECTED));
        int at;
        String warning = null;
        if (defaults >= 0) {
            at = defaults + 1;
        } else if (oldInjected >= 0) {
            at = oldInjected;
        } else {
            at = 0;
            warning = "No cell is tagged 'parameters', so the parameters were injected at the top of the notebook; "
                    + "tag the cell that holds the defaults 'parameters' to place them after it.";
        }
        insert(cells, at, cell);
        return new Placement(at, warning);
    }

    private static void insert(JsonArray cells, int at, JsonElement cell) {
        JsonArray copy = new JsonArray();
        for (int i = 0; i < cells.size(); i++) {
            if (i == at) {
                copy.add(cell);
            }
            copy.add(cells.get(i));
        }
        if (at >= cells.size()) {
            copy.add(cell);
        }
        while (!cells.isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        cells.addAll(copy);
    }

    private static void record(Notebook nb, Parameters params) {
        JsonObject meta = nb.metadata();
        section(meta, "papermill").add("parameters", params.json());
        section(meta, "seqlab").add("parameters", params.json());
    }

    /**
     * A metadata object, created when missing.
     *
     * @param parent the parent object
     * @param name the key
     * @return the child object
     */
    static JsonObject section(JsonObject parent, String name) {
        JsonElement e = parent.get(name);
        if (e == null || !e.isJsonObject()) {
            JsonObject o = new JsonObject();
            parent.add(name, o);
            return o;
        }
        return e.getAsJsonObject();
    }
}
