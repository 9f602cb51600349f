//%% md
# Language modelling: a character LSTM on *Pride and Prejudice*

A language model assigns a probability to the next token given everything before it. Trained on
characters, it has to learn spelling, then words, then a little grammar and punctuation, all from
the single task of guessing the next letter. It is the simplest way to see what a recurrent
network can carry in its state.

**Perplexity** measures how surprised the model is: the exponential of the mean cross entropy of
the true next characters. A perplexity of *k* means the model is, on average, as uncertain as if
it were choosing uniformly among *k* characters. The honest baseline is the **unigram** model,
which ignores context and predicts each character by its frequency in the training text; any
gain over it comes from context.

Training uses **truncated backpropagation through time** (TBPTT): each training sequence is cut
into chunks; the hidden state flows from chunk to chunk, but gradients stop at the chunk
boundaries. Memory and time per update then stop growing with the sequence length, at the price
of not learning dependencies longer than a chunk *through the gradient* (the state can still
carry them forward).

Finally we let the model write. Generation samples one character at a time from the softmax of
the logits divided by a **temperature**: below 1 the model plays safe (and repeats itself), above
1 it takes risks (and misspells).

**What to look at:** the model's perplexity against the unigram's, the time per epoch with and
without truncation, and how the samples change with temperature. The comparison with the unigram
rests on several seeds, not one: one training run is an anecdote, so the language model is trained
`REPLICATES` times and the verdict is printed only when the 95% interval of its mean perplexity
excludes the unigram's.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int EPOCHS = 12;          // passes over the training text
int HIDDEN = 96;          // LSTM units
int MAX_CHARS = 150000;   // characters of the novel used (from its start)
int LENGTH = 96;          // characters per training sequence
int BPTT = 24;            // truncated BPTT chunk length
int SAMPLE_LENGTH = 240;  // characters generated per sample
long SEED = 42;           // seed of the run we look inside
int REPLICATES = 5;       // seeds 1..REPLICATES for the perplexity's interval (each a full EPOCHS training)

//%% md
## The text

`Corpus` cuts the text into non-overlapping sequences of `LENGTH` characters; the target at each
position is the next character. The split is contiguous (train first, then validation, then test),
so no sentence is shared between parts. The vocabulary is every character of the training part.

//%% code
var austen = Corpus.text("datasets/austen_prideprejudice.txt").chars().length(LENGTH).maxChars(MAX_CHARS);
System.out.println(austen);
double unigram = austen.unigramPerplexity(austen.test());
System.out.println(String.format(Locale.ROOT, "Unigram perplexity on the test text: %.2f (over %d character ids).", unigram, austen.vocabularySize()));

//%% md
## Full against truncated backpropagation, one epoch each

Before the real training, one epoch each way on the same data and seed: full backpropagation
through all `LENGTH` steps, and truncated backpropagation in chunks of `BPTT`. The printed
seconds are measured on this machine, and the test perplexity shows what one epoch bought. With
sequences as short as these there is little to save, so read the seconds before believing that
truncation is always faster: its gain is in memory and in the cost of very long sequences, where
full backpropagation has to keep every step of the sequence for the backward pass.

//%% code
Experiment base = Experiment.of(Stack.lstm(HIDDEN), austen).adam(5e-3).clipNorm(1.0).batch(32).seed(SEED);
Run fullOne = base.name("full BPTT, 1 epoch").epochs(1).train();
Run truncOne = base.name("TBPTT " + BPTT + ", 1 epoch").epochs(1).bptt(BPTT).train();
for (Run r : List.of(fullOne, truncOne)) {
    System.out.println(String.format(Locale.ROOT, "%-22s %.1f s, test perplexity %.2f", r.name(), r.trainSeconds(), r.metric("perplexity")));
}

//%% md
## Training the language model

Now the model trains for `EPOCHS` epochs with truncated BPTT. The summary shows the training and
validation cross entropy per epoch; the chart below it, the validation perplexity per epoch.

//%% code
Run lm = base.name("char LSTM, TBPTT " + BPTT).epochs(EPOCHS).bptt(BPTT).train();
Plots.metric(lm)

