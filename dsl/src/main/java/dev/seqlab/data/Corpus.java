package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.Locations;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A text corpus for language modelling: the token stream is cut into non-overlapping windows of
 * {@code length} tokens, and the target at every position is the token that follows it.
 *
 * <pre>{@code
 * var austen = Corpus.text("datasets/austen_prideprejudice.txt").chars().length(100).maxChars(200_000);
 * }</pre>
 *
 * <p>The split is contiguous (train first, then validation, then test), so no sentence is shared
 * between parts. The vocabulary comes from the training part: for characters every distinct
 * character sorted by code point, for words the tokens by frequency; anything else maps to
 * {@code <unk>}. Immutable; the parts are built on first use and cached (thread-safe).
 */
public final class Corpus extends LazyData<Corpus.Built> {

    record Built(Vocabulary vocabulary, int[] ids, int trainEnd, SeqSplit train, SeqSplit validation,
            SeqSplit test) implements LazyData.Parts {}

    private final String text;
    private final Tokenizer tokenizer;
    private final int length;
    private final int maxChars;
    private final double trainFraction;
    private final double validationFraction;

    private Corpus(String text, String name, Path file, Tokenizer tokenizer, int length, int maxChars,
            double trainFraction, double validationFraction) {
        super(name, file);
        this.text = text;
        this.tokenizer = tokenizer;
        this.length = length;
        this.maxChars = maxChars;
        this.trainFraction = trainFraction;
        this.validationFraction = validationFraction;
    }

