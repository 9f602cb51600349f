package dev.seqlab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's DSL tour is real code: it is compiled and run exactly as printed. */
class ReadmeTourTest {

    @TempDir
    Path tmp;

    static String tour() throws Exception {
        String readme = Files.readString(Launcher.root().resolve("README.md"));
        Matcher m = Pattern.compile("## A short tour of the DSL\\s+```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a java block under 'A short tour of the DSL'");
        return m.group(1);
    }

    @Test
    void tourCompilesAndRuns() throws Exception {
        String code = tour();
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String source = imports + "public class Tour {\n public static void main(String[] args) throws Exception {\n" + body + "\n}\n}\n";
        Path src = tmp.resolve("Tour.java");
        Files.writeString(src, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "-cp", System.getProperty("java.class.path"), "-d", tmp.toString(), src.toString());
        assertEquals(0, rc, "the tour compiles:\n" + err.toString(StandardCharsets.UTF_8) + "\n" + source);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                tmp + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "-Dseqlab.home=" + Launcher.root(), "Tour").directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("rmse="), "the run summary is printed: " + out);
        assertTrue(Files.size(tmp.resolve("loss.png")) > 5_000, "the loss chart is written");
        List<String> lines = List.of(out.split("\n"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Run[")), out);
    }
}
