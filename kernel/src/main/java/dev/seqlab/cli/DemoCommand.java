package dev.seqlab.cli;

import dev.seqlab.data.Scaling;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.Series;
import dev.seqlab.model.Stack;
import dev.seqlab.plot.Plots;
import dev.seqlab.runtime.Torch;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Metrics;
import dev.seqlab.train.Run;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqlab demo}: the smallest honest experiment. Trains an LSTM forecaster on the airline
 * passengers series with a fixed seed and compares its test RMSE with the naive last-value
 * forecast, the baseline any forecaster must beat.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a 3-layer LSTM forecaster on datasets/airpassengers.csv (fixed seed), print its test RMSE next to the "
                + "naive last-value forecast's, and write the loss curve as a PNG.")
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--epochs", defaultValue = "80", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "demo-loss.png", description = "Where to write the loss curve PNG (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        w.println("SeqLab demo on " + Torch.describe());
        Series air = Series.csv("datasets/airpassengers.csv", "passengers_thousands")
                .windows(12).horizon(1).scale(Scaling.STANDARD).difference().split(0.7, 0.15);
        w.println(air);
        Stack model = Stack.lstm(32).layers(3).residual().layerNorm().dropout(0.1).attention();
        Run run = Experiment.of(model, air).adam(5e-3).clipNorm(1.0).epochs(epochs).batch(16).earlyStop(25).seed(seed).train();
        SeqSplit test = air.test();
        double lstm = run.metric("rmse");
        double naive = Metrics.rmse(air.truth(test), air.naive(test));
        w.println(run);
        w.printf(Locale.ROOT, "test RMSE (thousands of passengers): LSTM %.2f, naive last value %.2f (%s)%n", lstm, naive,
                lstm < naive ? String.format(Locale.ROOT, "LSTM %.0f%% lower", 100 * (1 - lstm / naive)) : "LSTM does not beat naive");
        Path written = Plots.loss(run).save(out);
        w.println("loss curve: " + written.toAbsolutePath());
        w.flush();
        return 0;
    }
}
