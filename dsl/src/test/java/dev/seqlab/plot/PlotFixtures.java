package dev.seqlab.plot;

import dev.seqlab.data.Scaling;
import dev.seqlab.data.Series;
import dev.seqlab.data.TextData;
import dev.seqlab.model.Stack;
import dev.seqlab.runtime.Locations;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Run;
import tech.tablesaw.api.Table;

/**
 * Small real data and tiny runs shared by all plot tests: each run is trained once per JVM
 * (lazily, on first use) for two or three epochs, so the whole plot suite stays fast.
 */
final class PlotFixtures {

    private PlotFixtures() {}

    /** Air passengers, 12-month windows, a 3-month horizon, differenced, 70/15/15. */
    static final Series AIR = Series.csv("datasets/airpassengers.csv", "passengers_thousands").windows(12).horizon(3)
            .scale(Scaling.STANDARD).difference().split(0.7, 0.15);

    /** The first 600 labelled sentences, words, at most 16 tokens. */
    static final TextData TEXT = TextData.of(read("datasets/sentiment_labelled_sentences.csv").first(600), "text", "label").words()
            .maxLength(16).split(0.7, 0.15).seed(7);

    private static Table read(String file) {
        return Table.read().csv(Locations.resolve(file).toFile()).setName("sentiment");
    }

    private static Run lstmAir;
    private static Run gruAir;
    private static Run rnnAir;
    private static Run lstmText;

    /** LSTM 2x8 with attention on AIR, norm clipping and cosine decay (3 epochs). */
    static synchronized Run lstmAir() {
        if (lstmAir == null) {
            lstmAir = Experiment.of(Stack.lstm(8).layers(2).attention(), AIR).adam(1e-2).clipNorm(1.0).cosine().epochs(3).batch(16)
                    .seed(1).name("LSTM 2x8").train();
        }
        return lstmAir;
    }

    /** GRU 2x6 on AIR (2 epochs). */
    static synchronized Run gruAir() {
        if (gruAir == null) {
            gruAir = Experiment.of(Stack.gru(6).layers(2), AIR).adam(1e-2).epochs(2).batch(16).seed(2).name("GRU 2x6").train();
        }
        return gruAir;
    }

    /** Plain tanh RNN 2x6 on AIR (2 epochs). */
    static synchronized Run rnnAir() {
        if (rnnAir == null) {
            rnnAir = Experiment.of(Stack.rnn(6).layers(2), AIR).adam(1e-2).epochs(2).batch(16).seed(3).name("RNN 2x6").train();
        }
        return rnnAir;
    }

    /** LSTM(8) with attention on TEXT (3 epochs). */
    static synchronized Run lstmText() {
        if (lstmText == null) {
            lstmText = Experiment.of(Stack.lstm(8).embedding(16).attention(), TEXT).adam(1e-2).epochs(3).batch(32).seed(4)
                    .name("LSTM 8 sentiment").train();
        }
        return lstmText;
    }
}
