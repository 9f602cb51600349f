package dev.seqlab.train;

import dev.seqlab.SeqLabException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error measures for values and scores for classes, computed in plain Java from predictions that
 * are already in the data's own units. Pure functions: every one is checked in tests against
 * numbers worked out by hand.
 */
public final class Metrics {

    private Metrics() {}

    /**
     * Mean squared error over every value of every row.
     *
     * @param truth true values [N][K]
     * @param pred predicted values [N][K]
     * @return the MSE
     */
    public static double mse(float[][] truth, float[][] pred) {
        check(truth, pred);
        double sum = 0;
        long n = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < truth[i].length; j++) {
                double d = (double) pred[i][j] - truth[i][j];
                sum += d * d;
                n++;
            }
        }
        return sum / n;
    }

    /**
     * Root mean squared error, in the data's units.
     *
     * @param truth true values
     * @param pred predictions
     * @return the RMSE
     */
    public static double rmse(float[][] truth, float[][] pred) {
        return Math.sqrt(mse(truth, pred));
    }

    /**
     * Mean absolute error, in the data's units.
     *
     * @param truth true values
     * @param pred predictions
     * @return the MAE
     */
    public static double mae(float[][] truth, float[][] pred) {
        check(truth, pred);
        double sum = 0;
        long n = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < truth[i].length; j++) {
                sum += Math.abs((double) pred[i][j] - truth[i][j]);
                n++;
            }
        }
        return sum / n;
    }

    /**
     * Mean absolute percentage error in percent; true values of zero are skipped (their
     * percentage error is undefined). NaN if every true value is zero.
     *
     * @param truth true values
     * @param pred predictions
     * @return the MAPE in percent
     */
    public static double mape(float[][] truth, float[][] pred) {
        check(truth, pred);
        double sum = 0;
        long n = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int j = 0; j < truth[i].length; j++) {
                if (truth[i][j] != 0) {
                    sum += Math.abs(((double) pred[i][j] - truth[i][j]) / truth[i][j]);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : 100 * sum / n;
    }

    /**
     * All error measures, in a fixed order: MSE, RMSE, MAE, MAPE.
     *
     * @param truth true values
     * @param pred predictions
     * @return name to value
     */
    public static Map<String, Double> regression(float[][] truth, float[][] pred) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mse", mse(truth, pred));
        m.put("rmse", rmse(truth, pred));
        m.put("mae", mae(truth, pred));
        m.put("mape", mape(truth, pred));
        return m;
    }

    /**
     * RMSE of each horizon step: element s is the error of the forecasts s + 1 steps ahead, over
     * all samples (column s of both arrays).
     *
     * @param truth true values [N][K]
     * @param pred predictions [N][K]
     * @return K errors, step 1 first
     */
    public static double[] rmseByStep(float[][] truth, float[][] pred) {
        double[] mse = byStep(truth, pred, true);
        for (int s = 0; s < mse.length; s++) {
            mse[s] = Math.sqrt(mse[s]);
        }
        return mse;
    }

    /**
     * MAE of each horizon step, as {@link #rmseByStep}.
     *
     * @param truth true values [N][K]
     * @param pred predictions [N][K]
     * @return K errors, step 1 first
     */
    public static double[] maeByStep(float[][] truth, float[][] pred) {
        return byStep(truth, pred, false);
    }

    private static double[] byStep(float[][] truth, float[][] pred, boolean squared) {
        check(truth, pred);
        int k = truth[0].length;
        double[] sum = new double[k];
        for (int i = 0; i < truth.length; i++) {
            SeqLabException.check(truth[i].length == k && pred[i].length == k,
                    "Row %d has %d true values and %d predictions but the first row has %d; pass forecasts of one horizon.", i,
                    truth[i].length, pred[i].length, k);
            for (int s = 0; s < k; s++) {
                double d = (double) pred[i][s] - truth[i][s];
                sum[s] += squared ? d * d : Math.abs(d);
            }
        }
        for (int s = 0; s < k; s++) {
            sum[s] /= truth.length;
        }
        return sum;
    }

    /**
     * Errors per horizon step of one or more forecasters on the same true values, next to the
     * overall figure: one row per step ("1" to "K") and a last row "all" (every step together,
     * what {@link #rmse} and {@link #mae} give); columns {@code step}, then {@code <name> rmse} and
     * {@code <name> mae} per forecaster, in the map's order. Plot it with
     * {@link dev.seqlab.plot.HorizonCharts#errors(Table, String)}.
     *
     * @param truth true values [N][K]
     * @param forecasts name to predictions [N][K], for example naive, seasonal naive, a run's
     * @return the table, named "errors per horizon step"
     */
    public static tech.tablesaw.api.Table byStep(float[][] truth, Map<String, float[][]> forecasts) {
        SeqLabException.check(forecasts != null && !forecasts.isEmpty(), "Name at least one forecast to measure, such as Map.of(\"naive\", series.naive(test)).");
        SeqLabException.check(truth.length > 0, "There are no true values; measure on a part with samples.");
        int k = truth[0].length;
        tech.tablesaw.api.StringColumn step = tech.tablesaw.api.StringColumn.create("step");
        for (int s = 1; s <= k; s++) {
            step.append(String.valueOf(s));
        }
        step.append("all");
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create("errors per horizon step", step);
        for (Map.Entry<String, float[][]> f : forecasts.entrySet()) {
            double[] rmse = java.util.Arrays.copyOf(rmseByStep(truth, f.getValue()), k + 1);
            rmse[k] = rmse(truth, f.getValue());
            double[] mae = java.util.Arrays.copyOf(maeByStep(truth, f.getValue()), k + 1);
            mae[k] = mae(truth, f.getValue());
            t.addColumns(tech.tablesaw.api.DoubleColumn.create(f.getKey() + " rmse", rmse),
                    tech.tablesaw.api.DoubleColumn.create(f.getKey() + " mae", mae));
        }
        return t;
    }

    /**
     * Mean cross-entropy (natural log) of the true classes under predicted probabilities.
     * Probabilities are floored at 1e-12 so a confident mistake costs a large finite amount.
     *
     * @param labels true class per sample
     * @param probabilities probabilities [N][C], rows summing to 1
     * @return the cross-entropy in nats
     */
    public static double crossEntropy(int[] labels, float[][] probabilities) {
        SeqLabException.check(labels.length == probabilities.length && labels.length > 0,
                "Cross-entropy needs one probability row per label and at least one label; pass matching arrays.");
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(1e-12, probabilities[i][labels[i]]));
        }
        return sum / labels.length;
    }

    /**
     * Perplexity: {@code exp(cross-entropy)}, the effective number of equally likely choices.
     *
     * @param crossEntropyNats mean cross-entropy in nats
     * @return the perplexity
     */
    public static double perplexity(double crossEntropyNats) {
        return Math.exp(crossEntropyNats);
    }

    /**
     * Accuracy, per-class precision, recall and F1, their macro averages and the confusion
     * matrix.
     *
     * @param labels true classes
     * @param predicted predicted classes
     * @param classNames names of the classes, by index
     * @return the report
     */
    public static ClassReport classification(int[] labels, int[] predicted, java.util.List<String> classNames) {
        return ClassReport.of(labels, predicted, classNames);
    }

    private static void check(float[][] truth, float[][] pred) {
        SeqLabException.check(truth.length == pred.length && truth.length > 0,
                "Metrics need as many predictions as true values and at least one (got %d and %d); predict on the same part you compare with.",
                truth.length, pred.length);
    }
}
