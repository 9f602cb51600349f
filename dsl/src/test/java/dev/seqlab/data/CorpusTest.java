package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {

    /**
     * Ten characters: positions 0-4 "aabab" are train, 5-6 "ab" validation, 7-9 "bcc" test
     * (split 0.5/0.2, length 2).
     */
    static Corpus tiny() {
        return Corpus.of("aababab" + "bcc", "tiny").length(2).split(0.5, 0.2);
    }

    @Test
    void vocabularyIsTheTrainingCharactersByCodePoint() {
        Corpus c = tiny();
        assertEquals(List.of("<pad>", "<unk>", "a", "b"), c.vocabulary());
        assertEquals(4, c.vocabularySize());
        assertArrayEquals(new int[] {2, 3, 1}, c.encode("abc"));
        assertEquals("ab<unk>", c.decode(new int[] {2, 3, 1, 0}));
        assertEquals(new DataSpec(Task.NEXT_TOKEN, 2, 0, 4, 4, 1, List.of()), c.spec());
    }

    @Test
    void samplesAreNonOverlappingWindowsWithTargetsShiftedByOne() {
        // train [0,5): (5 - 1) / 2 = 2 windows at 0 and 2; validation [5,7): (2 - 1) / 2 = 0; test [7,10): 1 at 7
        Corpus c = tiny();
        assertArrayEquals(new int[] {0, 2}, c.train().origin());
        assertArrayEquals(new int[][] {{2, 2}, {3, 2}}, c.train().tokens());      // "aa", "ba"
        assertArrayEquals(new int[][] {{2, 3}, {2, 3}}, c.train().nextTokens());  // "ab", "ab"
        assertEquals(0, c.validation().size());
        assertArrayEquals(new int[][] {{3, 1}}, c.test().tokens());               // "bc", c unseen
        assertArrayEquals(new int[][] {{1, 1}}, c.test().nextTokens());

        Corpus austen = Corpus.text("datasets/austen_prideprejudice.txt").maxChars(5000).length(50);
        SeqSplit train = austen.train();
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j + 1 < 50; j++) {
                assertEquals(train.tokens()[i][j + 1], train.nextTokens()[i][j]);
            }
            if (i + 1 < train.size()) {
                assertEquals(train.tokens()[i + 1][0], train.nextTokens()[i][49], "the last target starts the next window");
            }
        }
        assertEquals("PRIDE AND PREJUDICE", austen.decode(train.tokens()[0]).substring(0, 19));
    }

    @Test
    void unigramPerplexityByHand() {
        // train "aabab": a 3, b 2; ids <pad> <unk> a b, so add-one over 3 ids: p = (count + 1) / (5 + 3)
        // p(a) = 4/8, p(b) = 3/8, p(<unk>) = 1/8
        // train targets a b a b: ppl = (2 * 8/3 * 2 * 8/3)^(1/4) = sqrt(16/3)
        // test targets <unk> <unk>: ppl = 8
        Corpus c = tiny();
        assertEquals(Math.sqrt(16.0 / 3), c.unigramPerplexity(c.train()), 1e-12);
        assertEquals(8.0, c.unigramPerplexity(c.test()), 1e-12);
    }

    @Test
    void wordsUseFrequencyOrder() {
        Corpus c = Corpus.of("the cat sat on the mat, the end. A cat!", "cats").words().length(2).split(0.8, 0.1);
        // train = first floor(10 * 0.8) = 8 words: the cat sat on the mat the end -> the 3, cat 1, end 1, mat 1, on 1, sat 1
        assertEquals(List.of("<pad>", "<unk>", "the", "cat", "end", "mat", "on", "sat"), c.vocabulary());
        assertEquals("the cat <unk>", c.decode(c.encode("the cat purrs")));
    }

    @Test
    void austenCorpusLoads() {
        Corpus austen = Corpus.text("datasets/austen_prideprejudice.txt");
        // 684,768 characters: train = floor(0.9 n) = 616,291 -> (616,291 - 1) / 64 = 9629 sequences
        assertEquals(9629, austen.train().size());
        assertTrue(austen.vocabularySize() > 60 && austen.vocabularySize() < 100, austen.vocabulary().toString());
        assertEquals("dfc684d4f857fa938268f9ab9c5567b64bd0691251eca959644adeabe6287a4d", austen.fingerprint());
        assertTrue(austen.toString().startsWith("Corpus[austen_prideprejudice.txt chars length=64 maxChars=all split=0.90/0.05/0.05"
                + " -> tokens=684768 "), austen.toString());
        double baseline = austen.unigramPerplexity(austen.validation());
        assertTrue(baseline > 10 && baseline < 40, "a unigram character model is poor: " + baseline);
    }
}
