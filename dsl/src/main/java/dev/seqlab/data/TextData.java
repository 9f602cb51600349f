package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import dev.seqlab.runtime.Locations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Text classification: each row's text becomes a padded sequence of token ids, its label a class.
 *
 * <pre>{@code
 * var reviews = TextData.csv("datasets/sentiment_labelled_sentences.csv", "text", "label")
 *         .words().maxLength(40).split(0.7, 0.15).seed(42);
 * }</pre>
 *
 * <p>The split is stratified by class and shuffled with {@code new Random(seed)}. The vocabulary
 * and the automatic maximum length come from the training part only. Sequences longer than the
 * maximum length are cut, shorter ones padded with id 0 at the end; {@link SeqSplit#lengths()}
 * holds each real length, so the batch mask marks the padding.
 *
 * <p>Instances are immutable; the encoded parts are built on first use and cached (thread-safe).
 */
public final class TextData extends LazyData<TextData.Built> {

    /** Longest automatic maximum length; longer sequences cost time and rarely help. */
    static final int AUTO_MAX_LENGTH_CAP = 200;

    record Built(Vocabulary vocabulary, int maxLength, List<List<String>> tokens, SeqSplit train,
            SeqSplit validation, SeqSplit test) implements LazyData.Parts {}

    private final Table table;
    private final String textColumn;
    private final String labelColumn;
    private final Labels labels;
    private final Tokenizer tokenizer;
    private final boolean lowercase;
    private final int maxLength;
    private final int vocabMax;
    private final int minCount;
    private final double trainFraction;
    private final double validationFraction;
    private final long seed;

    private TextData(Table table, String name, Path file, String textColumn, String labelColumn, Labels labels,
            Tokenizer tokenizer, boolean lowercase, int maxLength, int vocabMax, int minCount, double trainFraction,
            double validationFraction, long seed) {
        super(name, file);
        this.table = table;
        this.textColumn = textColumn;
        this.labelColumn = labelColumn;
        this.labels = labels;
        this.tokenizer = tokenizer;
        this.lowercase = lowercase;
        this.maxLength = maxLength;
        this.vocabMax = vocabMax;
        this.minCount = minCount;
        this.trainFraction = trainFraction;
        this.validationFraction = validationFraction;
        this.seed = seed;
    }

    /**
     * Reads a CSV file with a text column and a label column.
     *
     * @param path a path or a bundled data set, resolved with {@link Locations#resolve}
     * @param textColumn the column holding the text
     * @param labelColumn the column holding the class (strings or integers)
     * @return text data with defaults (words, lowercase, automatic length, 20000 ids, 0.7/0.15, seed 42)
     * @throws SeqLabException if the file or a column is missing, the text is all empty, labels are
     *     missing or there is only one class
     */
    public static TextData csv(String path, String textColumn, String labelColumn) {
        return csv(path, textColumn, labelColumn, CsvFormat.detect());
    }

    /**
     * Reads a CSV file with a given delimiter or decimal separator.
     *
     * @param path a path or a bundled data set, resolved with {@link Locations#resolve}
     * @param textColumn the column holding the text
     * @param labelColumn the column holding the class (strings or integers)
     * @param format the delimiter and decimal separator, for example {@code CsvFormat.detect().delimiter(';')}
     * @return text data with defaults (words, lowercase, automatic length, 20000 ids, 0.7/0.15, seed 42)
     * @throws SeqLabException as for {@link #csv(String, String, String)}
     */
    public static TextData csv(String path, String textColumn, String labelColumn, CsvFormat format) {
        Path file = Locations.resolve(path);
        return create(Csv.read(file, format), file.getFileName().toString(), file, textColumn, labelColumn);
    }

    /**
     * Uses a table already in memory.
     *
     * @param table one sample per row
     * @param textColumn the column holding the text
     * @param labelColumn the column holding the class (strings or integers)
     * @return text data with defaults (words, lowercase, automatic length, 20000 ids, 0.7/0.15, seed 42)
     * @throws SeqLabException as for {@link #csv}
     */
    public static TextData of(Table table, String textColumn, String labelColumn) {
        SeqLabException.check(table != null, "The table is null; give a Tablesaw table such as Table.read().csv(...).");
        String name = table.name() == null || table.name().isBlank() ? "the table" : table.name();
        SeqLabException.check(table.rowCount() > 0, "Table '%s' has no rows; give a table with data.", name);
        return create(table, name, null, textColumn, labelColumn);
    }

    private static TextData create(Table table, String name, Path file, String textColumn, String labelColumn) {
        Column<?> text = Columns.require(table, textColumn, name);
        Column<?> label = Columns.require(table, labelColumn, name);
        boolean anyText = false;
        for (int i = 0; i < text.size() && !anyText; i++) {
            anyText = !text.isMissing(i) && !text.getString(i).isBlank();
        }
        SeqLabException.check(anyText, "Text column '%s' of %s is empty in every row; pick the column that holds the text.",
                textColumn, name);
        Labels labels = Labels.of(label, name);
        return new TextData(table, name, file, textColumn, labelColumn, labels, Tokenizer.WORDS, true, 0, 20000, 1,
                0.7, 0.15, 42L);
    }

    private TextData with(Tokenizer t, boolean lower, int maxLen, int vMax, int minC, double tr, double va, long s) {
        return new TextData(table, name, file, textColumn, labelColumn, labels, t, lower, maxLen, vMax, minC, tr, va, s);
    }

    /**
     * Tokenises into words: runs of letters, digits and apostrophes (the default).
     *
     * @return new text data
     */
    public TextData words() {
        return with(Tokenizer.WORDS, lowercase, maxLength, vocabMax, minCount, trainFraction, validationFraction, seed);
    }

    /**
     * Tokenises into single characters, spaces and punctuation included (for names, short strings).
     *
     * @return new text data
     */
    public TextData chars() {
        return with(Tokenizer.CHARS, lowercase, maxLength, vocabMax, minCount, trainFraction, validationFraction, seed);
    }

    /**
     * Sets whether text is lower-cased before tokenising (default true).
     *
     * @param lower true to lower-case
     * @return new text data
     */
    public TextData lowercase(boolean lower) {
        return with(tokenizer, lower, maxLength, vocabMax, minCount, trainFraction, validationFraction, seed);
    }

    /**
     * Sets the sequence length T: longer texts are cut, shorter ones padded. 0 (the default)
     * picks the 95th percentile of training lengths, at least 1 and at most 200.
     *
     * @param length tokens per sample, at least 1, or 0 for automatic
     * @return new text data
     */
    public TextData maxLength(int length) {
        SeqLabException.check(length >= 1 || length == 0,
                "Maximum length %d is below 1; use a length of 1 or more tokens, or 0 to pick it from the training texts.", length);
        return with(tokenizer, lowercase, length, vocabMax, minCount, trainFraction, validationFraction, seed);
    }

    /**
     * Limits the vocabulary built from the training part.
     *
     * @param maxSize most ids, {@code <pad>} and {@code <unk>} included (at least 2; default 20000)
     * @param minCount least occurrences for a token to get an id (at least 1; default 1)
     * @return new text data
     */
    public TextData vocabulary(int maxSize, int minCount) {
        Vocabulary.checkLimits(maxSize, minCount);
        return with(tokenizer, lowercase, maxLength, maxSize, minCount, trainFraction, validationFraction, seed);
    }

    /**
     * Sets the stratified split; the test part gets the rest.
     *
     * @param train fraction of each class for training, in (0, 1)
     * @param validation fraction of each class for validation, in [0, 1)
     * @return new text data
     */
    public TextData split(double train, double validation) {
        Fractions.check(train, validation);
        return with(tokenizer, lowercase, maxLength, vocabMax, minCount, train, validation, seed);
    }

    /**
     * Sets the seed of the stratified shuffle (default 42).
     *
     * @param s the seed
     * @return new text data
     */
    public TextData seed(long s) {
        return with(tokenizer, lowercase, maxLength, vocabMax, minCount, trainFraction, validationFraction, s);
    }

    @Override
    String fingerprintInMemory() {
        return Fingerprint.ofTable(table);
    }

    @Override
    Built build() {
        Column<?> text = table.column(textColumn);
        List<List<String>> tokens = new ArrayList<>(text.size());
        for (int i = 0; i < text.size(); i++) {
            List<String> t = tokenizer.tokenize(text.isMissing(i) ? "" : text.getString(i), lowercase);
            SeqLabException.check(!t.isEmpty(),
                    "Row %d of text column '%s' has no %s after tokenisation; drop or fill that row (for example with table.dropWhere(...)).",
                    i, textColumn, tokenizer.label());
            tokens.add(List.copyOf(t));
        }
        int[][] parts = Stratified.split(labels, labelColumn, trainFraction, validationFraction, seed);
        List<List<String>> trainTokens = new ArrayList<>();
        for (int row : parts[0]) {
            trainTokens.add(tokens.get(row));
        }
        Vocabulary vocab = Vocabulary.byFrequency(trainTokens, vocabMax, minCount);
        int len = maxLength > 0 ? maxLength : autoLength(trainTokens);
        return new Built(vocab, len, List.copyOf(tokens), encode(parts[0], tokens, vocab, len),
                encode(parts[1], tokens, vocab, len), encode(parts[2], tokens, vocab, len));
    }

    /** The 95th percentile (nearest rank) of training lengths: few texts are cut, little padding. */
    private static int autoLength(List<List<String>> trainTokens) {
        int[] lengths = trainTokens.stream().mapToInt(List::size).sorted().toArray();
        int rank = (int) Math.ceil(0.95 * lengths.length) - 1;
        return Math.max(1, Math.min(AUTO_MAX_LENGTH_CAP, lengths[Math.max(0, rank)]));
    }

    private SeqSplit encode(int[] rows, List<List<String>> tokens, Vocabulary vocab, int len) {
        int[][] ids = new int[rows.length][len];
        int[] lengths = new int[rows.length];
        int[] classes = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int[] all = vocab.encode(tokens.get(rows[i]));
            lengths[i] = Math.min(len, all.length);
            System.arraycopy(all, 0, ids[i], 0, lengths[i]);
            classes[i] = labels.classes()[rows[i]];
        }
        return SeqSplit.classification(ids, lengths, classes, rows.clone());
    }

    /** {@inheritDoc} Classification over token ids; labels are the class names. */
    @Override
    public DataSpec spec() {
        Built b = built();
        return new DataSpec(Task.CLASSIFICATION, b.maxLength(), 0, b.vocabulary().size(), labels.names().size(), 1,
                labels.names());
    }

    /** {@inheritDoc} Returns the input unchanged: classes have no scale. */
    @Override
    public float[][] unscale(SeqSplit part, float[][] scaled) {
        return scaled;
    }

    /** @return the class names by class index (sorted label values) */
    public List<String> classNames() {
        return labels.names();
    }

    /**
     * Returns the original text of each sample of a part, for tables and plots.
     *
     * @param part a split of this data
     * @return one text per sample, in the part's order
     */
    public List<String> texts(SeqSplit part) {
        Column<?> text = table.column(textColumn);
        List<String> out = new ArrayList<>(part.size());
        for (int row : rows(part)) {
            out.add(text.getString(row));
        }
        return out;
    }

    /**
     * Returns the tokens of one sample as the model sees them position by position (cut to the
     * maximum length, no padding), but as written rather than {@code <unk>}, for attention plots.
     *
     * @param part a split of this data
     * @param i the sample's index in the part
     * @return its tokens
     */
    public List<String> tokens(SeqSplit part, int i) {
        SeqLabException.check(i >= 0 && i < part.size(), "Sample %d is outside the part of %d samples; use an index from 0 to %d.",
                i, part.size(), part.size() - 1);
        Built b = built();
        List<String> all = b.tokens().get(rows(part)[i]);
        return all.subList(0, Math.min(all.size(), b.maxLength()));
    }

    private int[] rows(SeqSplit part) {
        SeqLabException.check(part != null && (part.size() == 0 || part.classes() != null && part.tokens() != null),
                "That split does not come from this text data; pass train(), validation() or test().");
        for (int row : part.origin()) {
            SeqLabException.check(row >= 0 && row < table.rowCount(),
                    "That split does not come from this text data; pass train(), validation() or test().");
        }
        return part.origin();
    }

    /**
     * The vocabulary built from the training part.
     *
     * @return the vocabulary object (encode, decode, ids)
     */
    public Vocabulary vocab() {
        return built().vocabulary();
    }

    /**
     * The exit to the layer below.
     *
     * @return the Tablesaw table this data reads (do not modify it)
     */
    public Table table() {
        return table;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> vocabulary() {
        return built().vocabulary().tokens();
    }

    /** Prints the whole configuration, defaults included, and what it builds. */
    @Override
    public String toString() {
        String head = String.format(Locale.ROOT,
                "TextData[%s text=%s label=%s classes=%s %s lowercase=%s maxLength=%s vocabulary=%d minCount=%d split=%s/%s/%s seed=%d",
                name, textColumn, labelColumn, labels.names(), tokenizer.label(), lowercase,
                maxLength == 0 ? "auto" : Integer.toString(maxLength), vocabMax, minCount,
                Fractions.format(trainFraction), Fractions.format(validationFraction),
                Fractions.format(1 - trainFraction - validationFraction), seed);
        return describe(head, b -> String.format(Locale.ROOT, "length=%d ids=%d train=%d val=%d test=%d samples",
                b.maxLength(), b.vocabulary().size(), b.train().size(), b.validation().size(), b.test().size()));
    }
}
