package dev.seqlab.seq2seq;

import java.util.List;

/** Levenshtein distance between token lists (unit costs), the numerator of PER and WER-style rates. */
public final class EditDistance {

    private EditDistance() {}

    /**
     * @param a one token list
     * @param b another
     * @return the least number of insertions, deletions and substitutions turning a into b
     */
    public static int of(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
