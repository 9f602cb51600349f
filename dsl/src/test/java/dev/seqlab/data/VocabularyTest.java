package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    static final List<List<String>> SAMPLES = List.of(List.of("b", "a", "c"), List.of("a", "b"), List.of("d"));

    @Test
    void padAndUnkComeFirstThenTokensByFrequencyThenAlphabet() {
        // counts: a 2, b 2, c 1, d 1 -> ties broken alphabetically
        Vocabulary v = Vocabulary.byFrequency(SAMPLES, 100, 1);
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c", "d"), v.tokens());
        assertEquals(0, v.id("<pad>"));
        assertEquals(Vocabulary.UNK_ID, v.id("never seen"));
        assertEquals("<unk>", v.token(1));
        assertEquals(6, v.size());
    }

    @Test
    void buildingTwiceGivesTheSameIds() {
        List<List<String>> reversed = List.of(List.of("d"), List.of("b", "a"), List.of("c", "a", "b"));
        assertEquals(Vocabulary.byFrequency(SAMPLES, 100, 1).tokens(), Vocabulary.byFrequency(reversed, 100, 1).tokens());
    }

    @Test
    void sizeAndCountLimitsDropRareTokens() {
        assertEquals(List.of("<pad>", "<unk>", "a", "b"), Vocabulary.byFrequency(SAMPLES, 4, 1).tokens());
        assertEquals(List.of("<pad>", "<unk>", "a", "b"), Vocabulary.byFrequency(SAMPLES, 100, 2).tokens());
        assertEquals(List.of("<pad>", "<unk>"), Vocabulary.byFrequency(SAMPLES, 2, 1).tokens());
    }

    @Test
    void encodeMapsUnknownsAndDecodeDropsPadding() {
        Vocabulary v = Vocabulary.byFrequency(SAMPLES, 100, 1);
        assertArrayEquals(new int[] {2, 5, 1}, v.encode(List.of("a", "d", "zebra")));
        assertEquals(List.of("a", "d", "<unk>"), v.decode(new int[] {2, 5, 1, 0, 0}));
    }

    @Test
    void sortedVocabularyOrdersByCodePoint() {
        Vocabulary v = Vocabulary.sorted(List.of("b", "a", "é", " ", "B", "a"));
        assertEquals(List.of("<pad>", "<unk>", " ", "B", "a", "b", "é"), v.tokens());
    }

    @Test
    void wordTokenizerKeepsApostrophesAndDropsPunctuation() {
        assertEquals(List.of("don't", "stop", "believing", "2"), Tokenizer.WORDS.tokenize("Don't stop, BELIEVING!! (2)", true));
        assertEquals(List.of("Don't"), Tokenizer.WORDS.tokenize("Don't", false));
        assertEquals(List.of("a", " ", "b", "!"), Tokenizer.CHARS.tokenize("A b!", true));
    }
}
