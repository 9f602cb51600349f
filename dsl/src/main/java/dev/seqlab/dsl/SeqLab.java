package dev.seqlab.dsl;

import dev.seqlab.data.Scaling;
import dev.seqlab.runtime.Locations;
import dev.seqlab.runtime.Torch;
import java.nio.file.Path;

/**
 * The one class a notebook imports statically ({@code import static dev.seqlab.dsl.SeqLab.*;}, which the kernel does for every session):
 * short names for the constants cells use most, and facts about the installation. The DSL's
 * own classes ({@code Series}, {@code Stack}, {@code Experiment}, {@code Plots}, ...) are
 * imported by the kernel as packages.
 *
 * <p>It lives in its own package, not in {@code dev.seqlab}, because it reads {@code data} and
 * {@code runtime}; {@code dev.seqlab} holds only {@link dev.seqlab.SeqLabException}, which every
 * package uses, so no package of the DSL depends on one that depends back on it.
 */
public final class SeqLab {

    /** Scale each column to [0, 1] using the training part's minimum and maximum. */
    public static final Scaling MIN_MAX = Scaling.MIN_MAX;
    /** Scale each column to mean 0 and standard deviation 1 on the training part. */
    public static final Scaling STANDARD = Scaling.STANDARD;
    /** Leave values as they are. */
    public static final Scaling NO_SCALING = Scaling.NONE;

    private SeqLab() {}

    /**
     * Returns the path of a bundled data set file.
     *
     * @param fileName for example {@code "airpassengers.csv"}
     * @return its path
     */
    public static Path dataset(String fileName) {
        return Locations.resolve("datasets/" + fileName);
    }

    /**
     * Records a value in the output notebook's metadata ({@code metadata.seqlab.recorded}), where
     * {@code seqlab sweep} collects it; like scrapbook's {@code glue}. A plain run keeps it too.
     *
     * @param name the name, such as {@code "test_rmse"}
     * @param value a finite number, text or true/false
     */
    public static void record(String name, Object value) {
        dev.seqlab.sweep.Recorded.record(name, value);
    }

    /** @return a one-line description of the engine, such as {@code PyTorch 2.7.1 (DJL 0.35.0, 2 intra-op threads)} */
    public static String engine() {
        return Torch.describe();
    }
}
