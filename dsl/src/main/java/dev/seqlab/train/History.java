package dev.seqlab.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The history of a run: its column names (the one definition every chart and export uses) and,
 * inside this package, the collector of one row per epoch, handed over as a Tablesaw table. Gradient norms are the mean
 * of the L2 norm before clipping, globally and per recurrent stage, over the epoch's steps: every
 * step when clipping is on, else every k-th step from the first, k = max(1, steps per epoch / 16)
 * (at least 16 samples an epoch; {@link TrainingLoop#NORM_SAMPLES}). The
 * training metric is computed from the predictions made during the epoch's steps (weights
 * changing, dropout on), the validation metric from a clean pass after the epoch.
 */
public final class History {

    // The column names of Run.history(), defined once: charts, comparisons and exports read these.

    /** Epoch number, from 1. */
    public static final String EPOCH = "epoch";
    /** Mean training loss of the epoch's steps. */
    public static final String TRAIN_LOSS = "train_loss";
    /** Validation loss after the epoch. */
    public static final String VAL_LOSS = "val_loss";
    /** Learning rate at the epoch's last step. */
    public static final String LR = "lr";
    /** Mean global gradient norm before clipping. */
    public static final String GRAD_NORM = "grad_norm";
    /** Prefix of the per-layer gradient norms, {@code grad_norm_layer1} ...; see {@link #gradNormLayer(int)}. */
    public static final String GRAD_NORM_LAYER = "grad_norm_layer";
    /** Largest gradient norm after clipping (only when clipping is on). */
    public static final String GRAD_NORM_CLIPPED_MAX = "grad_norm_clipped_max";
    /** Wall-clock seconds of the epoch. */
    public static final String SECONDS = "seconds";
    /** Headline metric of regression. */
    public static final String RMSE = "rmse";
    /** Headline metric of classification. */
    public static final String ACCURACY = "accuracy";
    /** Headline metric of next-token prediction. */
    public static final String PERPLEXITY = "perplexity";
    /** Validation RMSE column. */
    public static final String VAL_RMSE = "val_" + RMSE;
    /** Validation accuracy column. */
    public static final String VAL_ACCURACY = "val_" + ACCURACY;
    /** Validation perplexity column. */
    public static final String VAL_PERPLEXITY = "val_" + PERPLEXITY;

    /**
     * @param layer the layer, from 1 (nearest the input)
     * @return that layer's gradient-norm column, for example {@code grad_norm_layer1}
     */
    public static String gradNormLayer(int layer) {
        return GRAD_NORM_LAYER + layer;
    }

    /**
     * @param metric a metric name such as {@link #RMSE}
     * @return its training column, for example {@code train_rmse}
     */
    public static String trainMetric(String metric) {
        return "train_" + metric;
    }

    /**
     * @param metric a metric name such as {@link #RMSE}
     * @return its validation column, for example {@code val_rmse}
     */
    public static String valMetric(String metric) {
        return "val_" + metric;
    }

    /**
     * @param valColumn a validation metric column such as {@link #VAL_RMSE}
     * @return the metric's name, for example {@code rmse}
     */
    public static String metricOf(String valColumn) {
        return valColumn.substring("val_".length());
    }

    private final IntColumn epoch = IntColumn.create(EPOCH);
    private final DoubleColumn trainLoss = DoubleColumn.create(TRAIN_LOSS);
    private final DoubleColumn valLoss = DoubleColumn.create(VAL_LOSS);
    private final DoubleColumn trainMetric;
    private final DoubleColumn valMetric;
    private final DoubleColumn lr = DoubleColumn.create(LR);
    private final DoubleColumn gradNorm = DoubleColumn.create(GRAD_NORM);
    private final DoubleColumn[] layerNorms;
    private final DoubleColumn clipped;
    private final DoubleColumn seconds = DoubleColumn.create(SECONDS);


    History(int depth, boolean clipNorm, String metricName) {
        trainMetric = DoubleColumn.create(trainMetric(metricName));
        valMetric = DoubleColumn.create(valMetric(metricName));
        layerNorms = new DoubleColumn[depth];
        for (int k = 0; k < depth; k++) {
            layerNorms[k] = DoubleColumn.create(gradNormLayer(k + 1));
        }
        clipped = clipNorm ? DoubleColumn.create(GRAD_NORM_CLIPPED_MAX) : null;
    }

    void add(int ep, double train, double val, double trainM, double metric, double rate, double[] norms, double clippedMax, double secs) {
        epoch.append(ep);
        trainLoss.append(train);
        valLoss.append(val);
        trainMetric.append(trainM);
        valMetric.append(metric);
        lr.append(rate);
        gradNorm.append(norms[0]);
        for (int k = 0; k < layerNorms.length; k++) {
            layerNorms[k].append(norms[1 + k]);
        }
        if (clipped != null) {
            clipped.append(clippedMax);
        }
        seconds.append(secs);
    }

    int size() {
        return epoch.size();
    }

    Table table() {
        Table t = Table.create("history", epoch, trainLoss, valLoss, trainMetric, valMetric, lr, gradNorm);
        t.addColumns(layerNorms);
        if (clipped != null) {
            t.addColumns(clipped);
        }
        t.addColumns(seconds);
        return t;
    }
}
