package org.jaynes.dynamics.hopfield;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PatternsTest {

    @Test
    void noiseIsAFractionForCorruptionAndBothOptions() {
        assertDoesNotThrow(() -> Patterns.checkNoise(0));
        assertDoesNotThrow(() -> Patterns.checkNoise(1));
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            String expected = "the noise must be a fraction in [0, 1], not " + bad;
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> Patterns.corrupt(new byte[] {1, -1}, bad, null)).getMessage());
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> RecallOptions.DEFAULTS.withNoise(bad)).getMessage());
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> CapacityOptions.DEFAULTS.withNoise(bad)).getMessage());
        }
    }
}
