package dev.seqlab.jupyter;

import com.google.gson.GsonBuilder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the {@code seqlab} kernelspec: {@code kernel.json} (display name "SeqLab (Java)",
 * language java, message interrupts, the JDK that runs this, the environment of
 * {@link dev.seqlab.runtime.NativeEnv})
 * and logos drawn with Java2D. Files are written to a temporary file and renamed.
 */
public final class KernelSpec {

    /** The kernelspec's default name. */
    public static final String NAME = "seqlab";
    /** What Jupyter shows in its kernel list. */
    public static final String DISPLAY_NAME = "SeqLab (Java)";

    private KernelSpec() {}

    /**
     * The command that starts this kernel, with Jupyter's {@code {connection_file}} placeholder.
     *
     * @param classPath the class path to run with
     * @param home the SeqLab checkout (for data sets), or null
     * @return the argv list
     */
    public static List<String> argv(String classPath, Path home) {
        return argv(classPath, home, null);
    }

    /**
     * The command that starts this kernel, mapping a class-data archive when one is given.
     *
     * @param classPath the class path to run with
     * @param home the SeqLab checkout (for data sets), or null
     * @param classArchive the kernel's class-data archive ({@link KernelClassArchive}), or null
     * @return the argv list
     */
    public static List<String> argv(String classPath, Path home, Path classArchive) {
        List<String> argv = new ArrayList<>();
        argv.add(javaBin());
        argv.addAll(jvmOptions());
        if (classArchive != null) {
            argv.addAll(KernelClassArchive.options(classArchive));
        }
        if (home != null) {
            argv.add("-Dseqlab.home=" + home);
        }
        argv.add("-cp");
        argv.add(classPath);
        argv.add("dev.seqlab.cli.Main");
        argv.add("kernel");
        argv.add("{connection_file}");
        return argv;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The kernel JVM's options (the class-data archive is written and used under the same ones). */
    private static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Dai.djl.offline=true");
        options.add("-Djava.awt.headless=true");
        options.addAll(dev.seqlab.engine.SeqLabEngine.JVM_OPTIONS);
        return options;
    }

    /**
     * The class path of the running SeqLab: {@code <jar>:<lib>/*} when run from the packaged jar
     * (kernel/target), otherwise this JVM's class path.
     *
     * @return the class path for kernel.json
     */
    public static String classPath() {
        try {
            Path location = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = location.resolveSibling("lib");
            if (Files.isRegularFile(location) && Files.isDirectory(lib)) {
                return location.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath() + File.separator + "*";
            }
        } catch (Exception e) {
            // fall through to the JVM's class path
        }
        List<String> abs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                abs.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, abs);
    }

    /**
     * The SeqLab checkout: {@code -Dseqlab.home}, or two levels above the kernel jar.
     *
     * @return the directory, or null when unknown
     */
    public static Path home() {
        String p = System.getProperty("seqlab.home");
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath().normalize();
        }
        try {
            Path location = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = location.getParent().getParent().getParent();
            return Files.isDirectory(root.resolve("kernel")) ? root : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The contents of kernel.json.
     *
     * @param displayName the display name
     * @param argv the command
     * @return the JSON text
     */
    public static String json(String displayName, List<String> argv) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", displayName);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", dev.seqlab.runtime.NativeEnv.RECOMMENDED);
        spec.put("metadata", Map.of("debugger", false));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * Writes the kernelspec directory {@code kernelsDir/name}.
     *
     * @param kernelsDir a Jupyter {@code kernels} directory
     * @param name the kernelspec name
     * @param displayName the display name
     * @return the kernelspec directory
     * @throws IOException when writing fails
     */
    public static Path install(Path kernelsDir, String name, String displayName) throws IOException {
        return install(kernelsDir, name, displayName, false, note -> { });
    }

    /**
     * Writes the kernelspec directory {@code kernelsDir/name}, with the kernel's class-data
     * archive when asked (a training run of a few seconds; when it fails the kernelspec is
     * written without it and {@code notes} hears why).
     *
     * @param kernelsDir a Jupyter {@code kernels} directory
     * @param name the kernelspec name
     * @param displayName the display name
     * @param classArchive whether to write the class-data archive
     * @param notes receives one line about the archive
     * @return the kernelspec directory
     * @throws IOException when writing fails
     */
    public static Path install(Path kernelsDir, String name, String displayName, boolean classArchive,
            java.util.function.Consumer<String> notes) throws IOException {
        Path dir = kernelsDir.resolve(name);
        Files.createDirectories(dir);
        String classPath = classPath();
        Path archive = null;
        if (classArchive) {
            Path target = KernelClassArchive.in(dir);
            String why = KernelClassArchive.write(target, javaBin(), jvmOptions(), classPath, dev.seqlab.runtime.NativeEnv.RECOMMENDED, 180);
            if (why == null) {
                archive = target;
                notes.accept("Class-data archive written to " + target + " (faster kernel start).");
            } else {
                Files.deleteIfExists(target); // a stale archive of an earlier install must not stay named
                notes.accept("No class-data archive: " + why + "; the kernel starts without it, only slower.");
            }
        }
        writeAtomically(dir.resolve("kernel.json"), json(displayName, argv(classPath, home(), archive)).getBytes(StandardCharsets.UTF_8));
        writeAtomically(dir.resolve("logo-64x64.png"), logo(64));
        writeAtomically(dir.resolve("logo-32x32.png"), logo(32));
        return dir;
    }

    /**
     * Draws the SeqLab logo: a wave over three recurrent cells.
     *
     * @param size width and height in pixels
     * @return PNG bytes
     * @throws IOException when encoding fails
     */
    public static byte[] logo(int size) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        float s = size / 64f;
        g.setColor(new Color(0x1f, 0x4e, 0x79));
        g.fillRoundRect(0, 0, size, size, Math.round(14 * s), Math.round(14 * s));
        g.setColor(new Color(0xf0, 0xa2, 0x02));
        g.setStroke(new BasicStroke(3.5f * s, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D wave = new Path2D.Float();
        for (int x = 0; x <= 52; x++) {
            double y = 22 - 9 * Math.sin(x / 52.0 * 2 * Math.PI);
            if (x == 0) {
                wave.moveTo((6 + x) * s, y * s);
            } else {
                wave.lineTo((6 + x) * s, y * s);
            }
        }
        g.draw(wave);
        g.setColor(Color.WHITE);
        for (int i = 0; i < 3; i++) {
            g.fillRoundRect(Math.round((8 + i * 17) * s), Math.round(40 * s), Math.round(13 * s), Math.round(13 * s),
                    Math.round(4 * s), Math.round(4 * s));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
