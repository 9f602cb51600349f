package dev.seqlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeEnvTest {

    @Test
    void missingNamesOnlyUnsetVariables() {
        Map<String, String> env = Map.of("OMP_WAIT_POLICY", "active", "MALLOC_ARENA_MAX", "1");
        assertEquals(List.of("GOMP_SPINCOUNT", "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_", "ONEDNN_MAX_CPU_ISA"), List.copyOf(NativeEnv.missing(env).keySet()));
        assertEquals(NativeEnv.RECOMMENDED, NativeEnv.missing(Map.of()));
    }

    @Test
    void testsRunInTheRecommendedEnvironment() {
        // pom.xml gives surefire's JVMs the same variables; this keeps the two lists together.
        assertEquals(Map.of(), NativeEnv.missing(System.getenv()));
    }

    @Test
    void fillInKeepsTheUsersValues() {
        Map<String, String> env = new HashMap<>(Map.of("OMP_WAIT_POLICY", "active"));
        NativeEnv.fillIn(env);
        assertEquals("active", env.get("OMP_WAIT_POLICY"));
        assertEquals("0", env.get("MALLOC_MMAP_MAX_"));
        assertEquals(NativeEnv.RECOMMENDED.keySet(), env.keySet());
        assertEquals(Map.of(), NativeEnv.missing(env));
    }
}
