package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.magic.Magic;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry's magics in a real session ({@code %vars}, {@code %imports}, {@code %lsmagic}), {@code vars()} and images. */
class SessionMagicsTest {

    static SeqLabEngine engine;

    @BeforeAll
    static void start() {
        engine = SeqLabEngine.create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static RecordingOutputs run(String code) {
        RecordingOutputs out = new RecordingOutputs();
        EvalResult r = engine.eval(code, out);
        assertTrue(r.ok(), code + " -> " + r + " " + out.events);
        return out;
    }

    /** The table's row for a variable, split into words. */
    static List<String> row(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst().map(l -> List.of(l.split("\\s+")))
                .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + table));
    }

    @Test
    void lsmagicListsEveryRegisteredMagicAndCompletionOffersThem() {
        String listing = run("%lsmagic").stream("stdout");
        for (Magic m : engine.magics().all()) {
            assertTrue(listing.contains("  " + m.synopsis() + "   " + m.summary()), m.typed() + " missing from\n" + listing);
        }
        assertTrue(engine.magics().names().containsAll(List.of("%vars", "%imports", "%maven", "%classpath", "%load", "%lsmagic", "%%time")),
                engine.magics().names().toString());
        assertEquals(List.of("%vars"), engine.complete("%va", 3).matches());
        assertEquals(List.of("%imports"), engine.complete("%imp", 4).matches());
        EvalResult unknown = engine.eval("%nosuch", new RecordingOutputs());
        assertEquals("Unknown line magic %nosuch; the magics are: " + String.join(", ", engine.magics().names()) + ".", unknown.evalue());
        assertEquals("Unknown cell magic %%nosuch; the cell magics are: %%time.", engine.eval("%%nosuch\n1", new RecordingOutputs()).evalue());
    }

    @Test
    void varsShowsNameTypeValueAndSizes() {
        run("""
                var manager = ai.djl.ndarray.NDManager.newBaseManager();
                var tensor = manager.zeros(new ai.djl.ndarray.types.Shape(2, 3));
                Table table = Table.create("t", DoubleColumn.create("a", 1, 2, 3, 4), DoubleColumn.create("b", 5, 6, 7, 8));
                List<Integer> numbers = List.of(1, 2, 3);
                Map<String, Integer> counts = Map.of("a", 1);
                int answer = 42;
                String longText = "x".repeat(100);
                int answer = 43;
                """);
        RecordingOutputs out = run("%vars");
        assertEquals(1, out.of("display").size(), out.events.toString());
        Map<String, Object> bundle = out.of("display").get(0).bundle();
        String table = bundle.get("text/plain").toString();
        assertEquals(List.of("name", "type", "value", "size"), List.of(table.lines().findFirst().orElseThrow().split("\\s+")));
        assertTrue(row(table, "tensor").get(1).endsWith("NDArray"), table);
        assertEquals(List.of("(2,", "3)"), tail(row(table, "tensor"), 2), table);
        assertEquals(List.of("4", "rows", "x", "2", "cols"), tail(row(table, "table"), 5), table);
        assertEquals(List.of("3", "items"), tail(row(table, "numbers"), 2), table);
        assertEquals(List.of("1", "entry"), tail(row(table, "counts"), 2), table);
        assertEquals(List.of("answer", "int", "43"), row(table, "answer"), "the latest declaration of a name, once");
        assertEquals(1, table.lines().filter(l -> l.startsWith("answer ")).count(), table);
        assertTrue(row(table, "longText").get(2).endsWith("\u2026") && row(table, "longText").get(2).length() <= 40, table);
        assertTrue(bundle.get("text/html").toString().contains("<td>tensor</td>"), bundle.toString());
        run("tensor.close(); manager.close();");
    }

    @Test
    void varsFunctionShowsTheSameTableAsTheMagic() {
        run("double rate = 0.5;");
        String magic = run("%vars").of("display").get(0).bundle().get("text/plain").toString();
        String function = run("vars();").of("display").get(0).bundle().get("text/plain").toString();
        assertEquals(magic, function);
        assertEquals(List.of("rate", "double", "0.5"), row(function, "rate"));
    }

    @Test
    void importsListsDefaultsAndTheCellsOwn() {
        String listing = run("import java.util.concurrent.atomic.AtomicLong;\n%imports").stream("stdout");
        assertTrue(listing.contains("import java.util.*;"), listing);
        assertTrue(listing.contains("import static dev.seqlab.dsl.SeqLab.*;"), listing);
        assertTrue(listing.contains("import java.util.concurrent.atomic.AtomicLong;"), listing);
    }

    @Test
    void aBufferedImageIsPngAsValueAndAsDisplay() {
        RecordingOutputs out = run("""
                var img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
                display(img);
                img
                """);
        Map<String, Object> shown = out.of("display").get(0).bundle();
        Map<String, Object> value = out.of("result").get(0).bundle();
        for (Map<String, Object> b : List.of(shown, value)) {
            byte[] png = Base64.getDecoder().decode(b.get("image/png").toString());
            assertEquals(0x89, png[0] & 0xff);
            assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("BufferedImage 40x30", b.get("text/plain"));
        }
    }

    private static List<String> tail(List<String> words, int n) {
        return words.subList(words.size() - n, words.size());
    }
}
