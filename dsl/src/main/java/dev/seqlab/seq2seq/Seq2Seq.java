package dev.seqlab.seq2seq;

import dev.seqlab.SeqLabException;
import dev.seqlab.data.PairedTokens;
import dev.seqlab.model.Head;
import dev.seqlab.model.Stack;
import java.util.Objects;

/**
 * An immutable description of an encoder-decoder: an encoder {@link Stack} (any stack the DSL
 * can declare, bidirectional allowed), a unidirectional decoder {@link Stack}, how the decoder
 * attends to the encoder outputs, and the size of the target embedding.
 *
 * <pre>{@code
 * Seq2Seq model = Seq2Seq.of(Stack.lstm(64).bidirectional(), Stack.lstm(64)).attention(Scoring.ADDITIVE);
 * Seq2SeqRun run = Seq2SeqExperiment.of(model, g2p).epochs(10).train();
 * }</pre>
 *
 * <p>The encoder's final summary (its forward half at the last real step, its backward half at
 * step 0, as the DSL's stacks summarise a sequence) is projected to the decoder's initial state
 * by the encoder stack's own linear head followed by tanh: the <em>bridge</em>, needed whenever
 * the widths differ (a bidirectional encoder is twice as wide). Each decoder step reads the
 * previous target token's embedding and, with attention, the previous context vector (input
 * feeding); its output logits are a linear map of the decoder's top state plus one of the
 * current context.
 */
public final class Seq2Seq {

    /** Target embedding size when {@link #embedding(int)} is not called. */
    public static final int DEFAULT_EMBEDDING = 32;

    private final Stack encoder;
    private final Stack decoder;
    private final Scoring scoring;
    private final int embedding;

    private Seq2Seq(Stack encoder, Stack decoder, Scoring scoring, int embedding) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.scoring = scoring;
        this.embedding = embedding;
    }

    /**
     * Declares an encoder-decoder without attention (the decoder sees only the bridged final
     * state): the classic baseline. Add {@link #attention(Scoring)} for the attention model.
     *
     * @param encoder the encoder stack (its source embedding is set with {@code .embedding(n)})
     * @param decoder the decoder stack, unidirectional
     * @return the configuration
     */
    public static Seq2Seq of(Stack encoder, Stack decoder) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        SeqLabException.check(!decoder.isBidirectional(),
                "A decoder cannot be bidirectional because it writes its output one token at a time and has no future to read; remove .bidirectional() from the decoder stack.");
        SeqLabException.check(!decoder.hasAttention(),
                "The decoder's .attention() pools a whole sequence, which a decoder writing one token at a time does not have; remove it and use Seq2Seq.attention(Scoring) instead.");
        SeqLabException.check(decoder.embeddingDim() == 0,
                "The decoder stack's .embedding(%d) has no effect here; set the target embedding with Seq2Seq.embedding(%d) instead.",
                decoder.embeddingDim(), decoder.embeddingDim());
        SeqLabException.check(encoder.head() == Head.AUTO && decoder.head() == Head.AUTO,
                "An encoder-decoder chooses its own heads (bridge and token logits); remove .regression(), .classification() or .nextToken() from the stacks.");
        return new Seq2Seq(encoder, decoder, null, DEFAULT_EMBEDDING);
    }

    /**
     * Lets the decoder attend to the encoder outputs at every step.
     *
     * @param s the score function
     * @return a new configuration
     */
    public Seq2Seq attention(Scoring s) {
        Objects.requireNonNull(s, "scoring");
        if (s == Scoring.DOT) {
            int enc = encoder.layer(encoder.layers() - 1).width();
            int dec = decoder.sizes()[decoder.layers() - 1];
            SeqLabException.check(enc == dec,
                    "Dot attention needs equal widths but the encoder outputs %d values per step and the decoder %d; make them equal or use Scoring.GENERAL.",
                    enc, dec);
        }
        return new Seq2Seq(encoder, decoder, s, embedding);
    }

    /**
     * Sets the target-token embedding size.
     *
     * @param dim at least 1
     * @return a new configuration
     */
    public Seq2Seq embedding(int dim) {
        SeqLabException.check(dim >= 1, "Embedding size %d is below 1; use .embedding(32) or another positive size.", dim);
        return new Seq2Seq(encoder, decoder, scoring, dim);
    }

    /**
     * Builds the model for a data set (not yet initialised).
     *
     * @param data the paired data whose vocabularies size the embeddings and the output
     * @return the model
     */
    public Seq2SeqModel build(PairedTokens data) {
        return new Seq2SeqModel(this, data.sourceVocabulary().size(), data.targetVocabulary().size(),
                Math.max(1, data.train().maxSourceLength()));
    }

    /** @return the encoder stack */
    public Stack encoder() {
        return encoder;
    }

    /** @return the decoder stack */
    public Stack decoder() {
        return decoder;
    }

    /** @return the score function, or null without attention */
    public Scoring scoring() {
        return scoring;
    }

    /** @return whether the decoder attends to the encoder */
    public boolean hasAttention() {
        return scoring != null;
    }

    /** @return the target embedding size */
    public int embeddingDim() {
        return embedding;
    }

    @Override
    public String toString() {
        return "Seq2Seq[encoder=" + encoder + " decoder=" + decoder + " attention=" + (scoring == null ? "none" : scoring.label())
                + " embedding=" + embedding + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seq2Seq s && encoder.equals(s.encoder) && decoder.equals(s.decoder) && scoring == s.scoring
                && embedding == s.embedding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoder, decoder, scoring, embedding);
    }
}
