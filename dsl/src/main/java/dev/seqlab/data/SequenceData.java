package dev.seqlab.data;

import java.util.List;

/**
 * A sequence data set ready for training: three chronological (or stratified) parts and the
 * facts a model needs. Implemented by {@link Series} (numeric windows), {@link TextData} (text
 * classification) and {@link Corpus} (language modelling).
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
