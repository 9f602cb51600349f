package dev.seqlab.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelHistoryTest {

    private static KernelHistory history() {
        KernelHistory h = new KernelHistory();
        h.add(1, "6*7", "42");
        h.add(2, "int x = 1;", "");
        h.add(3, "6*7", "42");
        h.add(4, "x + 1", "2");
        return h;
    }

    @Test
    void tail() {
        assertEquals(List.of(List.of(1, 3, "6*7"), List.of(1, 4, "x + 1")), history().tail(2, false));
        assertEquals(List.of(List.of(1, 4, List.of("x + 1", "2"))), history().tail(1, true));
    }

    @Test
    void range() {
        assertEquals(List.of(List.of(1, 2, "int x = 1;")), history().range(1, 2, 3, false));
        assertEquals(2, history().range(0, 3, 0, false).size());
        assertEquals(0, history().range(-1, 1, 5, false).size());
    }

    @Test
    void searchWithGlobUniqueAndLimit() {
        assertEquals(2, history().search("6*7", 0, false, false).size());
        assertEquals(List.of(List.of(1, 3, "6*7")), history().search("6*7", 0, true, false));
        assertEquals(1, history().search("6*7", 1, false, false).size());
        assertEquals(1, history().search("x ? [0-9]", 0, false, false).size());
        assertEquals(4, history().search("*", 0, false, false).size());
    }
}
