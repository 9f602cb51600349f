package dev.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlab.data.SeqSplit;
import dev.seqlab.train.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renders every chart type to PNG in target/plots/ (kept for people to look at) and one to SVG,
 * and checks the files are images of the chart's size.
 */
class RenderTest {

    @Test
    void everyChartTypeRendersToPng() throws IOException {
        Run air = PlotFixtures.lstmAir();
        Run gru = PlotFixtures.gruAir();
        Run rnn = PlotFixtures.rnnAir();
        Run text = PlotFixtures.lstmText();
        SeqSplit test = PlotFixtures.AIR.test();
        SeqSplit train = PlotFixtures.AIR.train();
        Map<String, Figure<?>> figures = new LinkedHashMap<>();
        figures.put("01-loss", Plots.loss(air));
        figures.put("02-loss-compare", Compare.of(air, gru, rnn).loss());
        figures.put("03-metric", Plots.metric(air, gru, rnn));
        figures.put("04-learning-rate", Plots.learningRate(air));
        figures.put("05-gradient-norms", Plots.gradientNorms(air));
        figures.put("06-predictions", Plots.predictions(air));
        figures.put("07-predictions-test", Plots.predictions(air, test));
        figures.put("08-horizon", Plots.horizon(air, test, 3));
        figures.put("09-confusion", Plots.confusion(text));
        figures.put("10-class-scores", Plots.classScores(text));
        figures.put("11-attention-text", Plots.attention(text, PlotFixtures.TEXT.test(), 0));
        figures.put("12-attention-series", Plots.attention(air, test, 0));
        figures.put("13-gradient-flow-rnn", Plots.gradientFlow(rnn, train));
        figures.put("14-gradient-flow-lstm", Plots.gradientFlow(air, train));
        figures.put("15-gradient-flow-gru", Plots.gradientFlow(gru, train));
        figures.put("16-gradient-reach", Plots.gradientReach(rnn, air, gru));
        figures.put("17-gates-lstm", Plots.gates(air, test, 0, 1));
        figures.put("18-gates-gru-text", Plots.gates(text, PlotFixtures.TEXT.test(), 0, 0));
        figures.put("19-gates-gru", Plots.gates(gru, test, 0, 0));
        figures.put("20-gate-forget-heatmap", Plots.gate(air, test, 0, 0, "forget"));
        Path dir = Path.of("target", "plots");
        Files.createDirectories(dir);
        for (Map.Entry<String, Figure<?>> e : figures.entrySet()) {
            Path png = e.getValue().save(dir.resolve(e.getKey() + ".png"));
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 5000, e.getKey() + " has content");
            assertEquals((byte) 0x89, bytes[0]);
            assertEquals('P', bytes[1]);
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(Style.WIDTH, img.getWidth(), e.getKey());
        }
        Path svg = figures.get("06-predictions").save(dir.resolve("06-predictions.svg"));
        assertTrue(Files.readString(svg).contains("<svg"));
    }
}
