package org.jaynes.core.stats;

import static org.jaynes.core.stats.ExactStatistics.assertClose;
import static org.jaynes.core.stats.ExactStatistics.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.core.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamingAccumulatorTest {

    /** Moments are exact up to rounding: a few eps times log2(blocks); 1e-12 is a wide margin. */
    private static final double RELATIVE_EPS = 1e-12;

    /** On top of the reported histogram error bound, rounding in Φ and in the fitted μ, σ. */
    private static final double KS_EPS = 1e-12;

    /** The class promises errorBound ≤ 2^-17/(σ√(2π)) ≈ 3.04e-6/σ. */
    private static final double BOUND_TIMES_SIGMA = 3.1e-6;

    enum Sample {
        LOGNORMAL, GAUSSIAN, LAPLACE, UNIFORM, WITH_ZEROS_AND_NONFINITE,
        /** Pruned weights: zeros of both signs in most chunks of 1,024 values, and a run of 3,000 zeros. */
        WITH_ZEROS
    }

    static double[] sample(Sample shape, long seed, int n) {
        UniformRandomProvider rng = StoredValues.random(seed);
        switch (shape) {
            case LOGNORMAL:
                return StoredValues.logNormal(rng, n, -3 + 2 * rng.nextDouble(), 0.3 + 2 * rng.nextDouble());
            case GAUSSIAN:
                return StoredValues.gaussian(rng, n, 0.02);
            case LAPLACE: {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    double u = rng.nextDouble() - 0.5;
                    values[i] = -0.05 * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
                }
                return values;
            }
            case UNIFORM: {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = 0.1 * (2 * rng.nextDouble() - 1);
                }
                return values;
            }
            case WITH_ZEROS_AND_NONFINITE: {
                double[] values = StoredValues.gaussian(rng, n, 1);
                for (int i = 0; i < n; i += 1 + rng.nextInt(40)) {
                    int kind = rng.nextInt(8);
                    values[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.POSITIVE_INFINITY
                            : kind == 2 ? Double.NEGATIVE_INFINITY : kind == 3 ? -0.0 : 0.0;
                }
                return values;
            }
            case WITH_ZEROS: {
                double[] values = StoredValues.gaussian(rng, n, 0.02);
                for (int i = 0; i < n; i += 1 + rng.nextInt(1500)) {
                    values[i] = rng.nextBoolean() ? -0.0 : 0.0;
                }
                java.util.Arrays.fill(values, n / 3, Math.min(n, n / 3 + 3000), 0.0);
                return values;
            }
            default:
                throw new AssertionError(shape);
        }
    }

    @ParameterizedTest(name = "{0} {1} seed {2} n {3}")
    @CsvSource({
        "F32, LOGNORMAL, 1, 20000",
        "F32, GAUSSIAN, 2, 20000",
        "F32, LAPLACE, 3, 20000",
        "F32, UNIFORM, 4, 20000",
        "F32, WITH_ZEROS_AND_NONFINITE, 5, 20000",
        "F32, WITH_ZEROS, 13, 20000",
        "F64, LOGNORMAL, 6, 20000",
        "F64, GAUSSIAN, 7, 20000",
        "F64, WITH_ZEROS_AND_NONFINITE, 8, 5000",
        "F32, GAUSSIAN, 9, 1",
        "F32, LOGNORMAL, 10, 2",
        "F32, LAPLACE, 11, 1025",
        "F32, GAUSSIAN, 12, 300000",
    })
    void matchesTheExactComputation(DType dtype, Sample shape, long seed, int n) {
        StoredValues data = StoredValues.of(dtype, sample(shape, seed, n));
        PopulationStats expected = ExactStatistics.of(data.values());
        PopulationStats actual = data.accumulate().result();
        String context = String.format(Locale.ROOT, "%s %s seed %d n %d", dtype, shape, seed, n);
        assertMatches(expected, actual, RELATIVE_EPS, KS_EPS, context);
        if (actual.fitted() >= 2) {
            assertTrue(actual.ksErrorBound() <= BOUND_TIMES_SIGMA / actual.sigma(),
                    context + ": error bound " + actual.ksErrorBound() + " for sigma " + actual.sigma());
        }
    }

    @Test
    void windowSplitChangesOnlyRounding() {
        StoredValues data = StoredValues.of(DType.F32, sample(Sample.LAPLACE, 21, 50_000));
        PopulationStats whole = data.accumulate().result();
        for (int window : new int[] {1, 7, 1023, 1024, 1025, 4096, 49_999}) {
            assertMatches(whole, data.accumulateInWindows(window).result(), RELATIVE_EPS, KS_EPS, "window " + window);
        }
    }

    @Test
    void mergeOfPartsEqualsOneAccumulator() {
        StoredValues data = StoredValues.of(DType.F64, sample(Sample.WITH_ZEROS_AND_NONFINITE, 22, 30_000));
        PopulationAccumulator merged = PopulationAccumulator.of(DType.F64);
        int[] cuts = {0, 1, 5000, 5001, 17_003, 30_000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            PopulationAccumulator part = PopulationAccumulator.of(DType.F64);
            part.accept(data.window(8 * cuts[i], 8 * cuts[i + 1]));
            merged.merge(part);
        }
        assertMatches(data.accumulate().result(), merged.result(), RELATIVE_EPS, KS_EPS, "merged");
    }

    @Test
    void readsFromTheWindowPositionOnly() {
        StoredValues data = StoredValues.of(DType.F32, sample(Sample.GAUSSIAN, 23, 1000));
        PopulationAccumulator accumulator = PopulationAccumulator.of(DType.F32);
        ByteBuffer window = data.buffer().position(400).limit(2000);
        accumulator.accept(window);
        double[] middle = Arrays.copyOfRange(data.values(), 100, 500);
        assertMatches(ExactStatistics.of(middle), accumulator.result(), RELATIVE_EPS, KS_EPS, "window [400, 2000)");
    }

    @Test
    void emptyAccumulatorGivesZeroCountsAndNaN() {
        PopulationStats stats = new StreamingAccumulator(DType.F32).result();
        assertEquals(0, stats.n());
        assertTrue(Double.isNaN(stats.mean()));
        assertTrue(Double.isNaN(stats.std()));
        assertTrue(Double.isNaN(stats.mu()));
        assertTrue(Double.isNaN(stats.sigma()));
        assertTrue(Double.isNaN(stats.ks()));
    }

    @Test
    void allZerosAndNonfiniteLeaveNothingToFit() {
        StoredValues data = StoredValues.of(DType.F32, new double[] {0, -0.0, Double.NaN, 0, Double.NEGATIVE_INFINITY});
        PopulationStats stats = data.accumulate().result();
        assertEquals(5, stats.n());
        assertEquals(3, stats.zeros());
        assertEquals(2, stats.nonfinite());
        assertEquals(0, stats.fitted());
        assertEquals(0.0, stats.mean());
        assertEquals(0.0, stats.std());
        assertTrue(Double.isNaN(stats.mu()));
        assertTrue(Double.isNaN(stats.ks()));
    }

    @Test
    void equalMagnitudesHaveNoKsDistance() {
        StoredValues data = StoredValues.of(DType.F32, new double[] {0.5, -0.5, 0.5, 0.5});
        PopulationStats stats = data.accumulate().result();
        assertEquals(Math.log(0.5), stats.mu());
        assertEquals(0, stats.sigma());
        assertTrue(Double.isNaN(stats.ks()), "sigma 0: no normal to compare with");
    }

    @Test
    void integerTypesAreSummarisedAsValues() {
        ByteBuffer ints = ByteBuffer.allocate(4 * 4).order(ByteOrder.LITTLE_ENDIAN);
        ints.putInt(-3).putInt(0).putInt(5).putInt(Integer.MIN_VALUE).flip();
        StreamingAccumulator accumulator = new StreamingAccumulator(DType.I32);
        accumulator.accept(ints);
        PopulationStats stats = accumulator.result();
        double[] values = {-3, 0, 5, Integer.MIN_VALUE};
        assertMatches(ExactStatistics.of(values), stats, RELATIVE_EPS, KS_EPS, "i32");

        ByteBuffer longs = ByteBuffer.allocate(3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        longs.putLong(7).putLong(-7).putLong(1L << 40).flip();
        StreamingAccumulator wide = new StreamingAccumulator(DType.I64);
        wide.accept(longs);
        assertMatches(ExactStatistics.of(new double[] {7, -7, 0x1p40}), wide.result(), RELATIVE_EPS, KS_EPS, "i64");
    }

    @Test
    void refusesPatternDtypesAndPatternAccumulators() {
        StreamingAccumulator accumulator = new StreamingAccumulator(DType.F16);
        assertThrows(IllegalStateException.class, () -> accumulator.accept(ByteBuffer.allocate(4)));
        StreamingAccumulator f32 = new StreamingAccumulator(DType.F32);
        assertThrows(IllegalArgumentException.class, () -> f32.merge(PopulationAccumulator.of(DType.BF16)));
    }

    /**
     * The pooled accumulator of a model receives each 16-bit pattern's whole count at once
     * ({@link PatternAccumulator#addTo}); a bf16 model of about 10^12 parameters has patterns seen more
     * than 2^31 times. Found: the histogram's int bin counts threw ArithmeticException here.
     */
    @Test
    void pooledCountsOfOneValueBeyondTwoToThe31() {
        StreamingAccumulator pooled = new StreamingAccumulator(DType.F64);
        pooled.addRepeated(0.5, 3_000_000_000L);
        pooled.addRepeated(-0.25, 1L << 30);
        pooled.addRepeated(0.25, 1L << 30);
        PopulationStats stats = pooled.result();
        long n = 3_000_000_000L + (1L << 31);
        assertEquals(n, stats.n());
        double fraction = 3e9 / n;
        double mu = fraction * Math.log(0.5) + (1 - fraction) * Math.log(0.25);
        assertClose(mu, stats.mu(), 1e-12, "mu");
        double sigma = Math.log(2) * Math.sqrt(fraction * (1 - fraction));
        assertClose(sigma, stats.sigma(), 1e-12, "sigma");
        // two exact values: the largest gap is at one of them
        double cdfLow = ExactStatistics.phi((Math.log(0.25) - mu) / sigma);
        double cdfHigh = ExactStatistics.phi((Math.log(0.5) - mu) / sigma);
        double ks = Math.max(Math.max(cdfLow, (1 - fraction) - cdfLow), Math.max(cdfHigh - (1 - fraction), 1 - cdfHigh));
        assertClose(ks, stats.ks(), stats.ksErrorBound() + KS_EPS, "ks");
    }

    /**
     * Subnormal doubles (below 2.2e-308) fall in histogram bins that are wide in ln|w| (the bin key
     * keeps 17 mantissa bits, which for a subnormal are not 17 significant bits). The reported bound
     * must still hold, even though it can exceed the 3.0e-6/σ of well-scaled data. Found: cells of
     * subnormal keys were given the width of a normal bin, so the true distance fell outside the bound.
     */
    @Test
    void subnormalDoublesKeepAValidBound() {
        UniformRandomProvider rng = StoredValues.random(24);
        double[] values = new double[4000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(-712 + 2 * StoredValues.gaussian(rng, 1, 1)[0]);
        }
        StoredValues data = StoredValues.of(DType.F64, values);
        PopulationStats actual = data.accumulate().result();
        PopulationStats expected = ExactStatistics.of(data.values());
        assertClose(expected.ks(), actual.ks(), actual.ksErrorBound() + KS_EPS, "ks");
    }
}
