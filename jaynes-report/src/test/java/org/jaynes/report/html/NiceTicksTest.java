package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class NiceTicksTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, NiceTicks.niceStep(0.75), 0);
        assertEquals(1, NiceTicks.niceStep(1.3), 0);
        assertEquals(2, NiceTicks.niceStep(1.6), 0);
        assertEquals(2, NiceTicks.niceStep(2.5), 0);
        assertEquals(5, NiceTicks.niceStep(3.5), 0);
        assertEquals(10, NiceTicks.niceStep(7), 0);
        assertEquals(0.05, NiceTicks.niceStep(0.031), 1e-18);
        assertEquals(2e5, NiceTicks.niceStep(1.7e5), 0);
    }

    @Test
    void ticksOfAUnitRange() {
        NiceTicks ticks = NiceTicks.of(0, 1, 5, false);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, ticks.values(), 0);
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1.0"), ticks.labels());
    }

    @Test
    void negativeRangeUsesTrueMinusSignsAndAnExactZero() {
        NiceTicks ticks = NiceTicks.of(-0.3, 0.25, 5, false);
        assertEquals(List.of("−0.3", "−0.2", "−0.1", "0", "0.1", "0.2"), ticks.labels());
        assertEquals(0.0, ticks.values()[3], 0);
    }

    @Test
    void noRoundingNoiseInLabels() {
        // 3 × 0.1 is 0.30000000000000004 in binary; the label must not show it.
        assertEquals(List.of("0.1", "0.2", "0.3", "0.4"), NiceTicks.of(0.1, 0.4, 3, false).labels());
        assertEquals(0.3, NiceTicks.of(0.1, 0.4, 3, false).values()[2], 0);
    }

    @Test
    void narrowRangesKeepEnoughDigitsToTellTicksApart() {
        assertEquals(List.of("1.105", "1.110", "1.115", "1.120"), NiceTicks.of(1.103, 1.121, 4, false).labels());
    }

    @Test
    void tinyAndHugeValuesAreScientificOnTheWholeAxis() {
        assertEquals(List.of("0", "2e-4", "4e-4", "6e-4", "8e-4", "1e-3"), NiceTicks.of(0, 0.001, 5, false).labels());
        assertEquals(List.of("0", "5e5", "1e6", "1.5e6", "2e6"), NiceTicks.of(0, 2e6, 4, false).labels());
    }

    @Test
    void integerAxesNeverStepBelowOne() {
        NiceTicks ticks = NiceTicks.of(0.5, 2.5, 8, true);
        assertArrayEquals(new double[] {1, 2}, ticks.values(), 0);
        assertEquals(List.of("1", "2"), ticks.labels());
    }

    @Test
    void aPointRangeIsWidened() {
        NiceTicks ticks = NiceTicks.of(3, 3, 4, false);
        assertTrue(ticks.count() >= 2);
        assertTrue(ticks.values()[0] <= 3 && ticks.values()[ticks.count() - 1] >= 3);
        assertTrue(NiceTicks.of(0, 0, 4, false).count() >= 2);
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NiceTicks.of(1, 0, 5, false));
        assertThrows(IllegalArgumentException.class, () -> NiceTicks.of(Double.NaN, 1, 5, false));
        assertThrows(IllegalArgumentException.class, () -> NiceTicks.of(0, Double.POSITIVE_INFINITY, 5, false));
    }

    @Property
    void ticksLieInsideTheRangeAreEvenlySpacedAndLabelledDistinctly(
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double low,
            @ForAll @DoubleRange(min = 1e-4, max = 1e6) @Scale(4) double span,
            @ForAll @IntRange(min = 2, max = 12) int target) {
        double high = low + span;
        NiceTicks ticks = NiceTicks.of(low, high, target, false);
        double[] values = ticks.values();
        double slack = ticks.step() * 1e-6 + 4 * Math.ulp(Math.abs(low) + Math.abs(high));
        assertTrue(values[0] >= low - slack && values[values.length - 1] <= high + slack,
                () -> "ticks outside [" + low + ", " + high + "]");
        assertTrue(values.length >= 1 && values.length <= 3 * target + 2, "tick count " + values.length);
        for (int i = 1; i < values.length; i++) {
            // Tolerance: the step's own rounding, or that of doubles as large as the ticks.
            double tolerance = ticks.step() * 1e-6 + 4 * Math.ulp(Math.abs(values[i]) + Math.abs(values[i - 1]));
            assertEquals(ticks.step(), values[i] - values[i - 1], tolerance);
        }
        assertEquals(values.length, new HashSet<>(ticks.labels()).size(), () -> "labels collide: " + ticks.labels());
        double mantissa = ticks.step() / Math.pow(10, Math.floor(Math.log10(ticks.step()) + 1e-12));
        assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                "step " + ticks.step());
    }
}
