package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultImportsTest {

    @Test
    void ourClassWinsANameClashWithJavaUtil() {
        ClassLoader cl = getClass().getClassLoader();
        assertTrue(DefaultImports.classNames("dev.seqlab.enginefixture", cl).contains("Stack"));
        assertEquals(List.of("dev.seqlab.enginefixture.Stack"),
                DefaultImports.clashWinners(List.of("dev.seqlab.enginefixture"), List.of("java.util", "java.nio.file"), cl));
    }

    @Test
    void findsClassesInJars() {
        assertTrue(DefaultImports.classNames("tech.tablesaw.api", getClass().getClassLoader()).contains("Table"));
        assertTrue(DefaultImports.clashWinners(List.of("dev.seqlab.train"), List.of("java.util"), getClass().getClassLoader()).isEmpty());
    }
}
