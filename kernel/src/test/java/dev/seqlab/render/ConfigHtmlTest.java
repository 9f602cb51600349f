package dev.seqlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.Scaling;
import dev.seqlab.data.Series;
import dev.seqlab.data.TextData;
import dev.seqlab.model.Stack;
import dev.seqlab.train.Experiment;
import dev.seqlab.train.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Long configuration lines of the DSL as key/value tables; every setting of the line is in the table. */
class ConfigHtmlTest {

    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>");

    static Path root() {
        return Path.of(System.getProperty("seqlab.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void stackSeriesAndTextDataBecomeKeyValueTables() {
        Stack stack = Stack.lstm(32).layers(3).dropout(0.1).residual().layerNorm().attention();
        Series air = Series.csv(root().resolve("datasets/airpassengers.csv").toString(), "passengers_thousands")
                .windows(12).scale(Scaling.STANDARD).difference().split(0.7, 0.15);
        TextData text = TextData.csv(root().resolve("datasets/sentiment_labelled_sentences.csv").toString(), "text", "label")
                .words().maxLength(24).split(0.7, 0.15).seed(7);
        for (Object o : List.of(stack, air, text)) {
            String line = o.toString();
            assertTrue(line.length() > 120, "a long line: " + line);
            String html = ConfigHtml.html(line);
            assertTrue(html != null && html.startsWith("<table class=\"seqlab-config\">"), line + "\n" + html);
            ConfigHtml.Config c = ConfigHtml.parse(line);
            assertEquals(o.getClass().getSimpleName(), c.type());
            // every key=value of the line is a key cell followed by its value cell
            for (String[] kv : c.settings()) {
                assertTrue(html.contains(">" + Html.escape(kv[0]) + "</th><td style=\"text-align:left\">" + Html.escape(kv[1]) + "</td>"),
                        kv[0] + "=" + kv[1] + " in " + html);
            }
            int pairs = line.split(" -> ")[0].split("=", -1).length - 1;
            assertEquals(pairs, c.settings().stream().filter(kv -> !kv[1].isEmpty()).count(), line);
            // no cell holds a long line any more
            Matcher m = CELL.matcher(html);
            while (m.find()) {
                assertTrue(m.group(1).replaceAll("<[^>]+>", "").length() <= 70, "short cell: " + m.group(1));
            }
        }
        ConfigHtml.Config s = ConfigHtml.parse(stack.toString());
        assertEquals("", s.name());
        assertEquals("[32, 32, 32]", value(s, "sizes"));
        assertEquals("LSTM(tanh)", value(s, "cell"));
        ConfigHtml.Config a = ConfigHtml.parse(air.toString());
        assertEquals("airpassengers.csv", a.name());
        assertEquals("12", value(a, "window"));
        assertEquals(List.of("train=87", "val=22", "test=22", "windows"), a.built());
        assertTrue(ConfigHtml.html(air.toString()).contains("&rarr; train 87 val 22 test 22 windows"), ConfigHtml.html(air.toString()));
        ConfigHtml.Config t = ConfigHtml.parse(text.toString());
        assertEquals("[0, 1]", value(t, "classes"));
        assertEquals("", value(t, "words"), "a bare word is a setting without value");
    }

    @Test
    void aRunSummaryShowsItsModelAndDataAsTables() {
        Series air = Series.csv(root().resolve("datasets/airpassengers.csv").toString(), "passengers_thousands")
                .windows(12).scale(Scaling.STANDARD).difference().split(0.7, 0.15);
        try (Run run = Experiment.of(Stack.lstm(8).layers(2).residual(), air).name("summary").epochs(2).batch(16).seed(1).train()) {
            String text = run.toString();
            String html = ConfigHtml.summary(text);
            assertTrue(html != null && html.startsWith("<div class=\"seqlab-summary\"><p><b>Run[summary]</b></p><table>"), text + "\n" + html);
            assertTrue(html.contains("Run[summary]"), html);
            assertEquals(2, count(html, "<table class=\"seqlab-config\">"), "model and data as key/value tables: " + html);
            assertTrue(html.contains(ConfigHtml.html(run.network().stack().toString())), "the model's table: " + html);
            assertTrue(html.contains("(" + run.network().parameterCount() + " parameters)"), html);
            for (String label : List.of("model", "data", "training", "test")) {
                assertTrue(html.contains(">" + label + "</th>"), label + " in " + html);
            }
            String training = text.lines().filter(l -> l.strip().startsWith("training")).findFirst().orElseThrow().strip().substring(8).strip();
            assertTrue(html.contains(Html.escape(training)), training + " in " + html);
        }
        assertNull(ConfigHtml.summary("just one line"));
        assertNull(ConfigHtml.summary("Run[x]\nnot indented"));
    }

    private static int count(String s, String what) {
        return s.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @Test
    void otherTextIsLeftAlone() {
        assertNull(ConfigHtml.html("hello"));
        assertNull(ConfigHtml.html("Run[x]\n  model Stack[cell=LSTM]"));
        assertNull(ConfigHtml.html("List[1, 2]"));
        assertNull(ConfigHtml.html(null));
        String bad = ConfigHtml.html("Series[x.csv target=y window=12 -> not buildable: Column 'y' is missing; use <one> of [a, b].]");
        assertTrue(bad.contains("&rarr; not buildable: Column &#39;y&#39; is missing; use &lt;one&gt; of [a, b]."), bad);
    }

    private static String value(ConfigHtml.Config c, String key) {
        return c.settings().stream().filter(kv -> kv[0].equals(key)).findFirst().orElseThrow()[1];
    }
}
