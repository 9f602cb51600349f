package dev.seqlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code seqlab demo}: placeholder until the DSL lands; replaced in the same change set. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a small LSTM forecaster on the airline passengers data and compare it with the naive forecast.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new dev.seqlab.SeqLabException("The demo is not built yet; run 'seqlab doctor' instead.");
    }
}
