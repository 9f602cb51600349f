package dev.seqlab.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Collects one row per epoch and hands it over as a Tablesaw table. Gradient norms are the mean
 * over the epoch's steps of the L2 norm before clipping, globally and per recurrent stage.
 */
final class History {

    private final IntColumn epoch = IntColumn.create("epoch");
    private final DoubleColumn trainLoss = DoubleColumn.create("train_loss");
    private final DoubleColumn valLoss = DoubleColumn.create("val_loss");
    private final DoubleColumn valMetric;
    private final DoubleColumn lr = DoubleColumn.create("lr");
    private final DoubleColumn gradNorm = DoubleColumn.create("grad_norm");
    private final DoubleColumn[] layerNorms;
    private final DoubleColumn clipped;
    private final DoubleColumn seconds = DoubleColumn.create("seconds");


    History(int depth, boolean clipNorm, String metricName) {
        valMetric = DoubleColumn.create(metricName);
        layerNorms = new DoubleColumn[depth];
        for (int k = 0; k < depth; k++) {
            layerNorms[k] = DoubleColumn.create("grad_norm_layer" + (k + 1));
        }
        clipped = clipNorm ? DoubleColumn.create("grad_norm_clipped_max") : null;
    }

    void add(int ep, double train, double val, double metric, double rate, double[] norms, double clippedMax, double secs) {
        epoch.append(ep);
        trainLoss.append(train);
        valLoss.append(val);
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
        Table t = Table.create("history", epoch, trainLoss, valLoss, valMetric, lr, gradNorm);
        t.addColumns(layerNorms);
        if (clipped != null) {
            t.addColumns(clipped);
        }
        t.addColumns(seconds);
        return t;
    }
}
