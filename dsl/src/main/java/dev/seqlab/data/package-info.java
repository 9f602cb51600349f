/**
 * From tables, files and text to sequence data sets a model can train on.
 *
 * <ul>
 *   <li>{@link dev.seqlab.data.Series}: sliding numeric windows for forecasting, with a
 *       chronological split, scaling fitted on the training rows only, and naive and drift
 *       baselines for honest evaluation.</li>
 *   <li>{@link dev.seqlab.data.TextData}: text classification, word or character tokens, a
 *       stratified split and a {@link dev.seqlab.data.Vocabulary} built from training text.</li>
 *   <li>{@link dev.seqlab.data.Corpus}: language modelling on a token stream with next-token
 *       targets and a unigram perplexity baseline.</li>
 *   <li>{@link dev.seqlab.data.Csv}: reads CSV files into Tablesaw tables with one-sentence errors.</li>
 * </ul>
 *
 * <p>All three data classes are immutable fluent objects implementing
 * {@link dev.seqlab.data.SequenceData}; they validate their settings as they are given, build their
 * parts on first use, and report problems as {@link dev.seqlab.SeqLabException}s whose message
 * names the problem and its fix.
 *
 * <p>A new data source (another file format, another kind of sequence) is a new class here
 * implementing {@link dev.seqlab.data.SequenceData}: its parts as {@link dev.seqlab.data.SeqSplit}s,
 * its {@link dev.seqlab.data.DataSpec}, a {@link dev.seqlab.data.Fingerprint} of its source; file
 * reading goes through {@link dev.seqlab.data.Csv}. Models, training and charts need nothing else.
 */
package dev.seqlab.data;
