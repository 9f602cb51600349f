package dev.seqlab.jupyter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {

    @Test
    void writesKernelJsonAndLogos(@TempDir Path kernels) throws Exception {
        Path dir = KernelSpec.install(kernels, "seqlab-unit", KernelSpec.DISPLAY_NAME);
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        assertEquals("SeqLab (Java)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals("passive", spec.getAsJsonObject("env").get("OMP_WAIT_POLICY").getAsString());
        assertEquals("0", spec.getAsJsonObject("env").get("MALLOC_MMAP_MAX_").getAsString());
        assertEquals(dev.seqlab.runtime.NativeEnv.RECOMMENDED.keySet(), spec.getAsJsonObject("env").keySet());
        var argv = spec.getAsJsonArray("argv");
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), argv.get(0).getAsString());
        assertTrue(argv.toString().contains("-Dai.djl.offline=true"));
        assertTrue(argv.toString().contains("\"-XX:TieredStopAtLevel=1\""), "C1 only: " + argv);
        assertEquals("dev.seqlab.cli.Main", argv.get(argv.size() - 3).getAsString());
        assertEquals("kernel", argv.get(argv.size() - 2).getAsString());
        assertEquals("{connection_file}", argv.get(argv.size() - 1).getAsString());
        byte[] png = Files.readAllBytes(dir.resolve("logo-64x64.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }
}
