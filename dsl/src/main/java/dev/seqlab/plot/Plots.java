package dev.seqlab.plot;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Task;
import dev.seqlab.train.Run;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * Charts of runs and data. Every method returns a {@link Figure} around a plain XChart chart
 * with title, axis titles with units and a legend; the series are the run's own numbers.
 */
public final class Plots {

    private Plots() {}

    /**
     * Training and validation loss per epoch for one or more runs (runs overlaid).
     *
     * @param runs the runs
     * @return the chart
     */
    public static Figure<XYChart> loss(Run... runs) {
        SeqLabException.check(runs != null && runs.length > 0, "loss() needs at least one run; pass the result of Experiment.train().");
        XYChart chart = new XYChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).title("Loss per epoch").xAxisTitle("epoch")
                .yAxisTitle(lossUnit(runs[0].network().spec().task())).build();
        Style.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Run run : runs) {
            Table h = run.history();
            double[] epochs = h.intColumn("epoch").asDoubleArray();
            String prefix = runs.length == 1 ? "" : run.experiment().name() + ": ";
            XYSeries train = chart.addSeries(unique(chart, prefix + "train"), epochs, h.doubleColumn("train_loss").asDoubleArray());
            train.setMarker(SeriesMarkers.NONE);
            double[] val = h.doubleColumn("val_loss").asDoubleArray();
            if (val.length > 0 && !Double.isNaN(val[0])) {
                XYSeries v = chart.addSeries(unique(chart, prefix + "validation"), epochs, val);
                v.setMarker(SeriesMarkers.NONE);
            }
        }
        return new Figure<>(chart);
    }

    static String lossUnit(Task task) {
        switch (task) {
            case REGRESSION:
                return "loss (MSE, scaled units)";
            default:
                return "loss (cross-entropy, nats)";
        }
    }

    /** XChart rejects two series with one name; runs with equal names get a number. */
    static String unique(XYChart chart, String name) {
        String n = name;
        for (int i = 2; chart.getSeriesMap().containsKey(n); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }
}