//%% md
## How sure is the gain? The same training with other seeds

The run above is one draw: another seed starts from other weights and shuffles the batches
differently, and ends at another perplexity. So a `Sweep` trains the same model `REPLICATES` times
(seeds 1 to `REPLICATES`, each for `EPOCHS` epochs with truncated BPTT, one progress display for
all) and records each run's test perplexity. The verdict against the unigram is printed only when
the 95% t interval of the mean perplexity lies wholly below (or above) the unigram's; otherwise the
notebook says that no difference is detectable with this many seeds.

//%% code
SweepResult seeds = Sweep.over(Grid.of("bptt", BPTT)).replicates(REPLICATES).name("char LSTM seeds")
        .train(c -> base.name("char LSTM, TBPTT " + BPTT).epochs(EPOCHS).bptt(c.getInt("bptt")));
Map<String, Object> lmConfig = Map.of("bptt", BPTT);
Estimate ppl = seeds.estimate("perplexity", lmConfig);
System.out.println("Test perplexity per seed: " + seeds.values("perplexity", seeds.pick(lmConfig)).entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%.2f (seed %d)", e.getValue(), e.getKey())).collect(java.util.stream.Collectors.joining(", ")));
String contextVerdict = ppl.n() < 2 || Double.isNaN(ppl.low())
        ? String.format(Locale.ROOT, "no difference detectable with %d seed(s) (no interval)", ppl.n())
        : ppl.high() < unigram ? String.format(Locale.ROOT, "context cuts the model's uncertainty %.1f-fold (%.1f to %.1f)",
                unigram / ppl.mean(), unigram / ppl.high(), unigram / ppl.low())
        : ppl.low() > unigram ? "context does not help: the model is more uncertain than the unigram"
        : String.format(Locale.ROOT, "no difference detectable with %d seeds", ppl.n());
System.out.println(String.format(Locale.ROOT, "Mean test perplexity %.2f (95%% interval %.2f to %.2f, %d seeds) against the unigram's %.2f: %s.",
        ppl.mean(), ppl.low(), ppl.high(), ppl.n(), unigram, contextVerdict));

//%% md
## Samples at several temperatures

Each sample starts from the same prompt, from the run we looked inside. Each temperature gets its
own sampling seed (`generate(prompt, length, temperature, seed)`), so the samples are independent
draws by choice, and the same cell gives the same text every time.

//%% code
double[] temperatures = {0.3, 0.7, 1.0, 1.5};
for (int k = 0; k < temperatures.length; k++) {
    long sampleSeed = SEED + k;
    System.out.println("--- temperature " + temperatures[k] + ", sampling seed " + sampleSeed + " ---");
    System.out.println(lm.generate("Elizabeth ", SAMPLE_LENGTH, temperatures[k], sampleSeed));
    System.out.println();
}

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests): `perplexity` is
the mean over the seeds, with its 95% interval; `single_run_perplexity` is the run we looked inside.

//%% code
System.out.printf(Locale.ROOT, "unigram_perplexity = %.4f%n", unigram);
System.out.printf(Locale.ROOT, "perplexity = %.4f%n", ppl.mean());
System.out.printf(Locale.ROOT, "perplexity_ci95_low = %.4f%n", ppl.low());
System.out.printf(Locale.ROOT, "perplexity_ci95_high = %.4f%n", ppl.high());
System.out.printf(Locale.ROOT, "replicates = %d%n", ppl.n());
System.out.printf(Locale.ROOT, "single_run_perplexity = %.4f%n", lm.metric("perplexity"));
System.out.printf(Locale.ROOT, "full_bptt_epoch_seconds = %.2f%n", fullOne.trainSeconds());
System.out.println(String.format(Locale.ROOT, "truncated_bptt_epoch_seconds = %.2f", truncOne.trainSeconds()));

//%% md
## Try next

- Raise `MAX_CHARS` to the whole novel (684768) and `EPOCHS` to 20: the samples start to read like Austen.
- Set `BPTT` to 8 and to `LENGTH`: what happens to the time per epoch and to the perplexity?
- Use `Corpus.words()` for a word-level model: how does the vocabulary size change the picture?
