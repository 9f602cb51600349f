//%% md
# Grapheme to phoneme: sequence to sequence with attention

English spelling is a poor guide to pronunciation: *though*, *through*, *tough* and *cough* share
four letters and no vowel sound. **Grapheme-to-phoneme conversion** (G2P) learns the mapping from
a word's letters to its phonemes, here in ARPAbet with stress digits (`letter` -> `L EH1 T ER0`),
from the Carnegie Mellon Pronouncing Dictionary (a deterministic third of it is in `datasets/`).

Input and output are both sequences, of different lengths and without a given alignment, so this
is a job for an **encoder-decoder**: the encoder (a bidirectional LSTM) reads the letters, the
decoder (an LSTM) writes phonemes one at a time, each time reading the phoneme it wrote last.
We compare two of them, trained identically:

- **baseline**: the decoder sees the spelling only through the encoder's final state, handed over
  by a linear *bridge*: one vector must carry the whole word;
- **attention** (Bahdanau et al., 2015): at every output step the decoder scores every letter's
  encoding against its own state, and reads a weighted average of them. The weights form the
  **alignment**: which letters each phoneme was read from.

Both are scored on held-out test words by **PER** (phoneme error rate: edit distance between the
output and the dictionary's phonemes, summed over words, over the number of reference phonemes)
and **WER** (word error rate: the share of words with any error). Published attention models reach
about 7-9% PER and 30-35% WER after hours of training on the whole dictionary; this notebook's
default trains for about two minutes on 12,000 words.

**What to look at:** the table of PER and WER with the interval of each WER, the alignment
heatmaps of right and wrong words, and what beam search changes over greedy decoding.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int LIMIT = 15000;        // words used (0 = all 37,908); 80% train, 10% validation, 10% test
int EPOCHS = 10;          // epochs per model (cosine learning-rate decay over them)
int HIDDEN = 64;          // encoder units per direction; the decoder has twice as many
int BEAM = 4;             // beam width
double ALPHA = 0.6;       // beam length normalisation: score / (length + 1)^ALPHA
long SEED = 42;

//%% md
## Data

Letters are the source tokens, space-separated phonemes the target tokens; each side gets its own
vocabulary, built from the training words only (the target one with start and end tokens). The
words are assigned at random (with the seed) to training, validation and test.

//%% code
import dev.seqlab.seq2seq.*;
var loader = PairedTokens.csv("datasets/cmudict_g2p.csv", "word", "phonemes").targetWords().split(0.8, 0.1).seed(SEED);
var g2p = (LIMIT > 0 ? loader.limit(LIMIT) : loader).load();
var test = g2p.test();
System.out.println(g2p);
System.out.println(g2p.sourceVocabulary());
System.out.println(g2p.targetVocabulary());
for (int i = 0; i < 3; i++) System.out.println(String.join("", test.sourceTokens(i)) + " -> " + String.join(" ", test.targetTokens(i)));

//%% md
## Two encoder-decoders, trained the same way

The encoder is any SeqLab `Stack`; here a one-layer bidirectional LSTM with a 32-wide letter
embedding. The decoder is a one-layer LSTM with `2 × HIDDEN` units. Training uses teacher forcing
(the decoder reads the true previous phoneme), Adam with cosine decay, gradients clipped at norm 1,
and keeps the weights of the epoch with the lowest validation loss.

//%% code
Stack encoder = Stack.lstm(HIDDEN).bidirectional().embedding(32);
Stack decoder = Stack.lstm(2 * HIDDEN);
Seq2Seq plain = Seq2Seq.of(encoder, decoder).embedding(32);
Seq2Seq attentive = plain.attention(Scoring.ADDITIVE);
Seq2SeqExperiment setup(Seq2Seq model, String name) {
    return Seq2SeqExperiment.of(model, g2p).name(name).adam(3e-3).cosine().clipNorm(1.0).epochs(EPOCHS).batch(64).seed(SEED);
}
Seq2SeqRun baseline = setup(plain, "baseline (no attention)").train();
Seq2SeqRun attention = setup(attentive, "additive attention").train();
attention.history()

//%% md
## Test words: PER and WER

Greedy decoding (the most probable phoneme at every step) of every test word. The WER interval is
a 95% Wilson interval over the test words: it says how much the WER of *this trained model* could
differ on another sample of words. It does not cover the variation from one training run (seed)
to another, which this notebook does not measure; so the verdict below is a single-run
observation.

//%% code
List<Decoded> baseOut = baseline.greedy(test);
List<Decoded> attOut = attention.greedy(test);
Score baseScore = Score.of(baseOut);
Score attScore = Score.of(attOut);
Table scores(String title, List<String> names, List<Score> s, List<Long> params, List<Double> seconds) {
    return Table.create(title, StringColumn.create("model", names),
            DoubleColumn.create("PER", s.stream().mapToDouble(Score::errorRate).toArray()),
            DoubleColumn.create("WER", s.stream().mapToDouble(Score::sequenceErrorRate).toArray()),
            DoubleColumn.create("WER 95% low", s.stream().mapToDouble(x -> x.sequenceErrorInterval()[0]).toArray()),
            DoubleColumn.create("WER 95% high", s.stream().mapToDouble(x -> x.sequenceErrorInterval()[1]).toArray()),
            DoubleColumn.create("token accuracy", s.stream().mapToDouble(Score::tokenAccuracy).toArray()),
            DoubleColumn.create("parameters", params.stream().mapToDouble(Long::doubleValue).toArray()),
            DoubleColumn.create("train seconds", seconds.stream().mapToDouble(Double::doubleValue).toArray()));
}
display(scores("greedy decoding, " + test.size() + " test words", List.of("baseline", "attention"), List.of(baseScore, attScore),
        List.of(baseline.parameterCount(), attention.parameterCount()), List.of(baseline.trainSeconds(), attention.trainSeconds())));
boolean attentionBetter = attScore.sequenceErrorInterval()[1] < baseScore.sequenceErrorInterval()[0];
System.out.println(String.format(Locale.ROOT, "Baseline: PER %.2f%%, WER %.2f%% (95%% CI %.2f-%.2f%%).", 100 * baseScore.errorRate(),
        100 * baseScore.sequenceErrorRate(), 100 * baseScore.sequenceErrorInterval()[0], 100 * baseScore.sequenceErrorInterval()[1]));
System.out.println(String.format(Locale.ROOT, "Attention: PER %.2f%%, WER %.2f%% (95%% CI %.2f-%.2f%%).", 100 * attScore.errorRate(),
        100 * attScore.sequenceErrorRate(), 100 * attScore.sequenceErrorInterval()[0], 100 * attScore.sequenceErrorInterval()[1]));
System.out.println(attentionBetter
        ? "Observation (one training run each): attention has the lower WER, and the two 95% intervals over test words do not overlap."
        : "Observation (one training run each): no WER difference detectable; the two 95% intervals over test words overlap.");

//%% md
## Where the decoder looked

Each heatmap is one test word: output phonemes down (the end token last), letters across, the
attention weight as colour. The first three words are ones the model got right, the last three
ones it got wrong (the title gives the expected phonemes). A roughly diagonal band means the
model reads the word left to right; silent letters get little weight of their own, and letter
pairs such as *th* or *ph* that make one phoneme share it.

//%% code
Alignments.rightAndWrong(attOut, 3, 3)

//%% md
## Beam search against greedy decoding

Greedy decoding commits to the most probable phoneme at every step. **Beam search** keeps the
`BEAM` most probable partial outputs at every step and returns the best complete one, ranking
complete outputs by their log-probability divided by (length + 1)^`ALPHA`, so that longer outputs
are not penalised just for having more factors. A beam of width 1 is exactly greedy decoding (a
test checks this).

//%% code
List<Decoded> beamOut = attention.beamAll(test, BEAM, ALPHA);
Score beamScore = Score.of(beamOut);
int changed = 0, fixed = 0, broken = 0;
for (int i = 0; i < test.size(); i++) {
    if (!beamOut.get(i).tokens().equals(attOut.get(i).tokens())) changed++;
    if (beamOut.get(i).correct() && !attOut.get(i).correct()) fixed++;
    if (!beamOut.get(i).correct() && attOut.get(i).correct()) broken++;
}
display(scores("attention model, greedy against beam " + BEAM, List.of("greedy", "beam " + BEAM), List.of(attScore, beamScore),
        List.of(attention.parameterCount(), attention.parameterCount()), List.of(attention.trainSeconds(), attention.trainSeconds())));
System.out.println(String.format(Locale.ROOT, "Beam search changed %d of %d outputs: %d words fixed, %d broken.", changed, test.size(), fixed, broken));

//%% md
The candidates of one word the greedy decoder got wrong, with their log-probabilities:

//%% code
int wrongWord = 0;
while (wrongWord < test.size() - 1 && attOut.get(wrongWord).correct()) wrongWord++;
attention.beamTable(test, wrongWord, BEAM, ALPHA)

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests: each rate is
recomputed from the counts below it, and the counts of test words and phonemes from the data).

