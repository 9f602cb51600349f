package dev.seqlab.data;

import java.util.List;

/**
 * A sequence data set ready for training: three chronological (or stratified) parts and the
 * facts a model needs. Implemented by {@link Series} (numeric windows), {@link TextData} (text
 * classification), {@link Corpus} (language modelling) and {@link IndependentSequences}
 * (independent multichannel sequences from arrays or long tables).
 *
 * <p><b>Custom data.</b> The easiest route is {@link IndependentSequences}: put the sequences into
 * {@code float[n][T][F]} arrays with their targets and the DSL does the split, masks and scaling.
 * To implement this interface yourself: build each part with the {@link SeqSplit} factories
 * ({@code regression}, {@code numericClassification}, {@code classification}, {@code nextToken};
 * inputs already scaled, padding at the end with the real lengths given), describe the shapes in
 * a {@link DataSpec} (T is the longest sequence), return the targets to their units in
 * {@link #unscale} (or return them unchanged), and give a {@link #fingerprint()} that changes
 * whenever the data do, since runs record it and {@code Run.load} compares it.
 */
public interface SequenceData {

    /** @return the shape facts a model must fit */
    DataSpec spec();

    /** @return the training part */
    SeqSplit train();

    /** @return the validation part (may be empty) */
    SeqSplit validation();

    /** @return the test part (may be empty) */
    SeqSplit test();

    /**
     * Maps regression outputs from the scaled space back to the data's own units; returns the
     * input unchanged for other tasks.
     *
     * @param part the part the rows belong to (row i is sample i): a differenced series needs
     *     each sample's last observed value
     * @param scaled rows of model outputs, horizon-major as in {@link SeqSplit#values()}
     * @return the same values in original units
     */
    float[][] unscale(SeqSplit part, float[][] scaled);

    /** @return where the data came from: a file path or a table name */
    String source();

    /** @return sha256 (hex) of the source file's bytes, or of the table's CSV form */
    String fingerprint();

    /** @return token strings by id for token data (index 0 = padding), else an empty list */
    List<String> vocabulary();
}
