package dev.seqlab.plot;

import static dev.seqlab.plot.ChartData.*;
import static dev.seqlab.plot.Style.*;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.Corpus;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.SequenceData;
import dev.seqlab.data.Series;
import dev.seqlab.data.Task;
import dev.seqlab.data.TextData;
import dev.seqlab.train.ClassReport;
import dev.seqlab.train.History;
import dev.seqlab.train.Run;
import dev.seqlab.train.Subset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the charts read from a run and its data: metric columns and units, parts, step labels, argument checks. */
final class ChartData {

    private ChartData() {}

    static String lossUnit(Task task) {
        switch (task) {
            case REGRESSION:
                return "loss (MSE, scaled units)";
            default:
                return "loss (cross-entropy, nats)";
        }
    }

    static String metricColumn(Run run) {
        for (String c : run.history().columnNames()) {
            if (c.equals(History.VAL_RMSE) || c.equals(History.VAL_ACCURACY) || c.equals(History.VAL_PERPLEXITY)) {
                return c;
            }
        }
        throw new SeqLabException(String.format(Locale.ROOT,
                "Run '%s' has no validation metric in its history; train it with Experiment.train() to record one.", run.name()));
    }

    static String metricLabel(String column) {
        switch (column) {
            case History.VAL_RMSE:
                return "RMSE";
            case History.VAL_ACCURACY:
                return "accuracy";
            default:
                return "perplexity";
        }
    }

    static String metricUnit(Run run, String column) {
        switch (column) {
            case History.VAL_RMSE:
                return "RMSE (" + targetName(run) + ")";
            case History.VAL_ACCURACY:
                return "accuracy (fraction correct)";
            default:
                return "perplexity (per token)";
        }
    }

    static String targetName(Run run) {
        List<String> labels = run.network().spec().labels();
        return labels.isEmpty() ? "data units" : labels.get(0);
    }

    static SequenceData data(Run run) {
        SequenceData d = run.data();
        return d instanceof Subset ? ((Subset) d).full() : d;
    }

    static boolean isText(Run run) {
        return run.network().spec().tokens();
    }

    static Series series(Run run, String method) {
        SeqLabException.check(run != null, "%s() needs a run; pass the result of Experiment.train().", method);
        SequenceData d = data(run);
        SeqLabException.check(run.network().spec().task() == Task.REGRESSION && d instanceof Series,
                "%s() draws forecasts of a Series, and run '%s' is a %s run; use confusion(run) or classScores(run) for classifiers.",
                method, run.name(), run.network().spec().task().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return (Series) d;
    }

    static ClassReport report(Run run, String method) {
        SeqLabException.check(run != null, "%s() needs a run; pass the result of Experiment.train().", method);
        SeqLabException.check(run.network().spec().task() == Task.CLASSIFICATION,
                "%s() needs a classification run, and run '%s' is %s; use predictions(run) for forecasts.", method, run.name(),
                run.network().spec().task().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        SeqLabException.check(run.testMetrics().containsKey("accuracy"),
                "Run '%s' has no test part to score; split the data with a test fraction, such as split(0.7, 0.15).", run.name());
        return run.report();
    }

    static void checkRuns(Run[] runs, String method) {
        SeqLabException.check(runs != null && runs.length > 0, "%s() needs at least one run; pass the result of Experiment.train().", method);
        for (Run r : runs) {
            SeqLabException.check(r != null, "One of the runs passed to %s() is null; pass only runs returned by Experiment.train().", method);
        }
    }

    static void checkPart(SeqSplit part) {
        SeqLabException.check(part != null, "The part is null; pass one of the data's parts, such as data.test().");
    }

    static void checkSample(SeqSplit part, int sample) {
        SeqLabException.check(part.size() > 0, "The part is empty; pick a part with samples, such as data.test().");
        SeqLabException.check(sample >= 0 && sample < part.size(), "Sample %d is out of range; this part has samples 0 to %d.", sample,
                part.size() - 1);
    }

    static String partName(SequenceData data, SeqSplit part) {
        if (part == data.train()) {
            return "training";
        }
        if (part == data.validation()) {
            return "validation";
        }
        if (part == data.test()) {
            return "test";
        }
        return "given";
    }

    /** Labels of a sample's real steps: its tokens for text, else t-(T-1) .. t. */
    static List<String> stepLabels(Run run, SeqSplit part, int sample, int steps) {
        SequenceData d = data(run);
        List<String> labels = null;
        if (d instanceof TextData) {
            List<String> tokens = ((TextData) d).tokens(part, sample);
            if (tokens.size() >= steps) {
                labels = tokens.subList(0, steps);
            }
        } else if (d instanceof Corpus && part.tokens() != null) {
            List<String> vocab = d.vocabulary();
            labels = new ArrayList<>();
            for (int s = 0; s < steps; s++) {
                int id = part.tokens()[sample][s];
                labels.add(id < vocab.size() ? visible(vocab.get(id)) : "?");
            }
        }
        return labels != null ? labels : timeLabels(run, steps);
    }

    static String visible(String token) {
        return token.replace(" ", "\u2423").replace("\n", "\u21b5");
    }

    /** Positions 1..T for token input, t-(T-1) .. t for numeric windows. */
    static List<String> timeLabels(Run run, int steps) {
        List<String> out = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            out.add(isText(run) ? String.valueOf(s + 1) : s == steps - 1 ? "t" : "t-" + (steps - 1 - s));
        }
        return out;
    }

    static double[] rows(int from, int to) {
        double[] x = new double[Math.max(0, to - from)];
        for (int i = 0; i < x.length; i++) {
            x[i] = from + i;
        }
        return x;
    }

    static int rowOfEpoch(double[] epochs, int epoch) {
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] == epoch) {
                return i;
            }
        }
        return -1;
    }

    static List<Double> box(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }
}
