//%% md
# Sentiment analysis: a bidirectional GRU with attention

Is a one-line review positive or negative? The words carry the answer, but not one by one:
"not good" and "good" share their most sentimental word. A recurrent network reads the sentence
in order and can let each word change the meaning of the ones around it. Reading it in **both
directions** (a bidirectional GRU) gives every word context from its left and its right.

To turn a sequence of hidden states into one decision, this model uses **attention pooling**: it
scores every position, turns the scores into weights that sum to 1 (a softmax over the real,
unpadded words) and takes the weighted average of the hidden states. The weights are a by-product
we can read: which words did the classifier lean on? They are not a full explanation (the hidden
state at a word already mixes in its neighbours), but they are a useful first look, and most
useful on the sentences the model gets **wrong**.

The data are 3000 labelled sentences from Amazon, IMDb and Yelp reviews (Kotzias et al., 2015),
half positive (label `1`) and half negative (label `0`). Because the classes are balanced,
always guessing one class scores 50% accuracy: that is the baseline to beat.

**What to look at:** accuracy, precision, recall and F1 on the test sentences, the confusion
matrix (which mistake is more common?), and the attention bars over real sentences, right and
wrong.

//%% code parameters
// Parameters: `seqlab run` can override any of these with -p NAME VALUE.
int EPOCHS = 8;           // passes over the training sentences
int HIDDEN = 32;          // GRU units per direction
int EMBEDDING = 32;       // size of the learned word vectors
int MAX_LENGTH = 24;      // words per sentence (longer ones are cut, shorter ones padded and masked)
long SEED = 7;            // drives the split, initialisation, dropout and shuffling
double LEARNING_RATE = 3e-3;

//%% md
## The sentences

`TextData` splits words (lower-cased), builds the vocabulary from the training sentences only
(a word first seen in a test sentence becomes `<unk>`, as it would in real use), and splits the
rows 70/15/15, stratified so that each part keeps the balance of classes.

//%% code
var reviews = TextData.csv("datasets/sentiment_labelled_sentences.csv", "text", "label")
        .words().maxLength(MAX_LENGTH).split(0.7, 0.15).seed(SEED);
reviews

//%% code
var test = reviews.test();
List<String> texts = reviews.texts(test);
for (int i = 0; i < 5; i++) {
    System.out.println(reviews.classNames().get(test.classes()[i]) + "  " + texts.get(i));
}

//%% md
## The model and its training

Each word id becomes a learned vector (the embedding), a bidirectional GRU reads the sequence,
attention pools it, and a linear layer gives the two class scores. Training minimises the cross
entropy; the epoch with the best validation loss is the one kept.

//%% code
var model = Stack.gru(HIDDEN).bidirectional().embedding(EMBEDDING).attention();
Run run = Experiment.of(model, reviews).name("BiGRU + attention")
        .adam(LEARNING_RATE).clipNorm(1.0).epochs(EPOCHS).batch(32).seed(SEED)
        .train();
run

//%% md
## How good is it?

Accuracy is the share of test sentences classified correctly. **Precision** for a class is the
share of the sentences predicted as that class that really are; **recall** is the share of that
class's sentences that were found; **F1** is their harmonic mean. With two balanced classes they
move together, but the gap between precision and recall tells which way the model leans.

//%% code
var report = run.report();
System.out.println(String.format(Locale.ROOT, "Test accuracy %.3f on %d sentences (always guessing one class: 0.500); macro F1 %.3f.",
        report.accuracy(), test.size(), report.macroF1()));
report.table()

//%% code
display(Plots.confusion(run));
Plots.classScores(run)

//%% md
## What the model looks at

For a few test sentences, the bars show the attention weight of every word. First two sentences
the model classifies correctly, then two it gets wrong, with the probability it gave to its
(wrong) answer. In the mistakes, look for sarcasm, negation far from the word it negates, or
words the training sentences never contained (`<unk>` to the model).

