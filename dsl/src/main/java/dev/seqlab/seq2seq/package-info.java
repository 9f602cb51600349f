/**
 * Sequence to sequence: encoder-decoder models with attention, their training and decoding.
 *
 * <ul>
 *   <li>{@link dev.seqlab.seq2seq.Seq2Seq}: the architecture, an encoder {@link dev.seqlab.model.Stack}
 *       (any stack the DSL declares, bidirectional allowed), a unidirectional decoder stack and a
 *       {@link dev.seqlab.seq2seq.Scoring} (additive, general, dot) or none. The stacks are built
 *       through their public API only, so the encoder follows the DSL's stacks as they grow.</li>
 *   <li>{@link dev.seqlab.seq2seq.Seq2SeqModel}: the built model (bridge, decoder step,
 *       {@link dev.seqlab.seq2seq.AttentionScorer}, teacher forcing).</li>
 *   <li>{@link dev.seqlab.seq2seq.Seq2SeqExperiment} and {@link dev.seqlab.seq2seq.Seq2SeqRun}:
 *       training with the feel of {@code train.Experiment} (seeds, schedules, clipping, early
 *       stopping, live progress, scheduled sampling) and the trained run (greedy and beam-search
 *       decoding, save and load).</li>
 *   <li>{@link dev.seqlab.seq2seq.Decoded}, {@link dev.seqlab.seq2seq.Score},
 *       {@link dev.seqlab.seq2seq.EditDistance}: results and their metrics (token and sequence
 *       accuracy, edit-distance error rate such as PER, WER with its Wilson interval).</li>
 * </ul>
 *
 * <p>Data come from {@link dev.seqlab.data.PairedTokens}; alignment heatmaps of decoded sequences are drawn by
 * {@link dev.seqlab.seq2seq.Alignments} (with {@code plot.AlignmentCharts}, which knows nothing of seq2seq).
 */
package dev.seqlab.seq2seq;