    /**
     * Reads a UTF-8 text file.
     *
     * @param path a path or a bundled data set, resolved with {@link Locations#resolve}
     * @return a corpus with defaults (characters, length 64, all text, 0.9/0.05)
     * @throws SeqLabException if the file is missing or not UTF-8 text
     */
    public static Corpus text(String path) {
        Path file = Locations.resolve(path);
        String name = file.getFileName().toString();
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new SeqLabException("File '" + name + "' is not UTF-8 text; convert it to UTF-8 (for example with iconv).", e);
        } catch (IOException e) {
            throw new SeqLabException("File '" + name + "' could not be read (" + Csv.rootMessage(e)
                    + "); check that it is a readable text file.", e);
        }
        return new Corpus(content, name, file, Tokenizer.CHARS, 64, 0, 0.9, 0.05);
    }

    /**
     * Uses text already in memory.
     *
     * @param text the corpus
     * @param name a name for summaries and run records
     * @return a corpus with defaults (characters, length 64, all text, 0.9/0.05)
     */
    public static Corpus of(String text, String name) {
        SeqLabException.check(text != null, "The corpus text is null; give a string of text.");
        return new Corpus(text, name == null || name.isBlank() ? "text" : name, null, Tokenizer.CHARS, 64, 0, 0.9, 0.05);
    }

    private Corpus with(Tokenizer t, int len, int max, double tr, double va) {
        return new Corpus(text, name, file, t, len, max, tr, va);
    }

    /**
     * Models characters, spaces and punctuation included (the default).
     *
     * @return a new corpus
     */
    public Corpus chars() {
        return with(Tokenizer.CHARS, length, maxChars, trainFraction, validationFraction);
    }

    /**
     * Models words: runs of letters, digits and apostrophes, case kept, punctuation dropped.
     *
     * @return a new corpus
     */
    public Corpus words() {
        return with(Tokenizer.WORDS, length, maxChars, trainFraction, validationFraction);
    }

    /**
     * Sets the sequence length: tokens per sample (default 64).
     *
     * @param tokens at least 1
     * @return a new corpus
     */
    public Corpus length(int tokens) {
        SeqLabException.check(tokens >= 1, "Sequence length %d is below 1; use a length of 1 or more tokens, such as 64.", tokens);
        return with(tokenizer, tokens, maxChars, trainFraction, validationFraction);
    }

    /**
     * Uses only the first {@code n} characters of the text, for quick runs.
     *
     * @param n characters to keep, at least 1
     * @return a new corpus
     */
    public Corpus maxChars(int n) {
        SeqLabException.check(n >= 1, "maxChars %d is below 1; keep at least 1 character, or leave maxChars out to use all text.", n);
        return with(tokenizer, length, n, trainFraction, validationFraction);
    }

    /**
     * Sets the contiguous split; the test part gets the rest.
     *
     * @param train fraction of tokens for training, in (0, 1)
     * @param validation fraction of tokens for validation, in [0, 1)
     * @return a new corpus
     */
    public Corpus split(double train, double validation) {
        Fractions.check(train, validation);
        return with(tokenizer, length, maxChars, train, validation);
    }

    private String usedText() {
        if (maxChars == 0 || maxChars >= text.length()) {
            return text;
        }
        // Never cut a surrogate pair in half.
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    /** {@inheritDoc} Of the whole source text, whatever {@link #maxChars} keeps. */
    @Override
    String fingerprintInMemory() {
        return Fingerprint.ofText(text);
    }

    @Override
    Built build() {
        List<String> tokens = tokenizer.tokenize(usedText(), false);
        int n = tokens.size();
        int need = 2 * length + 1;
        SeqLabException.check(n >= need,
                "Corpus %s has %d %s, shorter than two sequences of %d plus one next token (%d needed); use a shorter length or more text.",
                name, n, tokenizer.label(), length, need);
        int trainEnd = Fractions.boundary(n, trainFraction);
        int valEnd = Fractions.boundary(n, trainFraction + validationFraction);
        SeqLabException.check(trainEnd >= length + 1,
                "The training part of %s has %d %s but one sequence of %d needs %d; use a shorter length or a larger training fraction.",
                name, trainEnd, tokenizer.label(), length, length + 1);
        List<String> trainTokens = tokens.subList(0, trainEnd);
        Vocabulary vocab = tokenizer == Tokenizer.CHARS ? Vocabulary.sorted(trainTokens)
                : Vocabulary.byFrequency(List.of(trainTokens), Integer.MAX_VALUE, 1);
        int[] ids = vocab.encode(tokens);
        return new Built(vocab, ids, trainEnd, windows(ids, 0, trainEnd), windows(ids, trainEnd, valEnd),
                windows(ids, valEnd, n));
    }

    /** Non-overlapping windows inside [from, to); each needs its next token inside the part too. */
    private SeqSplit windows(int[] ids, int from, int to) {
        int count = Math.max(0, (to - from - 1) / length);
        int[][] x = new int[count][length];
        int[][] y = new int[count][length];
        int[] origin = new int[count];
        for (int i = 0; i < count; i++) {
            int start = from + i * length;
            System.arraycopy(ids, start, x[i], 0, length);
            System.arraycopy(ids, start + 1, y[i], 0, length);
            origin[i] = start;
        }
        return SeqSplit.nextToken(x, y, origin);
    }

    /** {@inheritDoc} Next-token prediction over the vocabulary. */
    @Override
    public DataSpec spec() {
        int v = built().vocabulary().size();
        return new DataSpec(Task.NEXT_TOKEN, length, 0, v, v, 1, List.of());
    }

    /** {@inheritDoc} Returns the input unchanged: tokens have no scale. */
    @Override
    public float[][] unscale(SeqSplit part, float[][] scaled) {
        return scaled;
    }

    /**
     * Encodes text with the training vocabulary (unseen tokens become {@code <unk>}), for
     * example to prime a generator.
     *
     * @param s text
     * @return token ids
     */
    public int[] encode(String s) {
        return built().vocabulary().encode(tokenizer.tokenize(s, false));
    }

    /**
     * Decodes ids to text: characters joined directly, words with spaces; padding is left out.
     *
     * @param ids token ids
     * @return the text
     */
    public String decode(int[] ids) {
        return tokenizer.join(built().vocabulary().decode(ids));
    }

    /** @return the number of ids, {@code <pad>} and {@code <unk>} included */
    public int vocabularySize() {
        return built().vocabulary().size();
    }

    /** @return the vocabulary object (encode, decode, ids) */
    public Vocabulary vocab() {
        return built().vocabulary();
    }

    /**
     * The perplexity of a unigram model on a part's next-token targets: the baseline a trained
     * language model must beat. Token probabilities are training counts with add-one smoothing
     * over every id except {@code <pad>} (which is never a target): p(t) = (count(t) + 1) /
     * (trainTokens + V - 1), with V the vocabulary size.
     *
     * @param part a split of this corpus
     * @return exp of the mean negative log-probability of the targets
     * @throws SeqLabException if the part is empty
     */
    public double unigramPerplexity(SeqSplit part) {
        SeqLabException.check(part != null && part.nextTokens() != null && part.size() > 0,
                "That part has no sequences to score; pass a non-empty train(), validation() or test() of this corpus.");
        Built b = built();
        int v = b.vocabulary().size();
        long[] counts = new long[v];
        for (int i = 0; i < b.trainEnd(); i++) {
            counts[b.ids()[i]]++;
        }
        double denominator = b.trainEnd() + (v - 1);
        double sum = 0;
        long n = 0;
        for (int[] row : part.nextTokens()) {
            for (int id : row) {
                SeqLabException.check(id > 0 && id < v, "That part does not come from this corpus; pass its train(), validation() or test().");
                sum -= Math.log((counts[id] + 1) / denominator);
                n++;
            }
        }
        return Math.exp(sum / n);
    }

    /** {@inheritDoc} */
    @Override
    public List<String> vocabulary() {
        return built().vocabulary().tokens();
    }

    /** Prints the whole configuration, defaults included, and what it builds. */
    @Override
    public String toString() {
        String head = String.format(Locale.ROOT, "Corpus[%s %s length=%d maxChars=%s split=%s/%s/%s",
                name, tokenizer.label(), length, maxChars == 0 ? "all" : Integer.toString(maxChars),
                Fractions.format(trainFraction), Fractions.format(validationFraction),
                Fractions.format(1 - trainFraction - validationFraction));
        return describe(head, b -> String.format(Locale.ROOT, "tokens=%d ids=%d train=%d val=%d test=%d sequences",
                b.ids().length, b.vocabulary().size(), b.train().size(), b.validation().size(), b.test().size()));
    }
}
