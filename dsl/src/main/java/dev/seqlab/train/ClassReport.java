package dev.seqlab.train;

import dev.seqlab.SeqLabException;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores of a classifier on one data part: accuracy, precision / recall / F1 per class and
 * macro-averaged, and the confusion matrix (rows = true class, columns = predicted class).
 *
 * <p>A class that is never predicted has precision 0 (not NaN), and one that never occurs has
 * recall 0: the macro averages then honestly penalise a model that ignores a class.
 *
 * @param classNames class names by index
 * @param confusion counts [true][predicted]
 * @param accuracy fraction of correct predictions
 * @param precision per class
 * @param recall per class
 * @param f1 per class
 */
public record ClassReport(List<String> classNames, int[][] confusion, double accuracy, double[] precision,
        double[] recall, double[] f1) {

    static ClassReport of(int[] labels, int[] predicted, List<String> classNames) {
        SeqLabException.check(labels.length == predicted.length && labels.length > 0,
                "Scores need one prediction per label and at least one label (got %d and %d); predict on the part you score.",
                labels.length, predicted.length);
        int c = classNames.size();
        int[][] confusion = new int[c][c];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            SeqLabException.check(labels[i] >= 0 && labels[i] < c && predicted[i] >= 0 && predicted[i] < c,
                    "Class index out of range at sample %d; labels and predictions must be in 0..%d.", i, c - 1);
            confusion[labels[i]][predicted[i]]++;
            if (labels[i] == predicted[i]) {
                correct++;
            }
        }
        double[] p = new double[c];
        double[] r = new double[c];
        double[] f = new double[c];
        for (int k = 0; k < c; k++) {
            int tp = confusion[k][k];
            int predictedK = 0;
            int actualK = 0;
            for (int j = 0; j < c; j++) {
                predictedK += confusion[j][k];
                actualK += confusion[k][j];
            }
            p[k] = predictedK == 0 ? 0 : (double) tp / predictedK;
            r[k] = actualK == 0 ? 0 : (double) tp / actualK;
            f[k] = p[k] + r[k] == 0 ? 0 : 2 * p[k] * r[k] / (p[k] + r[k]);
        }
        return new ClassReport(List.copyOf(classNames), confusion, (double) correct / labels.length, p, r, f);
    }

    /** @return the unweighted mean of the per-class precisions */
    public double macroPrecision() {
        return mean(precision);
    }

    /** @return the unweighted mean of the per-class recalls */
    public double macroRecall() {
        return mean(recall);
    }

    /** @return the unweighted mean of the per-class F1 scores */
    public double macroF1() {
        return mean(f1);
    }

    /** @return one row per class (class, precision, recall, f1, support) and a macro row */
    public Table table() {
        int c = classNames.size();
        StringColumn name = StringColumn.create("class");
        DoubleColumn pc = DoubleColumn.create("precision");
        DoubleColumn rc = DoubleColumn.create("recall");
        DoubleColumn fc = DoubleColumn.create("f1");
        IntColumn support = IntColumn.create("support");
        int total = 0;
        for (int k = 0; k < c; k++) {
            int s = 0;
            for (int j = 0; j < c; j++) {
                s += confusion[k][j];
            }
            total += s;
            name.append(classNames.get(k));
            pc.append(precision[k]);
            rc.append(recall[k]);
            fc.append(f1[k]);
            support.append(s);
        }
        name.append("macro avg");
        pc.append(macroPrecision());
        rc.append(macroRecall());
        fc.append(macroF1());
        support.append(total);
        return Digits.readable(Table.create("scores", name, pc, rc, fc, support));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClassReport[accuracy=%.4f macroPrecision=%.4f macroRecall=%.4f macroF1=%.4f classes=%s]",
                accuracy, macroPrecision(), macroRecall(), macroF1(), classNames);
    }
}
