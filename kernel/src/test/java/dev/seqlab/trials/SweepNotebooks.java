package dev.seqlab.trials;

import dev.seqlab.notebook.Notebook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tiny notebook for sweep tests: one seeded draw from libtorch, recorded with the parameter. */
final class SweepNotebooks {

    private SweepNotebooks() {}

    /**
     * Writes the notebook and a grid X = [1, 2] into a folder.
     *
     * @param dir the folder
     * @param failing whether the trial X=2, SEED=2 throws
     * @param sleepSeconds how long each trial sleeps after recording (to catch one running)
     * @return the notebook
     */
    static Path write(Path dir, boolean failing, int sleepSeconds) throws Exception {
        Notebook nb = Notebook.empty();
        nb.cells().add(nb.newCodeCell("int X = 1;\nlong SEED = 1;", List.of("parameters")));
        nb.cells().add(nb.newCodeCell("""
                var m = ai.djl.ndarray.NDManager.newBaseManager();
                dev.seqlab.runtime.Torch.seed(SEED);
                float r = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(1)).getFloat(0);
                """ + (failing ? "if (X == 2 && SEED == 2) throw new IllegalStateException(\"trial X=2 SEED=2 fails on purpose\");\n" : "")
                + "record(\"y\", X * 10 + r);\nrecord(\"label\", \"x\" + X);\nThread.sleep(" + sleepSeconds * 1000 + ");", List.of()));
        Path file = dir.resolve("tiny.ipynb");
        nb.write(file);
        Files.writeString(dir.resolve("grid.json"), "{\"X\": [1, 2]}");
        return file;
    }
}
