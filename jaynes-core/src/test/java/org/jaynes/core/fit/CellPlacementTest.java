package org.jaynes.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.StoredValues;
import org.jaynes.core.tensor.DType;

/**
 * Means of |w|^k over placed cells against the values themselves, for populations whose values sit at
 * the lower edges of their histogram cells (a mantissa of at most 17 bits) in a proportion that drifts
 * with |w|, as in real layers; seeds drawn by jqwik and repeated in every message.
 */
class CellPlacementTest {

    private static final int N = 50_000;
    /** The widest fine cell in ln|w|. */
    private static final double CELL = Math.log1p(0x1p-17);

    @Property(tries = 30)
    void placedCellsGiveUnbiasedPowerMeans(@ForAll @DoubleRange(min = 0, max = 1) double edgeAtSmall,
                                           @ForAll @DoubleRange(min = 0, max = 1) double edgeAtLarge,
                                           @ForAll long seed) {
        UniformRandomProvider rng = StoredValues.random(seed);
        double[] values = StoredValues.logNormal(rng, N, -3, 1);
        for (int i = 0; i < N; i++) {
            // the chance of sitting at an edge drifts from edgeAtSmall to edgeAtLarge across ±2σ
            double t = Math.max(0, Math.min(1, (Math.log(Math.abs(values[i])) + 5) / 4));
            if (rng.nextDouble() < edgeAtSmall + t * (edgeAtLarge - edgeAtSmall)) {
                values[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(values[i]) & ~((1L << 35) - 1));
            }
        }
        FitInput input = StoredValues.of(DType.F64, values).accumulate().fitInput();
        CellPlacement placement = CoarseCells.ofMagnitudes(input).placement();
        String context = String.format(Locale.ROOT, "seed %d, edge fraction %.3f to %.3f", seed, edgeAtSmall, edgeAtLarge);
        for (double k : new double[] {0.5, 1, 1.5, 2, 3}) {
            double exact = 0;
            double squares = 0;
            for (double v : values) {
                double power = Math.pow(Math.abs(v), k);
                exact += power;
                squares += power * power;
            }
            double[] placed = {0};
            double[] midpoint = {0};
            double power = k;
            input.cells().forEachCell((lnLow, lnHigh, count) -> {
                placed[0] += count * Math.exp(power * placement.of(lnLow, lnHigh));
                midpoint[0] += count * Math.exp(power * 0.5 * (lnLow + lnHigh));
            });
            double placedError = Math.abs(placed[0] / exact - 1);
            double midpointError = Math.abs(midpoint[0] / exact - 1);
            // what no placement can remove: each value's own offset, up to ±h/2 (sd h/√12), weighted by
            // x^k, over an effective sample of (Σx^k)²/Σx^2k values; 5 such standard deviations allowed
            double random = k * CELL / Math.sqrt(12) * Math.sqrt(squares) / exact;
            assertTrue(placedError <= 5 * random + 1e-12, () -> String.format(Locale.ROOT,
                    "%s, k %.1f: placed cells off by %.3g, allowed %.3g (midpoints: %.3g)", context, power,
                    placedError, 5 * random, midpointError));
        }
    }

    @Property(tries = 10)
    void exactCellsStayPut(@ForAll long seed) {
        FitInput input = StoredValues.of(DType.F16, StoredValues.logNormal(StoredValues.random(seed), 5_000, -3, 1))
                .accumulate().fitInput();
        CellPlacement placement = CoarseCells.ofMagnitudes(input).placement();
        assertEquals(-1.25, placement.of(-1.25, -1.25), "seed " + seed);
    }

    @Property(tries = 10)
    void everyValueAtAnEdgeIsPlacedAtTheEdge(@ForAll long seed) {
        double[] values = StoredValues.logNormal(StoredValues.random(seed), N, -3, 1);
        for (int i = 0; i < N; i++) {
            values[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(values[i]) & ~((1L << 35) - 1));
        }
        FitInput input = StoredValues.of(DType.F64, values).accumulate().fitInput();
        CellPlacement placement = CoarseCells.ofMagnitudes(input).placement();
        assertEquals(-0.5, placement.offset(), 1e-6, "seed " + seed);
        assertEquals(0, placement.slope(), 1e-6, "seed " + seed);
        input.cells().forEachCell((lnLow, lnHigh, count) ->
                assertEquals(lnLow, placement.of(lnLow, lnHigh), 1e-4 * (lnHigh - lnLow), "seed " + seed));
    }
}
