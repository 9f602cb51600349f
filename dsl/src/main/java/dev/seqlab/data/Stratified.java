package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A stratified random split: every class is shuffled and cut in the same proportions, so each
 * part keeps the class balance of the whole (within one sample per class).
 */
final class Stratified {

    private Stratified() {}

    /**
     * @return row indices of train, validation and test, each sorted ascending
     */
    static int[][] split(Labels labels, String labelColumn, double train, double validation, long seed) {
        // One generator for all classes, visited in class order: the same seed gives the same split.
        Random random = new Random(seed);
        List<Integer> tr = new ArrayList<>();
        List<Integer> va = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        List<List<Integer>> byClass = labels.rowsByClass();
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> rows = new ArrayList<>(byClass.get(c));
            Collections.shuffle(rows, random);
            int k = rows.size();
            int parts = validation > 0 ? 3 : 2;
            SeqLabException.check(k >= parts,
                    "Class '%s' of label column '%s' has only %d sample%s, too few to put at least one in each of train, %stest; "
                            + "add samples of that class, drop it, or change the split fractions.",
                    labels.names().get(c), labelColumn, k, k == 1 ? "" : "s", validation > 0 ? "validation and " : "");
            // Rounding keeps each part within half a sample of its share; a small class whose
            // rounded test share is empty gives one sample back from the largest part.
            int nTrain = Math.max(1, (int) Math.round(k * train));
            int nVal = validation > 0 ? Math.max(1, (int) Math.round(k * validation)) : 0;
            while (k - nTrain - nVal < 1) {
                if (nTrain >= nVal && nTrain > 1) {
                    nTrain--;
                } else {
                    nVal--;
                }
            }
            tr.addAll(rows.subList(0, nTrain));
            va.addAll(rows.subList(nTrain, nTrain + nVal));
            te.addAll(rows.subList(nTrain + nVal, k));
        }
        return new int[][] {sorted(tr), sorted(va), sorted(te)};
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
