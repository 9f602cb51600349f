package dev.seqlab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SeqLab configuration line as a small key/value table. {@code Stack}, {@code Series},
 * {@code TextData} and {@code Corpus} print their whole configuration as one line,
 * {@code Type[name key=value key=value ... -> key=value ... unit]}, complete for logs but some
 * 200 characters long, which a notebook wraps in the middle of words. Here the settings become
 * rows of key/value pairs and what they build (after {@code ->}) one short line under them. The
 * line is parsed rather than asked of the object, so the DSL classes need no HTML and their
 * {@code toString()} stays the single source of what is shown.
 */
public final class ConfigHtml {

    /** Key/value pairs per table row: three keep a 12-setting series to four rows within the notebook's width. */
    static final int PAIRS_PER_ROW = 3;

    private static final Pattern LINE = Pattern.compile("(?s)([A-Z][A-Za-z0-9]*)\\[(.*)\\]");

    /** A parsed line: the type, its name (may be empty), the settings, and what they build or why they cannot. */
    record Config(String type, String name, List<String[]> settings, List<String> built, String problem) {}

    private ConfigHtml() {}

    /**
     * Parses a configuration line.
     *
     * @param line the object's {@code toString()}
     * @return the parts, or null when the line is not of the form {@code Type[...]} with settings
     */
    static Config parse(String line) {
        if (line == null) {
            return null;
        }
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches() || m.group(2).contains("\n")) {
            return null;
        }
        String inner = m.group(2);
        String problem = null;
        String derived = "";
        int arrow = topLevel(inner, " -> ");
        if (arrow >= 0) {
            derived = inner.substring(arrow + 4).strip();
            inner = inner.substring(0, arrow);
            if (derived.startsWith("not buildable:")) {
                problem = derived.substring("not buildable:".length()).strip();
                derived = "";
            }
        }
        List<String> tokens = tokens(inner);
        String name = "";
        List<String[]> settings = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            int eq = t.indexOf('=');
            if (eq > 0) {
                settings.add(new String[] {t.substring(0, eq), t.substring(eq + 1)});
            } else if (i == 0) {
                name = t;
            } else {
                settings.add(new String[] {t, ""});
            }
        }
        if (settings.stream().allMatch(kv -> kv[1].isEmpty())) {
            return null; // not a configuration: no key=value at all
        }
        return new Config(m.group(1), name, settings, derived.isEmpty() ? List.of() : tokens(derived), problem);
    }

    /**
     * The HTML for a configuration line, or null when it is not one.
     *
     * @param line the object's {@code toString()}
     * @return a {@code <table class="seqlab-config">}, or null
     */
    public static String html(String line) {
        Config c = parse(line);
        if (c == null) {
            return null;
        }
        // The type and name as a caption, not a styled header row: a notebook that is not trusted
        // (any notebook a reader opens from a file) drops style attributes, and captions stay centred.
        StringBuilder b = new StringBuilder("<table class=\"seqlab-config\"><caption>").append(Html.escape(c.type()));
        if (!c.name().isEmpty()) {
            b.append(" <code>").append(Html.escape(c.name())).append("</code>");
        }
        b.append("</caption><tbody>");
        List<String[]> s = c.settings();
        for (int i = 0; i < s.size(); i += PAIRS_PER_ROW) {
            b.append("<tr>");
            for (int k = i; k < i + PAIRS_PER_ROW; k++) {
                if (k < s.size()) {
                    b.append("<th style=\"text-align:left\">").append(Html.escape(s.get(k)[0])).append("</th><td style=\"text-align:left\">")
                            .append(Html.escape(s.get(k)[1])).append("</td>");
                } else {
                    b.append("<td></td><td></td>");
                }
            }
            b.append("</tr>");
        }
        if (!c.built().isEmpty() || c.problem() != null) {
            b.append("<tr><td colspan=\"").append(2 * PAIRS_PER_ROW).append("\" style=\"text-align:left\">&rarr; ");
            b.append(c.problem() != null ? "not buildable: " + Html.escape(c.problem())
                    : Html.escape(String.join(" ", c.built()).replace("=", " ")));
            b.append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /**
     * A multi-line summary ({@code Run[name]} then indented {@code label  content} lines, as a
     * run prints itself) as a table of labels and contents, in which a content that starts with a
     * configuration line ({@code model Stack[...] (361 parameters)}, {@code data Series[...]})
     * becomes that line's key/value table followed by the rest.
     *
     * @param text the summary text
     * @return a {@code <div class="seqlab-summary">} (title, then the table), or null when the text is not such a summary
     */
    public static String summary(String text) {
        if (text == null) {
            return null;
        }
        List<String> lines = text.lines().toList();
        if (lines.size() < 2 || !LINE.matcher(lines.get(0).strip()).matches()) {
            return null;
        }
        StringBuilder b = new StringBuilder("<div class=\"seqlab-summary\"><p><b>").append(Html.escape(lines.get(0).strip()))
                .append("</b></p><table><tbody>");
        for (String line : lines.subList(1, lines.size())) {
            String l = line.strip();
            int space = l.indexOf(' ');
            if (!line.startsWith(" ") || space < 0) {
                return null;
            }
            String label = l.substring(0, space);
            String content = l.substring(space).strip();
            b.append("<tr><th style=\"text-align:left;vertical-align:top\">").append(Html.escape(label))
                    .append("</th><td style=\"text-align:left\">");
            int open = content.indexOf('[');
            int close = open > 0 ? closing(content, open) : -1;
            String table = close > 0 ? html(content.substring(0, close + 1)) : null;
            if (table != null) {
                b.append(table);
                String rest = content.substring(close + 1).strip();
                if (!rest.isEmpty()) {
                    b.append(Html.escape(rest));
                }
            } else {
                b.append(Html.escape(content));
            }
            b.append("</td></tr>");
        }
        return b.append("</tbody></table></div>").toString();
    }

    /** The index of the bracket closing the one at {@code open}, or -1. */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '[') {
                depth++;
            } else if (ch == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits at spaces outside brackets and parentheses. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '[' || ch == '(' || ch == '{') {
                depth++;
            } else if ((ch == ']' || ch == ')' || ch == '}') && depth > 0) {
                depth--;
            }
            if (ch == ' ' && depth == 0) {
                if (t.length() > 0) {
                    out.add(t.toString());
                    t.setLength(0);
                }
            } else {
                t.append(ch);
            }
        }
        if (t.length() > 0) {
            out.add(t.toString());
        }
        return out;
    }

    /** The index of {@code what} outside brackets and parentheses, or -1. */
    private static int topLevel(String s, String what) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '[' || ch == '(' || ch == '{') {
                depth++;
            } else if ((ch == ']' || ch == ')' || ch == '}') && depth > 0) {
                depth--;
            } else if (depth == 0 && s.startsWith(what, i)) {
                return i;
            }
        }
        return -1;
    }
}
