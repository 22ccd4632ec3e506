package org.jaynes.core.stats;

import static org.jaynes.core.stats.ExactStatistics.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.core.stats.StreamingAccumulatorTest.Sample;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Decoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternAccumulatorTest {

    /** Statistics from exact pattern counts differ from the direct sums by rounding only. */
    private static final double RELATIVE_EPS = 1e-12;

    /** Exact cells: the KS distance is the exact one, up to rounding in Φ (1e-15) and in μ, σ. */
    private static final double KS_EPS = 1e-12;

    /** Values in the range of 16-bit floats, with exact zeros, both infinities, NaN and subnormals. */
    private static double[] halfRangeSample(long seed, int n) {
        UniformRandomProvider rng = StoredValues.random(seed);
        double[] values = StoredValues.logNormal(rng, n, -4, 1.5);
        for (int i = 0; i < n; i += 1 + rng.nextInt(50)) {
            int kind = rng.nextInt(6);
            values[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.POSITIVE_INFINITY
                    : kind == 2 ? Double.NEGATIVE_INFINITY : kind == 3 ? -0.0 : 0.0;
        }
        for (int i = 1; i < n; i += 97) {
            values[i] = 3e-6 * (rng.nextDouble() - 0.5); // f16 subnormals (below 6.1e-5)
        }
        return values;
    }

    @ParameterizedTest(name = "{0} {1} seed {2} n {3}")
    @CsvSource({
        "F16, LOGNORMAL, 1, 20000",
        "F16, GAUSSIAN, 2, 20000",
        "F16, LAPLACE, 3, 20000",
        "F16, UNIFORM, 4, 5000",
        "BF16, LOGNORMAL, 5, 20000",
        "BF16, GAUSSIAN, 6, 20000",
        "BF16, WITH_ZEROS_AND_NONFINITE, 7, 20000",
        "BF16, LAPLACE, 8, 3",
        "F16, GAUSSIAN, 9, 200000",
    })
    void floatsMatchTheExactComputation(DType dtype, Sample shape, long seed, int n) {
        check(StoredValues.of(dtype, StreamingAccumulatorTest.sample(shape, seed, n)),
                String.format(Locale.ROOT, "%s %s seed %d n %d", dtype, shape, seed, n));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"F16, 11", "BF16, 12", "F16, 13"})
    void edgeValuesMatchTheExactComputation(DType dtype, long seed) {
        check(StoredValues.of(dtype, halfRangeSample(seed, 30_000)), dtype + " seed " + seed);
    }

    @ParameterizedTest(name = "seed {0} scale {1}")
    @CsvSource({"21, 30", "22, 3", "23, 200"})
    void int8MatchesTheExactComputation(long seed, double scale) {
        double[] values = StoredValues.gaussian(StoredValues.random(seed), 20_000, scale);
        check(StoredValues.of(DType.I8, values), "i8 seed " + seed);
    }

    private static void check(StoredValues data, String context) {
        PopulationStats actual = data.accumulate().result();
        assertMatches(ExactStatistics.of(data.values()), actual, RELATIVE_EPS, KS_EPS, context);
        assertEquals(0, actual.ksErrorBound(), context + ": exact cells have no error bound");
        assertEquals(0, data.accumulate().cells().maxCellWidth(), context);
    }

    @Test
    void cellsAscendAndHoldEveryFittedValue() {
        StoredValues data = StoredValues.of(DType.F16, halfRangeSample(31, 10_000));
        PopulationAccumulator accumulator = data.accumulate();
        double[] previous = {Double.NEGATIVE_INFINITY};
        long[] total = {0};
        accumulator.cells().forEachCell((low, high, count) -> {
            assertEquals(low, high);
            assertTrue(low > previous[0], "ascending, and ±w share one cell");
            assertTrue(count > 0);
            previous[0] = low;
            total[0] += count;
        });
        assertEquals(accumulator.result().fitted(), total[0]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"F16", "BF16", "I16", "U16", "I8", "U8", "BOOL"})
    void patternsOfRankAscendInValue(DType dtype) {
        int patterns = 1 << (8 * dtype.byteSize());
        boolean[] seen = new boolean[patterns];
        double previous = Double.NEGATIVE_INFINITY;
        for (int rank = 0; rank < patterns; rank++) {
            int p = PatternAccumulator.patternOfRank(dtype, rank, patterns);
            assertTrue(!seen[p], dtype + ": pattern " + p + " twice");
            seen[p] = true;
            double v = Decoding.patternToDouble(dtype, p);
            if (!Double.isFinite(v) || v == 0) {
                continue; // never a cell
            }
            assertTrue(v > previous, dtype + ": rank " + rank + " value " + v + " after " + previous);
            previous = v;
        }
    }

    @Test
    void windowSplitAndMergeGiveIdenticalResults() {
        StoredValues data = StoredValues.of(DType.BF16, halfRangeSample(32, 25_000));
        PopulationStats whole = data.accumulate().result();
        for (int window : new int[] {1, 3, 1000, 24_999}) {
            assertEquals(whole, data.accumulateInWindows(window).result(), "window " + window);
        }
        PopulationAccumulator first = PopulationAccumulator.of(DType.BF16);
        first.accept(data.window(0, 2 * 12_345));
        PopulationAccumulator second = PopulationAccumulator.of(DType.BF16);
        second.accept(data.window(2 * 12_345, data.bytes().length));
        first.merge(second);
        assertEquals(whole, first.result(), "counts are integers: merging is exact");
    }

    @Test
    void addToPooledMatchesTheValues() {
        StoredValues data = StoredValues.of(DType.F16, halfRangeSample(33, 20_000));
        StreamingAccumulator pooled = new StreamingAccumulator(DType.F64);
        data.accumulate().addTo(pooled);
        assertMatches(ExactStatistics.of(data.values()), pooled.result(), RELATIVE_EPS, KS_EPS, "pooled");
    }

    @Test
    void refusesWideDtypesAndOtherAccumulators() {
        assertThrows(IllegalArgumentException.class, () -> new PatternAccumulator(DType.F32));
        PopulationAccumulator f16 = PopulationAccumulator.of(DType.F16);
        assertThrows(IllegalArgumentException.class, () -> f16.merge(PopulationAccumulator.of(DType.BF16)));
        assertThrows(IllegalArgumentException.class, () -> f16.merge(PopulationAccumulator.of(DType.F32)));
    }

    @Test
    void ofChoosesPatternCountingForSmallDtypes() {
        for (DType dtype : DType.values()) {
            PopulationAccumulator accumulator = PopulationAccumulator.of(dtype);
            assertEquals(dtype.byteSize() <= 2, accumulator instanceof PatternAccumulator, dtype.label());
        }
    }

    /** The test's own encoders and decoder agree with the main decoder on every 16-bit pattern. */
    @Test
    void testEncodersAgreeWithDecoding() {
        for (int p = 0; p < 1 << 16; p++) {
            double half = StoredValues.halfToDouble(p);
            assertEquals(half, Decoding.patternToDouble(DType.F16, p), "f16 pattern " + p);
            double bfloat = Float.intBitsToFloat(p << 16);
            assertEquals(bfloat, Decoding.patternToDouble(DType.BF16, p), "bf16 pattern " + p);
            if (!Double.isNaN(half)) {
                assertEquals(p, StoredValues.floatToHalf((float) half) & 0xFFFF, "f16 round trip " + p);
            }
            if (!Double.isNaN(bfloat)) {
                assertEquals(p, StoredValues.floatToBfloat16((float) bfloat) & 0xFFFF, "bf16 round trip " + p);
            }
        }
        // ties go to even; the largest half is 65504, and 65520 is the first value that overflows
        assertEquals(0x3C00, StoredValues.floatToHalf(1 + 0x1p-11f));
        assertEquals(0x3C02, StoredValues.floatToHalf(1 + 3 * 0x1p-11f));
        assertEquals(0x7BFF, StoredValues.floatToHalf(65519f));
        assertEquals(0x7C00, StoredValues.floatToHalf(65520f));
        assertEquals(0x0001, StoredValues.floatToHalf(0x1p-24f));
        assertEquals(0x0000, StoredValues.floatToHalf(0x1p-25f));
        assertEquals(0x0001, StoredValues.floatToHalf(Math.nextUp(0x1p-25f)));
        assertEquals((short) 0x8000, StoredValues.floatToHalf(-0x1p-26f));
    }
}
