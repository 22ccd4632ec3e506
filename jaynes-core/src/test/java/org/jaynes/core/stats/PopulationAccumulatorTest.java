package org.jaynes.core.stats;

import static org.jaynes.core.stats.ExactStatistics.assertClose;
import static org.jaynes.core.stats.ExactStatistics.assertMatches;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.rng.UniformRandomProvider;
import org.jaynes.core.tensor.DType;

/**
 * Properties every accumulator has. Each sample comes from a seeded generator whose seed jqwik draws
 * and prints on failure (with the other parameters); every assertion message repeats it.
 */
class PopulationAccumulatorTest {

    private static final int N = 20_000;

    /** Moments merged or split differ from one pass by rounding only. */
    private static final double RELATIVE_EPS = 1e-12;

    /** Histogram cells are identical however the data is cut, so ks moves only with μ, σ rounding. */
    private static final double KS_EPS = 1e-12;

    /**
     * A lognormal sample is recovered: μ̂ and σ̂ within 5 standard errors (SE(μ̂) = σ/√n, SE(σ̂) =
     * σ/√(2n)); a false alarm has probability about 6e-7 per check. The KS distance of a fitted
     * normal sample of 20,000 is about 0.87/√n ≈ 0.006 and exceeds 0.02 with negligible probability.
     */
    @Property(tries = 40)
    void logNormalSampleIsRecovered(@ForAll @DoubleRange(min = -8, max = 2) double mu,
                                    @ForAll @DoubleRange(min = 0.2, max = 3) double sigma,
                                    @ForAll boolean doublePrecision,
                                    @ForAll long seed) {
        DType dtype = doublePrecision ? DType.F64 : DType.F32;
        UniformRandomProvider rng = StoredValues.random(seed);
        StoredValues data = StoredValues.of(dtype, StoredValues.logNormal(rng, N, mu, sigma));
        PopulationStats stats = data.accumulate().result();
        String context = String.format(Locale.ROOT, "seed %d, %s, mu %.17g, sigma %.17g", seed, dtype, mu, sigma);
        assertClose(mu, stats.mu(), 5 * sigma / Math.sqrt(N), context + ": mu");
        assertClose(sigma, stats.sigma(), 5 * sigma / Math.sqrt(2.0 * N), context + ": sigma");
        assertTrue(stats.ks() < 0.02, context + ": ks " + stats.ks());
        assertTrue(stats.n() == N && stats.zeros() == 0 && stats.nonfinite() == 0, context + ": counts");
    }

    @Property(tries = 60)
    void mergeOfTwoHalvesEqualsOneAccumulator(@ForAll("dtypes") DType dtype,
                                               @ForAll @IntRange(min = 0, max = N) int split,
                                               @ForAll long seed) {
        StoredValues data = StoredValues.of(dtype, sample(dtype, seed));
        int size = dtype.byteSize();
        PopulationAccumulator first = PopulationAccumulator.of(dtype);
        first.accept(data.window(0, split * size));
        PopulationAccumulator second = PopulationAccumulator.of(dtype);
        second.accept(data.window(split * size, N * size));
        first.merge(second);
        String context = String.format(Locale.ROOT, "seed %d, %s, split %d", seed, dtype, split);
        assertMatches(data.accumulate().result(), first.result(), RELATIVE_EPS, KS_EPS, context);
    }

    /**
     * A part summarised elsewhere (another machine of a cluster) and sent over as Java serialization merges
     * exactly as the part itself would: the same statistics bit for bit, cells (whose page table is sent
     * as its allocated pages only) included.
     */
    @Property(tries = 30)
    void aSerializedPartMergesAsThePartItself(@ForAll("dtypes") DType dtype, @ForAll boolean refining,
                                              @ForAll @IntRange(min = 0, max = N) int split,
                                              @ForAll long seed) throws Exception {
        StoredValues data = StoredValues.of(dtype, sample(dtype, seed));
        int size = dtype.byteSize();
        boolean twoPass = refining && dtype == DType.F32;
        PopulationAccumulator[] merged = new PopulationAccumulator[2];
        for (int copy = 0; copy < 2; copy++) {
            PopulationAccumulator first = twoPass ? new RefiningAccumulator() : PopulationAccumulator.of(dtype);
            first.accept(data.window(0, split * size));
            PopulationAccumulator second = twoPass ? new RefiningAccumulator() : PopulationAccumulator.of(dtype);
            second.accept(data.window(split * size, N * size));
            first.merge(copy == 0 ? second : roundTrip(second));
            merged[copy] = first;
        }
        String context = String.format(Locale.ROOT, "seed %d, %s, refining %b, split %d", seed, dtype, twoPass, split);
        org.junit.jupiter.api.Assertions.assertEquals(merged[0].result(), merged[1].result(), context);
        org.junit.jupiter.api.Assertions.assertEquals(cells(merged[0].cells()), cells(merged[1].cells()), context);
    }

    /** Every cell as text: its edges' exact bits and its count. */
    private static String cells(ValueCells cells) {
        StringBuilder text = new StringBuilder();
        cells.forEachCell((low, high, count) -> text.append(Double.doubleToLongBits(low)).append(' ')
                .append(Double.doubleToLongBits(high)).append(' ').append(count).append('\n'));
        return text.toString();
    }

    private static PopulationAccumulator roundTrip(PopulationAccumulator accumulator) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(accumulator);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (PopulationAccumulator) in.readObject();
        }
    }

    @Property(tries = 60)
    void windowSizeDoesNotMatter(@ForAll("dtypes") DType dtype,
                                 @ForAll @IntRange(min = 1, max = N) int window,
                                 @ForAll @IntRange(min = 1, max = 5000) int otherWindow,
                                 @ForAll long seed) {
        StoredValues data = StoredValues.of(dtype, sample(dtype, seed));
        PopulationStats one = data.accumulateInWindows(window).result();
        PopulationStats other = data.accumulateInWindows(otherWindow).result();
        String context = String.format(Locale.ROOT, "seed %d, %s, windows %d and %d", seed, dtype, window,
                otherWindow);
        assertMatches(one, other, RELATIVE_EPS, KS_EPS, context);
        assertMatches(data.accumulate().result(), other, RELATIVE_EPS, KS_EPS, context);
    }

    @Provide
    Arbitrary<DType> dtypes() {
        return Arbitraries.of(DType.F64, DType.F32, DType.F16, DType.BF16, DType.I8);
    }

    /** Weights with random signs, some exact zeros and, for the float types, a few NaN and infinities. */
    private static double[] sample(DType dtype, long seed) {
        UniformRandomProvider rng = StoredValues.random(seed);
        double[] values = dtype == DType.I8
                ? StoredValues.gaussian(rng, N, 20)
                : StoredValues.logNormal(rng, N, -4 + 3 * rng.nextDouble(), 0.5 + rng.nextDouble());
        int specials = rng.nextInt(200);
        for (int k = 0; k < specials; k++) {
            int kind = rng.nextInt(dtype.isFloating() ? 4 : 1);
            values[rng.nextInt(N)] = kind == 0 ? 0.0 : kind == 1 ? Double.NaN
                    : kind == 2 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return values;
    }
}
