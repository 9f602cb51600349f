package dev.seqlab.notebook;

import dev.seqlab.engine.EvalResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one line a headless run prints for a failed cell: {@code cell N, line L: message}. The
 * line comes from the engine's own error mapping: a compile error's message starts with
 * {@code line L:}, and a runtime error's traceback names the cell's frames as
 * {@code at line L in ...}. When neither names a line (a SeqLab sentence, an interrupt) the
 * line part is left out.
 */
final class ErrorLine {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern COMPILE = Pattern.compile("(?s)line (\\d+): (.*)");
    private static final Pattern FRAME = Pattern.compile("\\s*at line (\\d+)(\\s.*)?");

    private ErrorLine() {}

    /**
     * The cell line of an error, or 0 when the engine did not name one.
     *
     * @param r the failed result
     * @return the 1-based line within the cell, or 0
     */
    static int line(EvalResult r) {
        Matcher m = COMPILE.matcher(r.evalue() == null ? "" : r.evalue());
        if ("CompileError".equals(r.ename()) && m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        for (String l : r.traceback()) {
            Matcher f = FRAME.matcher(ANSI.matcher(l).replaceAll(""));
            if (f.matches()) {
                return Integer.parseInt(f.group(1));
            }
        }
        return 0;
    }

    /**
     * The message part: the compile error without its line prefix, or {@code Name: message}.
     *
     * @param r the failed result
     * @return one line
     */
    static String message(EvalResult r) {
        String v = r.evalue() == null ? "" : r.evalue();
        Matcher m = COMPILE.matcher(v);
        if ("CompileError".equals(r.ename()) && m.matches()) {
            return firstLine(m.group(2));
        }
        if (r.ename() != null && !r.ename().isEmpty() && !v.endsWith(".") || v.isEmpty()) {
            return r.ename() + (v.isEmpty() ? "" : ": " + firstLine(v));
        }
        return firstLine(v);
    }

    /**
     * The full line.
     *
     * @param cell the 1-based cell index
     * @param lineOffset added to the cell line (a script's cells start at later lines), 0 for notebooks
     * @param r the failed result
     * @return {@code cell N, line L: message}
     */
    static String format(int cell, int lineOffset, EvalResult r) {
        int line = line(r);
        return "cell " + cell + (line > 0 ? ", line " + (line + lineOffset) : "") + ": " + message(r);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
