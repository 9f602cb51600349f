package dev.seqlab.magic;

import java.util.Locale;

/**
 * How magics are written in a cell: a line whose first non-blank character is {@code %} is a
 * line magic; a cell whose first non-blank text is {@code %%name} is a cell magic.
 */
public final class MagicSyntax {

    /**
     * A magic line or a cell magic's first line, split.
     *
     * @param name the name, lower case, without {@code %}
     * @param args the rest of the line, stripped
     */
    public record Call(String name, String args) {}

    private MagicSyntax() {}

    /**
     * @param line one line of a cell
     * @return true if the stripped line is a line magic
     */
    public static boolean isLineMagic(String line) {
        String t = line.strip();
        return t.startsWith("%") && !t.startsWith("%%") && t.length() > 1;
    }

    /**
     * @param line a line magic
     * @return its name and arguments
     */
    public static Call lineCall(String line) {
        return call(line.strip().substring(1));
    }

    /**
     * @param cell a cell's text
     * @return the cell magic's name and arguments when the cell starts with {@code %%name}, else null
     */
    public static Call cellCall(String cell) {
        String t = cell.stripLeading();
        if (!t.startsWith("%%")) {
            return null;
        }
        return call(t.lines().findFirst().orElse("").substring(2));
    }

    /**
     * The body of a cell magic's cell, preceded by as many blank lines as the cell had up to and
     * including its {@code %%} line, so that the body's line numbers are the cell's own.
     *
     * @param cell a cell that starts with {@code %%name}
     * @return the padded body
     */
    public static String cellBody(String cell) {
        int magicAt = cell.indexOf("%%");
        int bodyStart = cell.indexOf('\n', magicAt);
        String body = bodyStart < 0 ? "" : cell.substring(bodyStart + 1);
        long linesBefore = cell.substring(0, Math.max(0, magicAt)).chars().filter(ch -> ch == '\n').count();
        return "\n".repeat(1 + (int) linesBefore) + body;
    }

    /**
     * The cell with every magic line replaced by blanks of the same length, so that offsets into
     * it are offsets into the cell (completion and inspection look only at Java).
     *
     * @param code a cell
     * @return the cell without magics
     */
    public static String blankMagics(String code) {
        StringBuilder b = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            String t = line.strip();
            b.append(t.startsWith("%") ? " ".repeat(line.length()) : line).append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    private static Call call(String afterPercent) {
        String t = afterPercent.strip();
        int sp = t.indexOf(' ');
        String name = (sp < 0 ? t : t.substring(0, sp)).toLowerCase(Locale.ROOT);
        String args = sp < 0 ? "" : t.substring(sp + 1).strip();
        return new Call(name, args);
    }
}
