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
