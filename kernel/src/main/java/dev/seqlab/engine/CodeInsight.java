package dev.seqlab.engine;

import dev.seqlab.magic.MagicRegistry;
import dev.seqlab.magic.MagicSyntax;
import dev.seqlab.render.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Code insight for a cell that is being written: completion (Java and magic names), inspection
 * (signatures, Javadoc, a variable's value) and whether the cell is complete. Reads the session;
 * never evaluates anything.
 */
final class CodeInsight {

    private final JShell jshell;
    private final SourceCodeAnalysis analysis;
    private final CellSplitter splitter;
    private final MagicRegistry magics;

    CodeInsight(JShell jshell, MagicRegistry magics) {
        this.jshell = jshell;
        this.analysis = jshell.sourceCodeAnalysis();
        this.splitter = new CellSplitter(analysis);
        this.magics = magics;
    }

    /** See {@link SeqLabEngine#complete}. */
    Completion complete(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        if (line.strip().startsWith("%") && line.strip().matches("%%?\\w*")) {
            int nameStart = lineStart + line.indexOf('%');
            List<String> names = magics.names().stream().filter(m -> m.startsWith(line.strip())).toList();
            return new Completion(names, nameStart, cursor);
        }
        String text = MagicSyntax.blankMagics(code);
        int start = splitter.snippetStart(text, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(text.substring(start, cursor), cursor - start, anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(new ArrayList<>(matches), start + anchor[0], cursor);
    }

    /** See {@link SeqLabEngine#inspect}. */
    Map<String, Object> inspect(String code, int cursor, int detail) {
        String text = MagicSyntax.blankMagics(code);
        cursor = Math.max(0, Math.min(cursor, text.length()));
        int end = cursor;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        int start = Math.min(splitter.snippetStart(text, end), end);
        String snippet = text.substring(start, end);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(snippet, snippet.length(), true);
        if (docs.isEmpty()) {
            docs = analysis.documentation(snippet + "(", snippet.length() + 1, true);
        }
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            plain.append(d.signature()).append('\n');
            html.append("<pre>").append(Html.escape(d.signature())).append("</pre>");
            if (detail >= 0 && d.javadoc() != null && !d.javadoc().isBlank()) {
                plain.append(d.javadoc().strip()).append("\n\n");
                html.append("<div>").append(Html.escape(d.javadoc().strip())).append("</div>");
            }
        }
        if (plain.length() == 0) {
            int idStart = end;
            while (idStart > 0 && Character.isJavaIdentifierPart(text.charAt(idStart - 1))) {
                idStart--;
            }
            String name = text.substring(idStart, end);
            jshell.variables().filter(v -> v.name().equals(name) && jshell.status(v).isActive())
                    .reduce((a, b) -> b)
                    .ifPresent(v -> plain.append(v.typeName()).append(' ').append(v.name()).append(" = ")
                            .append(jshell.varValue(v)));
            if (plain.length() == 0) {
                return null;
            }
            html.append("<pre>").append(Html.escape(plain)).append("</pre>");
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plain.toString().strip());
        bundle.put("text/html", html.toString());
        return bundle;
    }

    /** See {@link SeqLabEngine#isComplete}. */
    IsComplete isComplete(String code) {
        String text = MagicSyntax.blankMagics(code);
        if (MagicSyntax.cellCall(code) != null) {
            int nl = text.indexOf('\n');
            text = nl < 0 ? "" : text.substring(nl + 1);
        }
        List<CellSplitter.Piece> pieces = splitter.split(text);
        if (pieces.isEmpty()) {
            return new IsComplete("complete", "");
        }
        CellSplitter.Piece last = pieces.get(pieces.size() - 1);
        return switch (last.completeness()) {
            case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> new IsComplete("complete", "");
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE ->
                    new IsComplete("incomplete", "    ".repeat(Math.max(1, depth(last.source()))));
            default -> new IsComplete("invalid", "");
        };
    }

    private static int depth(String s) {
        int d = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{' || ch == '(' || ch == '[') {
                d++;
            } else if (ch == '}' || ch == ')' || ch == ']') {
                d--;
            }
        }
        return d;
    }
}
