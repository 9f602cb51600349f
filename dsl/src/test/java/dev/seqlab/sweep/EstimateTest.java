package dev.seqlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The interval arithmetic against values worked out by hand and printed t tables. */
class EstimateTest {

    @Test
    void tQuantilesMatchPrintedTables() {
        // Two-sided 95% critical values from standard t tables.
        assertEquals(12.706204736, Estimate.tQuantile(0.975, 1), 1e-6);
        assertEquals(4.302652730, Estimate.tQuantile(0.975, 2), 1e-6);
        assertEquals(3.182446305, Estimate.tQuantile(0.975, 3), 1e-6);
        assertEquals(2.776445105, Estimate.tQuantile(0.975, 4), 1e-6);
        assertEquals(2.262157163, Estimate.tQuantile(0.975, 9), 1e-6);
        assertEquals(2.045229642, Estimate.tQuantile(0.975, 29), 1e-6);
        assertEquals(-2.776445105, Estimate.tQuantile(0.025, 4), 1e-6);
    }

    @Test
    void summaryEqualsHandComputedValues() {
        // 1, 2, 3, 4: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, std sqrt(5/3);
        // half width t(0.975, 3) * sqrt(5/3) / 2 = 3.182446305 * 1.290994449 / 2 = 2.054260...
        Estimate e = Estimate.of(1, 2, 3, 4);
        assertEquals(4, e.n());
        assertEquals(2.5, e.mean(), 1e-12);
        assertEquals(1.2909944487358056, e.std(), 1e-12);
        double half = 3.182446305284263 * 1.2909944487358056 / 2;
        assertEquals(2.5 - half, e.low(), 1e-8);
        assertEquals(2.5 + half, e.high(), 1e-8);
        assertEquals(0.445740, e.low(), 1e-5);
        assertEquals(4.554260, e.high(), 1e-5);
    }

    @Test
    void oneValueHasNoInterval() {
        Estimate e = Estimate.of(7.0);
        assertEquals(7.0, e.mean());
        assertTrue(Double.isNaN(e.std()));
        assertTrue(Double.isNaN(e.low()));
        assertFalse(e.excludesZero());
        assertTrue(Double.isNaN(Estimate.of().mean()));
    }

    @Test
    void intervalDecidesTheVerdict() {
        assertTrue(Estimate.of(1.0, 1.2, 0.9, 1.1).excludesZero());
        assertFalse(Estimate.of(1.0, -1.2, 0.9, -1.1).excludesZero());
    }
}
