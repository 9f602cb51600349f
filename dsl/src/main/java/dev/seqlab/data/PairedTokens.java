package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.Table;

/**
 * Paired token sequences for sequence-to-sequence models (spelling to phonemes, one sentence to
 * another): a source and a target column, each tokenised as characters or as space-separated
 * tokens, with separate source and target vocabularies built from the training part only.
 *
 * <p>The target vocabulary holds {@link #START} and {@link #END} besides its tokens; each
 * {@link PairSplit} knows the decoder's input (start token, then the target) and its expected
 * output (the target, then the end token). Padding is id 0 in both vocabularies, and batches
 * carry masks (see {@link PairSplit#batch}).
 *
 * <pre>{@code
 * PairedTokens g2p = PairedTokens.csv("datasets/cmudict_g2p.csv", "word", "phonemes")
 *         .targetWords().limit(5000).split(0.8, 0.1).seed(7).load();
 * }</pre>
 *
 * <p>Custom data: {@link #of(List, List)} takes two lists of strings, one pair per index.
 */
public final class PairedTokens {

    /** Start-of-sequence token: the decoder's first input. */
    public static final String START = "<s>";
    /** End-of-sequence token: the decoder's last expected output. */
    public static final String END = "</s>";

    private final String source;
    private final Vocabulary sourceVocab;
    private final Vocabulary targetVocab;
    private final boolean sourceChars;
    private final boolean targetChars;
    private final PairSplit train;
    private final PairSplit validation;
    private final PairSplit test;

    private PairedTokens(Loader l, PairSplit train, PairSplit validation, PairSplit test, Vocabulary sv, Vocabulary tv) {
        this.source = l.origin;
        this.sourceChars = l.sourceChars;
        this.targetChars = l.targetChars;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.sourceVocab = sv;
        this.targetVocab = tv;
    }

    /**
     * Starts loading pairs from a CSV file.
     *
     * @param file the CSV file
     * @param sourceColumn the column read by the encoder
     * @param targetColumn the column the decoder writes
     * @return a loader with defaults: characters on both sides, 80/10/10 split, seed 42
     */
    public static Loader csv(String file, String sourceColumn, String targetColumn) {
        return table(Csv.read(file), sourceColumn, targetColumn, Path.of(file).toString());
    }

    /**
     * Starts loading pairs from a Tablesaw table.
     *
     * @param table the table
     * @param sourceColumn the column read by the encoder
     * @param targetColumn the column the decoder writes
     * @return a loader
     */
    public static Loader table(Table table, String sourceColumn, String targetColumn) {
        return table(table, sourceColumn, targetColumn, table.name());
    }

