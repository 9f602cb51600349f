package dev.seqlab.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table of {@code seqlab run}, through the real launcher: each malformed notebook,
 * parameter or option is refused with exit code 2 and ONE line on stderr that names the problem
 * (no Java stack trace, no exception class names), and nothing is written.
 */
class RunnerBadInputTest {

    private static final String CELL = "{\"cell_type\": \"code\", \"source\": %s, \"metadata\": {}, \"outputs\": [], \"execution_count\": null}";
    private static final String NB = "{\"cells\": [%s], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
    private static final String GOOD = NB.formatted(CELL.formatted("\"long n = 1;\"").replace("\"metadata\": {}",
            "\"metadata\": {\"tags\": [\"parameters\"]}") + ", " + CELL.formatted("\"System.out.println(n);\""));

    @TempDir
    Path dir;

    /** A case: the notebook's bytes (null: none written), extra arguments, and what the one line must say. */
    record Case(String name, byte[] notebook, List<String> args, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case of(String name, String notebook, String says, String... args) {
        return new Case(name, notebook == null ? null : notebook.getBytes(StandardCharsets.UTF_8), List.of(args), says);
    }

    static Stream<Arguments> cases() {
        List<Case> c = new ArrayList<>();
        c.add(of("empty file", "", "is empty"));
        c.add(of("only white space", "  \n\n", "is empty"));
        c.add(of("not JSON", "hello, notebook", "is not valid JSON"));
        c.add(of("truncated JSON", GOOD.substring(0, GOOD.length() / 2), "is not valid JSON"));
        c.add(of("JSON array", "[1, 2, 3]", "JSON but not a Jupyter notebook"));
        c.add(of("nbformat 3", "{\"nbformat\": 3, \"worksheets\": []}", "nbformat 3"));
        c.add(of("cells not a list", "{\"nbformat\": 4, \"cells\": {}}", "no 'cells' list"));
        c.add(of("cell without cell_type", NB.formatted("{\"source\": \"1\"}"), "without a 'cell_type'"));
        c.add(of("cell source is a JSON object", NB.formatted(CELL.formatted("{\"a\": 1}")), "'source' is not text"));
        c.add(of("cell source lines hold a number", NB.formatted(CELL.formatted("[\"int x = \", 1]")), "'source' is not text"));
        c.add(of("python notebook", "{\"nbformat\": 4, \"nbformat_minor\": 5, \"cells\": [], \"metadata\": "
                + "{\"kernelspec\": {\"language\": \"python\", \"name\": \"python3\"}}}", "written in python"));
        c.add(new Case("not UTF-8", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, List.of(), "not UTF-8"));
        c.add(of("integer too big for a long", GOOD, "too big for a long", "-p", "n", "99999999999999999999999"));
        c.add(of("parameter name that is no Java name", GOOD, "'1x'", "-p", "1x", "3"));
        c.add(of("parameter file missing", GOOD, "missing.json", "-f", "missing.json"));
        c.add(of("timeout of zero", GOOD, "--timeout must be a positive", "--timeout", "0"));
        c.add(of("input missing", null, "does not exist"));
        c.add(of("output inside a file", GOOD, "is a file, not a folder", "-o", "plain.txt/out.ipynb"));
        return c.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsOneSentenceExitCodeTwoAndNothingWritten(Case c) throws Exception {
        Path nb = dir.resolve("bad.ipynb");
        if (c.notebook() != null) {
            Files.write(nb, c.notebook());
        }
        Files.writeString(dir.resolve("plain.txt"), "a user's file");
        Set<String> before = listing();
        List<String> args = new ArrayList<>(List.of("run", "bad.ipynb"));
        args.addAll(c.args());
        Cli.Result r = Cli.run(dir, 120, args.toArray(String[]::new));
        String err = r.stderr().strip();
        assertEquals(2, r.exitCode(), c.name() + ": " + err);
        assertEquals(1, err.lines().count(), c.name() + ": one line expected:\n" + err);
        assertTrue(err.startsWith("seqlab run: ") && err.contains(c.says()), c.name() + ": " + err);
        assertTrue(!err.contains("\tat ") && !err.matches("(?s).*\\b\\w+(Exception|Error)\\b.*"), c.name() + ": a stack trace or exception name: " + err);
        assertEquals(before, listing(), c.name() + ": something was written");
        assertEquals("a user's file", Files.readString(dir.resolve("plain.txt")));
    }

    private Set<String> listing() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
