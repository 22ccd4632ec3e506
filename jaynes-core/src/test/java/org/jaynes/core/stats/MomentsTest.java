package org.jaynes.core.stats;

import static org.jaynes.core.stats.ExactStatistics.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MomentsTest {

    /**
     * Mean and variance of well-conditioned data (|mean| a few standard deviations) are good to a
     * small multiple of the machine epsilon times log2(blocks); 1e-12 leaves a wide margin.
     */
    private static final double RELATIVE_EPS = 1e-12;

    private static Moments inBlocks(double[] values, int block) {
        Moments moments = new Moments();
        double[] buffer = new double[block];
        for (int from = 0; from < values.length; from += block) {
            int length = Math.min(block, values.length - from);
            System.arraycopy(values, from, buffer, 0, length);
            moments.addBlock(buffer, length);
        }
        return moments;
    }

    private static double[] data(long seed, int n, double offset, double scale) {
        UniformRandomProvider rng = StoredValues.random(seed);
        double[] values = StoredValues.gaussian(rng, n, scale);
        for (int i = 0; i < n; i++) {
            values[i] += offset;
        }
        return values;
    }

    @ParameterizedTest(name = "seed {0}, n {1}, block {2}, offset {3}, scale {4}")
    @CsvSource({
        "1, 1, 1024, 0, 1",
        "2, 7, 3, 0.5, 1",
        "3, 1000, 1024, -3, 0.02",
        "4, 100000, 1024, 3, 1",
        "5, 100000, 999, 1e-3, 1e-4",
        "6, 65537, 64, -2e5, 1e5",
    })
    void matchesTwoPassComputation(long seed, int n, int block, double offset, double scale) {
        double[] values = data(seed, n, offset, scale);
        Moments moments = inBlocks(values, block);
        double mean = ExactStatistics.mean(values);
        double variance = ExactStatistics.variance(values, mean);
        String context = "seed " + seed;
        assertEquals(n, moments.count(), context);
        assertClose(mean, moments.mean(), RELATIVE_EPS * (Math.abs(mean) + Math.sqrt(variance)), context + " mean");
        assertClose(variance, moments.variance(), RELATIVE_EPS * variance, context + " variance");
        assertClose(Math.sqrt(variance), moments.standardDeviation(), RELATIVE_EPS * Math.sqrt(variance),
                context + " std");
    }

    /**
     * Data far from 0 (1e6 + N(0, 1)): the variance has condition number about mean²/variance = 1e12
     * for relative perturbations of the inputs, so no double algorithm can promise more than about
     * eps·|mean|/std ≈ 2e-10 relative; the compensated two-pass blocks must reach that, where the
     * textbook one-pass formula (Σx² − n·mean²) would lose every digit.
     */
    @Test
    void staysAccurateFarFromZero() {
        double[] values = data(7, 200_000, 1e6, 1);
        Moments moments = inBlocks(values, 1024);
        double mean = ExactStatistics.mean(values);
        double variance = ExactStatistics.variance(values, mean);
        assertClose(mean, moments.mean(), 1e-15 * Math.abs(mean), "mean");
        assertClose(variance, moments.variance(), 1e-9 * variance, "variance");
    }

    @ParameterizedTest(name = "seed {0}, split {1} of {2}")
    @CsvSource({
        "11, 0, 5000",
        "12, 1, 5000",
        "13, 2500, 5000",
        "14, 4999, 5000",
        "15, 70000, 100000",
    })
    void mergeEqualsOneAccumulatorOverBothHalves(long seed, int split, int n) {
        double[] values = data(seed, n, 0.7, 2);
        Moments a = inBlocks(Arrays.copyOfRange(values, 0, split), 1024);
        Moments b = inBlocks(Arrays.copyOfRange(values, split, n), 1024);
        Moments whole = inBlocks(values, 1024);
        long bCount = b.count();
        double bMean = b.mean();
        a.merge(b);
        String context = "seed " + seed;
        assertEquals(whole.count(), a.count(), context);
        assertClose(whole.mean(), a.mean(), RELATIVE_EPS * (Math.abs(whole.mean()) + whole.standardDeviation()),
                context + " mean");
        assertClose(whole.variance(), a.variance(), RELATIVE_EPS * whole.variance(), context + " variance");
        assertEquals(bCount, b.count(), "merge leaves its argument unchanged");
        assertEquals(bMean, b.mean(), "merge leaves its argument unchanged");
    }

    @Test
    void mergeIntoEmptyCopiesAndMergeOfEmptyChangesNothing() {
        Moments full = inBlocks(data(21, 3000, 1, 1), 1024);
        Moments empty = new Moments();
        empty.merge(full);
        assertEquals(full.count(), empty.count());
        assertEquals(full.mean(), empty.mean());
        assertEquals(full.variance(), empty.variance());
        double mean = full.mean();
        double variance = full.variance();
        full.merge(new Moments());
        assertEquals(mean, full.mean());
        assertEquals(variance, full.variance());
    }

    @Test
    void addRepeatedIsTheSameAsAddingTheCopies() {
        Moments repeated = new Moments();
        repeated.addRepeated(1.0, 3);
        repeated.addRepeated(4.0, 1);
        // values 1, 1, 1, 4: mean 7/4, variance (3·(3/4)² + (9/4)²)/4 = 27/16
        assertEquals(4, repeated.count());
        assertEquals(1.75, repeated.mean());
        assertEquals(27.0 / 16, repeated.variance(), 1e-15);

        double[] values = data(31, 50, 0, 1);
        Moments copies = new Moments();
        Moments weighted = new Moments();
        double[] all = new double[0];
        for (int i = 0; i < values.length; i++) {
            int weight = 1 + i % 7;
            weighted.addRepeated(values[i], weight);
            double[] block = new double[weight];
            Arrays.fill(block, values[i]);
            copies.addBlock(block, weight);
            all = concat(all, block);
        }
        double mean = ExactStatistics.mean(all);
        double variance = ExactStatistics.variance(all, mean);
        assertEquals(copies.count(), weighted.count());
        assertClose(mean, weighted.mean(), RELATIVE_EPS * (Math.abs(mean) + Math.sqrt(variance)), "mean");
        assertClose(variance, weighted.variance(), RELATIVE_EPS * variance, "variance");
        assertClose(copies.variance(), weighted.variance(), RELATIVE_EPS * variance, "variance vs copies");
    }

    @Test
    void addRepeatedTakesHugeWeightsAndIgnoresNonPositiveOnes() {
        Moments moments = new Moments();
        moments.addRepeated(2.5, 0);
        moments.addRepeated(2.5, -3);
        assertEquals(0, moments.count());
        moments.addRepeated(-1, 1L << 40);
        moments.addRepeated(1, 1L << 40);
        assertEquals(1L << 41, moments.count());
        assertEquals(0, moments.mean());
        assertEquals(1, moments.variance());
    }

    @Test
    void emptyGivesNaN() {
        Moments moments = new Moments();
        moments.addBlock(new double[4], 0);
        assertEquals(0, moments.count());
        assertTrue(Double.isNaN(moments.mean()));
        assertTrue(Double.isNaN(moments.variance()));
        assertTrue(Double.isNaN(moments.standardDeviation()));
    }

    @Test
    void oneValueHasZeroVariance() {
        Moments moments = new Moments();
        moments.addBlock(new double[] {-0.125}, 1);
        assertEquals(-0.125, moments.mean());
        assertEquals(0, moments.variance());
        assertEquals(0, moments.standardDeviation());
    }

    @Test
    void equalValuesHaveExactlyZeroVariance() {
        double[] values = new double[3000];
        Arrays.fill(values, 0.1);
        Moments moments = inBlocks(values, 1024);
        assertEquals(0.1, moments.mean(), 1e-17);
        assertEquals(0, moments.variance(), 1e-33);
        assertTrue(moments.variance() >= 0, "variance is never negative");
    }

    /** Sums of deviations from a shift inside the data, as FloatMoments keeps them, against two-pass blocks. */
    @Test
    void deviationsFromAShiftMatchTwoPassBlocks() {
        UniformRandomProvider rng = StoredValues.random(31);
        double[] values = StoredValues.logNormal(rng, 10_000, 4, 1e-3);
        Moments blocks = inBlocks(values, 1024);
        Moments deviations = new Moments();
        for (int from = 0; from < values.length; from += 1024) {
            int length = Math.min(1024, values.length - from);
            double shift = values[from];
            double sum = 0;
            double squares = 0;
            for (int i = from; i < from + length; i++) {
                sum += values[i] - shift;
                squares += (values[i] - shift) * (values[i] - shift);
            }
            deviations.addDeviations(length, shift, sum, squares);
        }
        assertEquals(values.length, deviations.count());
        assertClose(blocks.mean(), deviations.mean(), RELATIVE_EPS * Math.abs(blocks.mean()), "mean");
        assertClose(blocks.variance(), deviations.variance(), 1e-9 * blocks.variance(), "variance");
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
