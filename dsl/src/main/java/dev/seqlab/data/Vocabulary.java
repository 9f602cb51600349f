package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Token strings and their ids: id 0 is {@code <pad>}, id 1 is {@code <unk>} (any token not in
 * the vocabulary), then the known tokens. Immutable; built from training data only, so that
 * validation and test words the model never saw show up honestly as {@code <unk>}.
 */
public final class Vocabulary {

    /** The padding token, id 0. */
    public static final String PAD = "<pad>";
    /** The unknown token, id 1. */
    public static final String UNK = "<unk>";
    /** Id of {@link #PAD}. */
    public static final int PAD_ID = 0;
    /** Id of {@link #UNK}. */
    public static final int UNK_ID = 1;

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> known) {
        List<String> all = new ArrayList<>(known.size() + 2);
        all.add(PAD);
        all.add(UNK);
        all.addAll(known);
        this.tokens = List.copyOf(all);
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            map.putIfAbsent(tokens.get(i), i);
        }
        this.ids = Map.copyOf(map);
    }

    /**
     * Builds a vocabulary of the most frequent tokens, ties broken alphabetically so that the
     * same data always gives the same ids.
     *
     * @param sequences tokenised training samples
     * @param maxSize most ids in all, {@code <pad>} and {@code <unk>} included (at least 2)
     * @param minCount least number of occurrences for a token to get its own id (at least 1)
     * @return the vocabulary
     * @throws SeqLabException if maxSize &lt; 2 or minCount &lt; 1
     */
    public static Vocabulary byFrequency(Collection<? extends List<String>> sequences, int maxSize, int minCount) {
        checkLimits(maxSize, minCount);
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> seq : sequences) {
            for (String t : seq) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        List<String> known = counts.entrySet().stream()
                .filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(maxSize - 2L)
                .map(Map.Entry::getKey)
                .toList();
        return new Vocabulary(known);
    }

    /**
     * Builds a vocabulary of every distinct token, sorted by code point (the natural choice for
     * characters, where frequency order would hide the alphabet).
     *
     * @param tokens the training tokens
     * @return the vocabulary
     */
    public static Vocabulary sorted(Collection<String> tokens) {
        TreeSet<String> set = new TreeSet<>(Comparator.comparing((String s) -> s.codePoints().toArray(), java.util.Arrays::compare));
        set.addAll(tokens);
        set.remove(PAD);
        set.remove(UNK);
        return new Vocabulary(new ArrayList<>(set));
    }

    /** Shared range check, so TextData can fail at configuration time with the same words. */
    static void checkLimits(int maxSize, int minCount) {
        SeqLabException.check(maxSize >= 2,
                "Vocabulary size %d is below 2; allow at least 2 ids (<pad> and <unk>), such as 20000.", maxSize);
        SeqLabException.check(minCount >= 1,
                "Minimum token count %d is below 1; use 1 to keep every token, or more to drop rare ones.", minCount);
    }

    /**
     * Maps tokens to ids; unknown tokens become {@link #UNK_ID}.
     *
     * @param sequence token strings
     * @return their ids
     */
    public int[] encode(List<String> sequence) {
        int[] out = new int[sequence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(sequence.get(i));
        }
        return out;
    }

    /**
     * Maps ids back to tokens, leaving out padding.
     *
     * @param idList token ids
     * @return the tokens, without {@code <pad>}
     * @throws SeqLabException if an id is outside the vocabulary
     */
    public List<String> decode(int[] idList) {
        List<String> out = new ArrayList<>(idList.length);
        for (int id : idList) {
            if (id != PAD_ID) {
                out.add(token(id));
            }
        }
        return out;
    }

    /** @return the number of ids, {@code <pad>} and {@code <unk>} included */
    public int size() {
        return tokens.size();
    }

    /**
     * Returns the token with an id.
     *
     * @param id an id in [0, size())
     * @return its token
     * @throws SeqLabException if the id is out of range
     */
    public String token(int id) {
        SeqLabException.check(id >= 0 && id < tokens.size(),
                "Token id %d is outside the vocabulary of %d ids; use an id from 0 to %d.", id, tokens.size(), tokens.size() - 1);
        return tokens.get(id);
    }

    /**
     * Returns the id of a token.
     *
     * @param token a token string
     * @return its id, or {@link #UNK_ID} if unknown
     */
    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    /** @return every token by id, index 0 = {@code <pad>} */
    public List<String> tokens() {
        return tokens;
    }

    /** Summarises the size and the first known tokens. */
    @Override
    public String toString() {
        return "Vocabulary[" + size() + " ids: " + String.join(" ", tokens.subList(0, Math.min(12, tokens.size())))
                + (size() > 12 ? " ...]" : "]");
    }
}