    private static Loader table(Table table, String sourceColumn, String targetColumn, String origin) {
        Columns.require(table, sourceColumn, origin);
        Columns.require(table, targetColumn, origin);
        List<String> s = new ArrayList<>();
        List<String> t = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            s.add(table.getString(i, sourceColumn));
            t.add(table.getString(i, targetColumn));
        }
        return new Loader(s, t, origin);
    }

    /**
     * Starts from two lists of strings (the documented route for custom data): pair i is
     * {@code sources.get(i)} and {@code targets.get(i)}.
     *
     * @param sources source strings
     * @param targets target strings, as many as sources
     * @return a loader
     */
    public static Loader of(List<String> sources, List<String> targets) {
        SeqLabException.check(sources.size() == targets.size(),
                "There are %d sources but %d targets; give one target per source.", sources.size(), targets.size());
        return new Loader(List.copyOf(sources), List.copyOf(targets), "lists");
    }

    /** Settings for loading; {@link #load()} reads, splits and encodes. */
    public static final class Loader {
        private final List<String> sources;
        private final List<String> targets;
        private final String origin;
        private boolean sourceChars = true;
        private boolean targetChars = true;
        private int limit = Integer.MAX_VALUE;
        private double trainFraction = 0.8;
        private double valFraction = 0.1;
        private long seed = 42;
        private Vocabulary sourceVocab;
        private Vocabulary targetVocab;

        private Loader(List<String> sources, List<String> targets, String origin) {
            this.sources = sources;
            this.targets = targets;
            this.origin = origin;
        }

        /** @return this loader, reading the source as characters (the default) */
        public Loader sourceChars() {
            sourceChars = true;
            return this;
        }

        /** @return this loader, reading the source as space-separated tokens */
        public Loader sourceWords() {
            sourceChars = false;
            return this;
        }

        /** @return this loader, reading the target as characters (the default) */
        public Loader targetChars() {
            targetChars = true;
            return this;
        }

        /** @return this loader, reading the target as space-separated tokens (phonemes, words) */
        public Loader targetWords() {
            targetChars = false;
            return this;
        }

        /**
         * Keeps a seeded random sample of at most n pairs (taken before the split).
         *
         * @param n the most pairs to keep
         * @return this loader
         */
        public Loader limit(int n) {
            SeqLabException.check(n >= 3, "A limit of %d pairs is too small to split; keep at least 3 pairs.", n);
            limit = n;
            return this;
        }

        /**
         * Sets the fractions of pairs for training and validation; the rest is the test part.
         * Pairs are assigned at random with the seed (they are independent, so no time order).
         *
         * @param train fraction for training, in (0, 1]
         * @param validation fraction for validation, in [0, 1)
         * @return this loader
         */
        public Loader split(double train, double validation) {
            SeqLabException.check(train > 0 && validation >= 0 && train + validation <= 1,
                    "Split fractions %s (train) and %s (validation) must be positive and sum to at most 1; use for example split(0.8, 0.1).",
                    train, validation);
            trainFraction = train;
            valFraction = validation;
            return this;
        }

        /**
         * Sets the seed of the sampling and the split.
         *
         * @param s the seed
         * @return this loader
         */
        public Loader seed(long s) {
            seed = s;
            return this;
        }

        /**
         * Uses given vocabularies instead of building them from the training part (for example
         * those of a trained model, to decode new data the same way).
         *
         * @param source the source vocabulary
         * @param target the target vocabulary (must hold {@link #START} and {@link #END})
         * @return this loader
         */
        public Loader vocabularies(Vocabulary source, Vocabulary target) {
            SeqLabException.check(target.tokens().contains(START) && target.tokens().contains(END),
                    "The target vocabulary lacks %s or %s; use the target vocabulary of a PairedTokens data set.", START, END);
            sourceVocab = source;
            targetVocab = target;
            return this;
        }

        /**
         * Reads, samples, splits, tokenises and encodes.
         *
         * @return the data
         */
        public PairedTokens load() {
            int n = sources.size();
            SeqLabException.check(n >= 3, "%s holds %d pairs; a sequence-to-sequence data set needs at least 3.", origin, n);
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random r = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                Integer tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            int kept = Math.min(n, limit);
            int nTrain = Math.max(1, (int) Math.round(kept * trainFraction));
            int nVal = Math.min(kept - nTrain, (int) Math.round(kept * valFraction));
            List<List<String>> src = new ArrayList<>();
            List<List<String>> tgt = new ArrayList<>();
            int[] origins = new int[kept];
            for (int k = 0; k < kept; k++) {
                int i = order[k];
                origins[k] = i;
                String s = sources.get(i);
                String t = targets.get(i);
                SeqLabException.check(s != null && !s.isBlank() && t != null && !t.isBlank(),
                        "Pair %d of %s has an empty source or target; remove empty rows first.", i, origin);
                src.add(tokenize(s, sourceChars));
                tgt.add(tokenize(t, targetChars));
            }
            Vocabulary sv = sourceVocab;
            Vocabulary tv = targetVocab;
            if (tv != null) {
                // A decoder can only write tokens its vocabulary has: training targets it lacks mean
                // the vocabularies belong to other data.
                for (int k = 0; k < nTrain; k++) {
                    for (String tok : tgt.get(k)) {
                        SeqLabException.check(tv.id(tok) != Vocabulary.UNK_ID,
                                "The given target vocabulary does not match the data: it lacks '%s' (pair %d of %s); use the vocabularies of the data the model was trained on, or leave them out to build new ones.",
                                tok, origins[k], origin);
                    }
                }
            }
            if (sv == null) {
                List<String> all = new ArrayList<>();
                src.subList(0, nTrain).forEach(all::addAll);
                sv = Vocabulary.sorted(all);
                List<String> allT = new ArrayList<>(List.of(START, END));
                tgt.subList(0, nTrain).forEach(allT::addAll);
                tv = Vocabulary.sorted(allT);
            }
            return new PairedTokens(this, part(src, tgt, origins, 0, nTrain, sv, tv),
                    part(src, tgt, origins, nTrain, nTrain + nVal, sv, tv),
                    part(src, tgt, origins, nTrain + nVal, kept, sv, tv), sv, tv);
        }

        private static PairSplit part(List<List<String>> src, List<List<String>> tgt, int[] origins, int from, int to,
                Vocabulary sv, Vocabulary tv) {
            return new PairSplit(src.subList(from, to), tgt.subList(from, to), Arrays.copyOfRange(origins, from, to), sv, tv);
        }
    }

    /**
     * Splits a string into tokens the way this data set does.
     *
     * @param text the string
     * @param chars characters (true) or space-separated tokens (false)
     * @return the tokens
     */
    public static List<String> tokenize(String text, boolean chars) {
        String s = text.strip();
        if (chars) {
            return s.codePoints().mapToObj(Character::toString).toList();
        }
        return Arrays.asList(s.split("\\s+"));
    }

    /**
     * Encodes new source strings with this data set's tokenisation and source vocabulary (for
     * decoding words outside the splits).
     *
     * @param sources the strings
     * @return a split with these sources and empty targets
     */
    public PairSplit encode(List<String> sources) {
        List<List<String>> src = new ArrayList<>();
        List<List<String>> tgt = new ArrayList<>();
        for (String s : sources) {
            src.add(tokenize(s, sourceChars));
            tgt.add(List.of());
        }
        return new PairSplit(src, tgt, new int[sources.size()], sourceVocab, targetVocab);
    }

    /** @return the training part */
    public PairSplit train() {
        return train;
    }

    /** @return the validation part (may be empty) */
    public PairSplit validation() {
        return validation;
    }

    /** @return the test part (may be empty) */
    public PairSplit test() {
        return test;
    }

    /** @return the source vocabulary (id 0 padding, id 1 unknown) */
    public Vocabulary sourceVocabulary() {
        return sourceVocab;
    }

    /** @return the target vocabulary (with {@link #START} and {@link #END}) */
    public Vocabulary targetVocabulary() {
        return targetVocab;
    }

    /** @return whether targets are characters (joined without spaces when printed) */
    public boolean targetChars() {
        return targetChars;
    }

    /** @return where the pairs came from */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "PairedTokens[" + source + ": train=" + train.size() + " validation=" + validation.size() + " test=" + test.size()
                + ", source vocabulary " + sourceVocab.size() + ", target vocabulary " + targetVocab.size() + "]";
    }
}
