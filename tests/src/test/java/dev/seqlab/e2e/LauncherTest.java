package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher and CLI exactly as the README tells a user to run them. */
class LauncherTest {

    @TempDir
    Path tmp;

    @Test
    void doctorReportsOfflinePyTorch271() throws Exception {
        Launcher.Result r = Launcher.run(tmp, 120, "doctor");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("PyTorch 2.7.1"), r.stdout());
        assertTrue(r.stdout().contains("offline"), r.stdout());
        assertTrue(r.stdout().contains("OMP_WAIT_POLICY=passive"), "the launcher sets the OpenMP wait policy: " + r.stdout());
        assertTrue(r.stdout().matches("(?s).*native env\\s+ok .*"), "the launcher sets the whole native environment: " + r.stdout());
        // The launcher is bash and cannot read SeqLabEngine.JVM_OPTIONS: keep the two in step.
        String script = Files.readString(Launcher.root().resolve("seqlab"));
        for (String option : dev.seqlab.engine.SeqLabEngine.JVM_OPTIONS) {
            assertTrue(script.contains(" " + option + " "), "the launcher passes " + option);
        }
        assertTrue(r.stdout().matches("(?s).*datasets\\s+\\S+/datasets\\n.*"), "datasets folder found: " + r.stdout());
    }

    @Test
    void unknownCommandAndBadOptionPrintUsageAndFail() throws Exception {
        Launcher.Result r = Launcher.run(tmp, 60, "frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("Usage: seqlab"), r.stderr());
        Launcher.Result o = Launcher.run(tmp, 60, "doctor", "--no-such-option");
        assertEquals(2, o.exitCode());
        assertTrue(o.stderr().contains("Unknown option: '--no-such-option'"), o.stderr());
        assertTrue(o.stderr().contains("Usage: seqlab doctor"), o.stderr());
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String cmd : new String[] {"doctor", "demo"}) {
            Launcher.Result r = Launcher.run(tmp, 60, cmd, "--help");
            assertEquals(0, r.exitCode(), cmd + ": " + r.stderr());
            assertTrue(r.stdout().startsWith("Usage: seqlab " + cmd), r.stdout());
        }
    }

    @Test
    void demoBeatsNaiveForecastAndWritesFallingLossCurve() throws Exception {
        Path png = tmp.resolve("loss.png");
        Launcher.Result r = Launcher.run(tmp, 300, "demo", "--out", png.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        Matcher m = Pattern.compile("LSTM ([0-9.]+), naive last value ([0-9.]+)").matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        double lstm = Double.parseDouble(m.group(1));
        double naive = Double.parseDouble(m.group(2));
        assertTrue(lstm > 0 && naive > 0, r.stdout());
        assertTrue(lstm < naive, "the demo's LSTM should beat the naive forecast: " + r.stdout());
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 600 && img.getHeight() >= 300, "a real chart was written");
        assertTrue(Files.size(png) > 5_000, "the PNG has content");
    }
}
