package dev.seqlab.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Collects one row per epoch and hands it over as a Tablesaw table. Gradient norms are the mean
 * of the L2 norm before clipping, globally and per recurrent stage, over the epoch's steps: every
 * step when clipping is on, else every k-th step from the first, k = max(1, steps per epoch / 16)
 * (at least 16 samples an epoch; {@link TrainingLoop#NORM_SAMPLES}). The
 * training metric is computed from the predictions made during the epoch's steps (weights
 * changing, dropout on), the validation metric from a clean pass after the epoch.
 */
final class History {

    private final IntColumn epoch = IntColumn.create("epoch");
    private final DoubleColumn trainLoss = DoubleColumn.create("train_loss");
    private final DoubleColumn valLoss = DoubleColumn.create("val_loss");
    private final DoubleColumn trainMetric;
    private final DoubleColumn valMetric;
    private final DoubleColumn lr = DoubleColumn.create("lr");
    private final DoubleColumn gradNorm = DoubleColumn.create("grad_norm");
    private final DoubleColumn[] layerNorms;
    private final DoubleColumn clipped;
    private final DoubleColumn seconds = DoubleColumn.create("seconds");


    History(int depth, boolean clipNorm, String metricName) {
        trainMetric = DoubleColumn.create("train_" + metricName);
        valMetric = DoubleColumn.create("val_" + metricName);
        layerNorms = new DoubleColumn[depth];
        for (int k = 0; k < depth; k++) {
            layerNorms[k] = DoubleColumn.create("grad_norm_layer" + (k + 1));
        }
        clipped = clipNorm ? DoubleColumn.create("grad_norm_clipped_max") : null;
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
