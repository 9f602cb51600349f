package dev.seqlab.jupyter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel session, answering Jupyter's history requests:
 * tail, range and search (sqlite glob patterns, optionally unique). Entries are
 * {@code [session, execution_count, input]} or {@code [session, execution_count, [input, output]]}.
 */
public final class KernelHistory {

    /** The number this session reports; history does not outlive the kernel process. */
    public static final int SESSION = 1;

    private record Entry(int count, String input, String output) {}

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Records an executed cell.
     *
     * @param count its execution count
     * @param input its code
     * @param output its plain-text result, or "" when it had none
     */
    public synchronized void add(int count, String input, String output) {
        entries.add(new Entry(count, input, output == null ? "" : output));
    }

    /**
     * The last {@code n} cells.
     *
     * @param n how many
     * @param output whether to include outputs
     * @return history tuples
     */
    public synchronized List<List<Object>> tail(int n, boolean output) {
        int from = Math.max(0, entries.size() - Math.max(0, n));
        return tuples(entries.subList(from, entries.size()), output);
    }

    /**
     * Cells with execution counts in [start, stop) of a session (0 or {@link #SESSION} mean this one).
     *
     * @param session the session number
     * @param start first count, inclusive
     * @param stop last count, exclusive (0 or less: to the end)
     * @param output whether to include outputs
     * @return history tuples
     */
    public synchronized List<List<Object>> range(int session, int start, int stop, boolean output) {
        if (session != 0 && session != SESSION) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.count() >= start && (stop <= 0 || e.count() < stop)) {
                out.add(e);
            }
        }
        return tuples(out, output);
    }

    /**
     * The last {@code n} cells whose input matches a glob ({@code *}, {@code ?}, {@code [...]}).
     *
     * @param glob the pattern, matched against the whole input
     * @param n how many at most (0 or less: all)
     * @param unique keep only the latest of equal inputs
     * @param output whether to include outputs
     * @return history tuples, oldest first
     */
    public synchronized List<List<Object>> search(String glob, int n, boolean unique, boolean output) {
        Pattern p = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        List<Entry> matches = new ArrayList<>();
        for (Entry e : entries) {
            if (p.matcher(e.input()).matches()) {
                matches.add(e);
            }
        }
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : matches) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            matches = new ArrayList<>(latest.values());
        }
        if (n > 0 && matches.size() > n) {
            matches = matches.subList(matches.size() - n, matches.size());
        }
        return tuples(matches, output);
    }

    private static List<List<Object>> tuples(List<Entry> list, boolean output) {
        List<List<Object>> out = new ArrayList<>();
        for (Entry e : list) {
            out.add(List.of(SESSION, e.count(), output ? List.of(e.input(), e.output()) : e.input()));
        }
        return out;
    }

    static String globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 1);
                    if (close < 0) {
                        b.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        if (set.startsWith("^")) {
                            set = "^" + set.substring(1).replace("\\", "\\\\");
                        } else {
                            set = set.replace("\\", "\\\\");
                        }
                        b.append('[').append(set).append(']');
                        i = close;
                    }
                }
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.toString();
    }
}