//%% code
System.out.printf(Locale.ROOT, "limit = %d%n", LIMIT);
System.out.printf(Locale.ROOT, "seed = %d%n", SEED);
System.out.printf(Locale.ROOT, "test_words = %d%n", test.size());
System.out.printf(Locale.ROOT, "reference_phonemes = %d%n", attScore.referenceTokens());
for (var e : List.of(Map.entry("baseline", baseScore), Map.entry("attention", attScore), Map.entry("beam", beamScore))) {
    System.out.printf(Locale.ROOT, "%s_per = %.6f%n", e.getKey(), e.getValue().errorRate());
    System.out.printf(Locale.ROOT, "%s_wer = %.6f%n", e.getKey(), e.getValue().sequenceErrorRate());
    System.out.printf(Locale.ROOT, "%s_edits = %d%n", e.getKey(), e.getValue().edits());
    System.out.printf(Locale.ROOT, "%s_wrong = %d%n", e.getKey(), e.getValue().wrong());
}
System.out.printf(Locale.ROOT, "attention_wer_low = %.6f%n", attScore.sequenceErrorInterval()[0]);
System.out.printf(Locale.ROOT, "attention_wer_high = %.6f%n", attScore.sequenceErrorInterval()[1]);
System.out.printf(Locale.ROOT, "baseline_wer_low = %.6f%n", baseScore.sequenceErrorInterval()[0]);
System.out.printf(Locale.ROOT, "baseline_wer_high = %.6f%n", baseScore.sequenceErrorInterval()[1]);
System.out.printf(Locale.ROOT, "attention_better = %d%n", attentionBetter ? 1 : 0);
baseline.close();
attention.close();

