package dev.seqlab.train;

import dev.seqlab.data.Corpus;
import dev.seqlab.data.Scaling;
import dev.seqlab.data.Series;
import dev.seqlab.data.TextData;

/** Small real data sets shared by the training tests (all from the bundled datasets/). */
final class Fixtures {

    private Fixtures() {}

    static Series air() {
        return Series.csv("datasets/airpassengers.csv", "passengers_thousands").windows(12).horizon(1).scale(Scaling.STANDARD).difference().split(0.7, 0.15);
    }

    static TextData sentiment() {
        return TextData.csv("datasets/sentiment_labelled_sentences.csv", "text", "label").words().maxLength(24).split(0.7, 0.15).seed(7);
    }

    static Corpus austen(int chars) {
        return Corpus.text("datasets/austen_prideprejudice.txt").chars().maxChars(chars).length(48).split(0.9, 0.05);
    }
}
