package dev.seqlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into word or character tokens. */
enum Tokenizer {
    /** Runs of letters, digits and apostrophes; punctuation and spaces are dropped. */
    WORDS,
    /** Every character (code point), spaces and punctuation included. */
    CHARS;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    List<String> tokenize(String text, boolean lowercase) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        if (this == WORDS) {
            Matcher m = WORD.matcher(s);
            while (m.find()) {
                out.add(m.group());
            }
        } else {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        }
        return out;
    }

    /** Joins tokens back into text: words with spaces, characters without. */
    String join(List<String> tokens) {
        return String.join(this == WORDS ? " " : "", tokens);
    }

    String label() {
        return this == WORDS ? "words" : "chars";
    }
}