//%% md
## A longer configuration

The default is sized to run in a few minutes on two cores. A longer run on the whole dictionary
(30,326 training words), with wider networks and more epochs:

```bash
./seqlab run notebooks/08-g2p.ipynb -p LIMIT 0 -p EPOCHS 20 -p HIDDEN 128 -o g2p-long.ipynb
```

It took 28.6 minutes on the shared 2-core machine under heavy load from other jobs (baseline 569 s,
attention 1,111 s of training) and reached, on 3,791 test words (one run each, seed 42):

| model | PER | WER (95% interval over test words) |
|---|---|---|
| baseline, greedy | 19.56% | 56.29% (54.71-57.86%) |
| attention, greedy | 13.65% | 47.43% (45.84-49.02%) |
| attention, beam 4 | 13.27% | 46.56% (44.97-48.15%) |

Still well short of the published 7-9% PER and 30-35% WER. Its history shows why: the attention
model's validation loss was lowest at epoch 5 of 20 (0.326) while its training loss kept falling
to 0.003, so the kept weights are those of epoch 5 and the remaining epochs only overfit. More
regularisation (dropout between two encoder layers), `earlyStop(3)` to save the wasted epochs,
and scheduled sampling are the next things to try; they were not run here.

## Try next

- `Scoring.GENERAL` or `Scoring.DOT` (Luong et al., 2015) instead of `Scoring.ADDITIVE`
  (dot needs equal encoder and decoder widths: both are `2 × HIDDEN` here).
- Scheduled sampling: `.scheduledSampling(1.0, 0.7)` on the experiment lets the decoder read its
  own predictions more and more often during training, as it must at test time.
- A deeper encoder: `Stack.lstm(HIDDEN).layers(2).dropout(0.2).bidirectional().embedding(32)`.
