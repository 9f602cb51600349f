package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What every data set of this package shares: its parts are built on first use and cached
 * (thread-safe, once), it hands out the three parts, says where it came from and fingerprints it,
 * and its {@code toString} reports either what it builds or, in one sentence, why it cannot.
 *
 * <p>A new data source extends this class with a record of its built parts (implementing
 * {@link Parts}), its {@link #build()}, and the fingerprint of an in-memory source.
 *
 * @param <B> the built parts
 */
abstract class LazyData<B extends LazyData.Parts> implements SequenceData {

    /** What a data set builds: at least its three parts (a record with these components fits). */
    interface Parts {
        /** @return the training part */
        SeqSplit train();

        /** @return the validation part */
        SeqSplit validation();

        /** @return the test part */
        SeqSplit test();
    }

    /** The table's or text's name, as messages and {@link #source()} give it. */
    final String name;
    /** The file read, or null for data made in memory. */
    final Path file;
    private volatile B built;

    LazyData(String name, Path file) {
        this.name = name;
        this.file = file;
    }

    /**
     * Builds the parts from the configuration; called at most once per object.
     *
     * @return the parts
     * @throws SeqLabException if the configuration does not fit the data
     */
    abstract B build();

    /** @return the fingerprint of the data when it was not read from a file */
    abstract String fingerprintInMemory();

    /** @return the parts, built on the first call */
    final B built() {
        B b = built;
        if (b == null) {
            synchronized (this) {
                b = built;
                if (b == null) {
                    b = build();
                    built = b;
                }
            }
        }
        return b;
    }

    @Override
    public SeqSplit train() {
        return built().train();
    }

    @Override
    public SeqSplit validation() {
        return built().validation();
    }

    @Override
    public SeqSplit test() {
        return built().test();
    }

    /** {@inheritDoc} The resolved file path, or the given name. */
    @Override
    public String source() {
        return file != null ? file.toString() : name;
    }

    /** {@inheritDoc} */
    @Override
    public String fingerprint() {
        return file != null ? Fingerprint.ofFile(file) : fingerprintInMemory();
    }

    /**
     * Ends a {@code toString}: what the configuration builds, or why it cannot be built.
     *
     * @param head the configuration, without the closing bracket
     * @param counts what the built parts hold, for example {@code "train=3 val=1 test=1 windows"}
     * @return the whole line
     */
    final String describe(String head, Function<B, String> counts) {
        try {
            return head + " -> " + counts.apply(built()) + "]";
        } catch (SeqLabException e) {
            return head + " -> not buildable: " + e.getMessage() + "]";
        }
    }
}
