package org.jaynes.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void atLeastRefusesValuesBelowTheMinimum() {
        assertDoesNotThrow(() -> Checks.atLeast("threads", 1, 1));
        assertEquals("threads must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> Checks.atLeast("threads", 0, 1)).getMessage());
    }

    @Test
    void nonNegativeRefusesNegativeValuesAndNaN() {
        assertDoesNotThrow(() -> Checks.nonNegative("epochs", 0));
        assertDoesNotThrow(() -> Checks.nonNegative("the tolerance", 0.0));
        assertEquals("epochs must be non-negative, not -1",
                assertThrows(IllegalArgumentException.class, () -> Checks.nonNegative("epochs", -1)).getMessage());
        assertEquals("the tolerance must be non-negative, not NaN", assertThrows(IllegalArgumentException.class,
                () -> Checks.nonNegative("the tolerance", Double.NaN)).getMessage());
    }

    @Test
    void positiveFiniteRefusesZeroInfinityAndNaN() {
        assertDoesNotThrow(() -> Checks.positiveFinite("sigma", Double.MIN_VALUE));
        for (double bad : new double[] {0, -1, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertEquals("sigma must be positive and finite, not " + bad, assertThrows(IllegalArgumentException.class,
                    () -> Checks.positiveFinite("sigma", bad)).getMessage());
        }
    }
}
