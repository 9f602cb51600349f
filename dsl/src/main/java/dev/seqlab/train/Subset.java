package dev.seqlab.train;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.DataSpec;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.SequenceData;
import java.util.List;
import java.util.Locale;

/**
 * A data set that trains on only the first {@code n} samples of another one's training part
 * and shares everything else with it (validation and test parts, scaling, vocabulary): the
 * data behind a {@link LearningCurve}, where each point must be measured on the same test part.
 */
public final class Subset implements SequenceData {

    private final SequenceData full;
    private final int samples;
    private volatile SeqSplit train;

    private Subset(SequenceData full, int samples) {
        this.full = full;
        this.samples = samples;
    }

    /**
     * Wraps a data set so that it trains on the first {@code samples} training samples.
     *
     * @param data the full data set
     * @param samples how many training samples to keep, from 1 to the training part's size
     * @return the subset
     */
    public static Subset of(SequenceData data, int samples) {
        SeqLabException.check(data != null, "The data set is null; pass the data set to take a subset of.");
        SequenceData base = data instanceof Subset ? ((Subset) data).full : data;
        int size = base.train().size();
        SeqLabException.check(samples >= 1 && samples <= size,
                "A subset of %d training samples is impossible, the training part has %d; use 1 to %d samples.", samples, size, size);
        return new Subset(base, samples);
    }

    /** @return the full data set this subset is taken from */
    public SequenceData full() {
        return full;
    }

    /** @return how many training samples it keeps */
    public int samples() {
        return samples;
    }

    /** {@inheritDoc} The same as the full data set's. */
    @Override
    public DataSpec spec() {
        return full.spec();
    }

    /** {@inheritDoc} The first {@link #samples()} samples of the full training part. */
    @Override
    public SeqSplit train() {
        SeqSplit t = train;
        if (t == null) {
            t = full.train().head(samples);
            train = t;
        }
        return t;
    }

    /** {@inheritDoc} The full data set's validation part, unchanged. */
    @Override
    public SeqSplit validation() {
        return full.validation();
    }

    /** {@inheritDoc} The full data set's test part, unchanged. */
    @Override
    public SeqSplit test() {
        return full.test();
    }

    /** {@inheritDoc} Delegates to the full data set. */
    @Override
    public float[][] unscale(SeqSplit part, float[][] scaled) {
        return full.unscale(part, scaled);
    }

    /** {@inheritDoc} The full data set's source. */
    @Override
    public String source() {
        return full.source();
    }

    /** {@inheritDoc} The full data set's fingerprint. */
    @Override
    public String fingerprint() {
        return full.fingerprint();
    }

    /** {@inheritDoc} The full data set's vocabulary. */
    @Override
    public List<String> vocabulary() {
        return full.vocabulary();
    }

    /** @return the full data set's description and the number of training samples kept */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Subset[first %d of %d training samples of %s]", samples, full.train().size(), full);
    }
}
