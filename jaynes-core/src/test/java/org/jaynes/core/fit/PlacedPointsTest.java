package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.StoredValues;
import org.jaynes.core.tensor.DType;

/**
 * The compressed points against the placed cells they replace (the simple oracle): equal sums of every
 * cubic in u, and of x^k = e^(ku) to the stated error; seeds drawn by jqwik, repeated in messages.
 */
class PlacedPointsTest {

    @Property(tries = 30)
    void sumsOfCubicsAndPowersEqualThoseOverThePlacedCells(@ForAll @IntRange(min = 1, max = 50_000) int n,
                                                           @ForAll long seed) {
        FitInput input = StoredValues.of(DType.F32, StoredValues.logNormal(StoredValues.random(seed), n, -3, 1.2))
                .accumulate().fitInput();
        CellPlacement placement = CoarseCells.ofMagnitudes(input).placement();
        List<double[]> placed = new ArrayList<>();
        input.cells().forEachCell((low, high, count) -> placed.add(new double[] {placement.of(low, high), count}));
        PlacedPoints points = PlacedPoints.of(input.cells(), placement);
        String context = String.format(Locale.ROOT, "seed %d, n %d", seed, n);
        assertTrue(points.size() <= placed.size(), context + ": never more points than cells");
        double pivot = input.meanLog();
        for (int degree = 0; degree <= 3; degree++) {
            double expected = 0;
            double scale = 0;
            for (double[] cell : placed) {
                expected += cell[1] * Math.pow(cell[0] - pivot, degree);
                scale += cell[1] * Math.abs(Math.pow(cell[0] - pivot, degree));
            }
            double actual = 0;
            for (int i = 0; i < points.size(); i++) {
                actual += points.weight(i) * Math.pow(points.u(i) - pivot, degree);
            }
            assertEquals(expected, actual, 1e-11 * scale, context + ": degree " + degree);
        }
        for (double k : new double[] {0.5, 1, 2, 4}) {
            double expected = 0;
            for (double[] cell : placed) {
                expected += cell[1] * Math.exp(k * (cell[0] - pivot));
            }
            double actual = 0;
            for (int i = 0; i < points.size(); i++) {
                actual += points.weight(i) * Math.exp(k * (points.u(i) - pivot));
            }
            // The two-point rule's error: below 6e-13·k⁴ relative for windows 2^-9 wide (and rounding).
            assertEquals(expected, actual, (6e-13 * k * k * k * k + 1e-13) * expected, context + ": x^" + k);
        }
    }

    @Property(tries = 20)
    void pointsLieInsideTheirWindowsWithPositiveWeights(@ForAll @IntRange(min = 2, max = 20_000) int n,
                                                        @ForAll long seed) {
        FitInput input = StoredValues.of(DType.F32, StoredValues.gaussian(StoredValues.random(seed), n, 0.02))
                .accumulate().fitInput();
        CellPlacement placement = CoarseCells.ofMagnitudes(input).placement();
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        input.cells().forEachCell((low, high, count) -> {
            range[0] = Math.min(range[0], placement.of(low, high));
            range[1] = Math.max(range[1], placement.of(low, high));
        });
        PlacedPoints points = PlacedPoints.of(input.cells(), placement);
        double total = 0;
        for (int i = 0; i < points.size(); i++) {
            assertTrue(points.weight(i) > 0, "seed " + seed + ": weight " + i);
            assertTrue(points.u(i) >= range[0] - 1e-12 && points.u(i) <= range[1] + 1e-12, "seed " + seed + ": u " + i);
            assertTrue(i == 0 || points.u(i) >= points.u(i - 1) - 1e-12, "seed " + seed + ": order at " + i);
            total += points.weight(i);
        }
        assertEquals(input.n(), total, 1e-9 * input.n(), "seed " + seed + ": weights add up to the values");
    }
}