//%% code
float[][] probs = run.predict(test);
int[] predicted = run.predictClasses(test);
List<Integer> right = new ArrayList<>();
List<Integer> wrong = new ArrayList<>();
for (int i = 0; i < test.size(); i++) {
    int words = reviews.tokens(test, i).size();
    if (words < 6 || words > 16) continue;   // short enough to read, long enough to be interesting
    (predicted[i] == test.classes()[i] ? right : wrong).add(i);
}
String describe(int i) {
    String truth = test.classes()[i] == 1 ? "positive" : "negative";
    String guess = predicted[i] == 1 ? "positive" : "negative";
    return String.format(Locale.ROOT, "sample %d, truly %s, predicted %s (p = %.2f): %s", i, truth, guess,
            probs[i][predicted[i]], texts.get(i));
}
System.out.println(right.size() + " readable test sentences classified correctly, " + wrong.size() + " wrongly.");

//%% code
for (int i : right.subList(0, Math.min(2, right.size()))) {
    System.out.println(describe(i));
    System.out.flush();
    display(Plots.attention(run, test, i));
}

//%% code
for (int i : wrong.subList(0, Math.min(2, wrong.size()))) {
    System.out.println(describe(i));
    System.out.flush();
    display(Plots.attention(run, test, i));
}

//%% md
### An attention heatmap over the words

The overview colours every word by its attention weight, relative to the largest weight in its
sentence (darkest = most attended), for eight test sentences: four the model gets right, then four
it gets wrong. The plain-text version of the same output lists each word with its weight.

//%% code
public record WordHeat(String html, String text) {
    public String toHtml() { return html; }
    public String toString() { return text; }
}
WordHeat attentionHeat(List<Integer> samples) {
    StringBuilder h = new StringBuilder("<table style=\"border-collapse:collapse;text-align:left\">");
    StringBuilder t = new StringBuilder();
    for (int i : samples) {
        float[] w = run.attention(test, i);
        List<String> words = reviews.tokens(test, i);
        float max = 0;
        for (float v : w) max = Math.max(max, v);
        String label = String.format(Locale.ROOT, "%s (truly %s, p = %.2f)", predicted[i] == test.classes()[i] ? "right" : "wrong",
                test.classes()[i] == 1 ? "positive" : "negative", probs[i][predicted[i]]);
        h.append("<tr><td style=\"padding:2px 8px;white-space:nowrap\">").append(label).append("</td><td style=\"text-align:left\">");
        t.append(label).append(": ");
        for (int k = 0; k < w.length; k++) {
            double a = w[k] / max;
            String word = words.get(k).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            h.append(String.format(Locale.ROOT, "<span style=\"background:rgba(8,81,156,%.2f);color:%s;padding:1px 3px\">%s</span> ",
                    a, a > 0.5 ? "white" : "black", word));
            t.append(String.format(Locale.ROOT, "%s(%.2f) ", words.get(k), w[k]));
        }
        h.append("</td></tr>");
        t.append('\n');
    }
    return new WordHeat(h.append("</table>").toString(), t.toString());
}
List<Integer> shown = new ArrayList<>(right.subList(0, Math.min(4, right.size())));
shown.addAll(wrong.subList(0, Math.min(4, wrong.size())));
attentionHeat(shown)

//%% md
## Results

Every number this notebook reports, one per line (checked by SeqLab's tests).

//%% code
System.out.printf(Locale.ROOT, "accuracy = %.4f%n", report.accuracy());
System.out.printf(Locale.ROOT, "precision = %.4f%n", report.macroPrecision());
System.out.printf(Locale.ROOT, "recall = %.4f%n", report.macroRecall());
System.out.printf(Locale.ROOT, "f1 = %.4f%n", report.macroF1());
System.out.println(String.format(Locale.ROOT, "train_seconds = %.2f", run.trainSeconds()));

//%% md
## Try next

- Drop `.bidirectional()` and compare accuracy and training time.
- Drop `.attention()`: the model then reads the last hidden state instead; does accuracy change?
- Raise `MAX_LENGTH`: how many test sentences were being cut (see `reviews.tokens`)?
