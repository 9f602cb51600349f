package dev.seqlab.engine;

import dev.seqlab.SeqLabException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Builds the error a notebook shows: compile errors with the cell's own line numbers and the
 * offending code, runtime exceptions with the user's frames (mapped to cell lines) first and
 * library internals trimmed, and a {@link SeqLabException} as its one sentence.
 *
 * @param ename short error name
 * @param evalue one-line message
 * @param traceback lines to show (may hold ANSI colours)
 */
record ErrorReport(String ename, String evalue, List<String> traceback) {

    private static final String RED = "\u001b[1;31m";
    private static final String CYAN = "\u001b[36m";
    private static final String RESET = "\u001b[0m";
    private static final int LIBRARY_FRAMES_SHOWN = 3;

    /** A compile problem located in the cell. */
    record Problem(int line, int column, String message, String codeLine, int length) {}

    static ErrorReport compile(List<Problem> problems) {
        List<String> tb = new ArrayList<>();
        for (Problem p : problems) {
            tb.add(RED + "line " + p.line() + ": " + RESET + p.message());
            if (p.codeLine() != null) {
                tb.add("    " + p.codeLine());
                tb.add("    " + " ".repeat(Math.max(0, p.column() - 1)) + RED
                        + "^".repeat(Math.max(1, Math.min(p.length(), Math.max(1, p.codeLine().length() - p.column() + 1))))
                        + RESET);
            }
        }
        Problem first = problems.get(0);
        String firstLine = first.message().lines().findFirst().orElse("");
        return new ErrorReport("CompileError", "line " + first.line() + ": " + firstLine, tb);
    }

    static Problem problem(Diag d, String cellText, int snippetOffset) {
        long start = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
        long end = Math.max(d.getEndPosition(), start + 1);
        int pos = (int) Math.max(0, Math.min(cellText.length(), snippetOffset + start));
        int line = CellMap.lineOf(cellText, pos);
        int lineStart = cellText.lastIndexOf('\n', pos - 1) + 1;
        int lineEnd = cellText.indexOf('\n', lineStart);
        String code = cellText.substring(lineStart, lineEnd < 0 ? cellText.length() : lineEnd);
        return new Problem(line, pos - lineStart + 1, d.getMessage(Locale.ROOT), code, (int) (end - start));
    }

    static ErrorReport runtime(EvalException e, Throwable raw, CellMap map, int currentCell) {
        Throwable t = raw;
        for (int i = 0; t != null && i < 5; i++, t = t.getCause()) {
            if (t instanceof SeqLabException s) {
                return seqlab(s);
            }
        }
        String ename = simpleName(e.getExceptionClassName());
        String evalue = e.getMessage() == null ? "" : e.getMessage();
        List<String> tb = new ArrayList<>();
        tb.add(RED + ename + RESET + (evalue.isEmpty() ? "" : ": " + evalue));
        frames(e.getStackTrace(), map, currentCell, tb);
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String name = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + simpleName(name) + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            cause = cause.getCause();
        }
        return new ErrorReport(ename, evalue, tb);
    }

    static ErrorReport unresolved(UnresolvedReferenceException e, List<String> names) {
        String msg = "'" + e.getSnippet().toString().lines().findFirst().orElse("") + "' uses "
                + String.join(", ", names) + ", which is not defined yet; define it in a cell and run this again.";
        return new ErrorReport("UnresolvedReference", msg, List.of(RED + "UnresolvedReference" + RESET + ": " + msg));
    }

    static ErrorReport seqlab(SeqLabException s) {
        String msg = s.getMessage() == null ? "" : s.getMessage();
        String name = s.getClass().getSimpleName();
        return new ErrorReport(name, msg, List.of(RED + name + RESET + ": " + msg));
    }

    static ErrorReport interrupted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SeqLabException s) {
                return seqlab(s);
            }
        }
        String msg = failure instanceof CellExecutionControl.CellNotStoppedException n ? n.getMessage()
                : "The cell was interrupted.";
        return new ErrorReport("InterruptedException", msg, List.of(RED + "InterruptedException" + RESET + ": " + msg));
    }

    static ErrorReport of(String ename, String evalue) {
        return new ErrorReport(ename, evalue, List.of(RED + ename + RESET + ": " + evalue));
    }

    private static void frames(StackTraceElement[] stack, CellMap map, int currentCell, List<String> tb) {
        int firstUser = -1;
        for (int i = 0; i < stack.length; i++) {
            if (isUser(stack[i])) {
                firstUser = i;
                break;
            }
        }
        List<String> user = new ArrayList<>();
        for (StackTraceElement f : stack) {
            if (isUser(f)) {
                user.add(CYAN + "    at " + where(f, map, currentCell) + RESET);
            }
        }
        tb.addAll(user);
        int library = firstUser < 0 ? stack.length : firstUser;
        if (library > 0) {
            // The library frames nearest the user's code name what the cell called.
            tb.add("    in library code:");
            if (library > LIBRARY_FRAMES_SHOWN) {
                tb.add("        ... " + (library - LIBRARY_FRAMES_SHOWN) + " deeper frames hidden");
            }
            for (int i = Math.max(0, library - LIBRARY_FRAMES_SHOWN); i < library; i++) {
                tb.add("        " + stack[i]);
            }
        }
    }

    private static boolean isUser(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private static String where(StackTraceElement f, CellMap map, int currentCell) {
        String id = f.getFileName().substring(1);
        CellMap.Origin o = map.get(id);
        String method = f.getMethodName();
        String cls = f.getClassName();
        String name = (cls == null || cls.isEmpty() ? "" : cls.substring(cls.lastIndexOf('.') + 1) + ".")
                + (method == null || method.isEmpty() ? "" : method);
        String loc;
        if (o == null) {
            loc = "snippet " + id + ", line " + f.getLineNumber();
        } else {
            int line = o.line() + Math.max(1, f.getLineNumber()) - 1;
            loc = (o.cell() == currentCell ? "" : "cell " + o.cell() + ", ") + "line " + line;
        }
        return name.isEmpty() || name.equals(".") ? loc : loc + " in " + name;
    }

    private static String simpleName(String className) {
        return className == null ? "Exception" : className.substring(className.lastIndexOf('.') + 1);
    }
}
