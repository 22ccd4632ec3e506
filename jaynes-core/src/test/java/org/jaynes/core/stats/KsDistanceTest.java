package org.jaynes.core.stats;

import static org.jaynes.core.stats.ExactStatistics.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KsDistanceTest {

    /** Φ is good to 1e-15 and the oracle sums nothing, so 1e-12 is all rounding margin. */
    private static final double KS_EPS = 1e-12;

    /**
     * Cells of ln|w| given directly, independent of the accumulators' own cell types: each row is
     * {low, high, count}, in ascending order.
     */
    private static ValueCells cells(List<double[]> rows, double width) {
        return new ValueCells() {
            @Override
            public void forEachCell(CellConsumer consumer) {
                for (double[] row : rows) {
                    consumer.accept(row[0], row[1], (long) row[2]);
                }
            }

            @Override
            public void forEachSignedCell(CellConsumer consumer) {
                throw new UnsupportedOperationException("the KS distance of ln|w| needs magnitudes only");
            }

            @Override
            public double maxCellWidth() {
                return width;
            }
        };
    }

    /** Cells [k·width, (k+1)·width) of ln|w|, from values held in memory. */
    private static ValueCells coarseCells(double[] logs, double width) {
        double[] sorted = logs.clone();
        Arrays.sort(sorted);
        List<double[]> rows = new ArrayList<>();
        for (double ln : sorted) {
            double k = Math.floor(ln / width);
            double[] last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && last[0] == k * width) {
                last[2]++;
            } else {
                rows.add(new double[] {k * width, (k + 1) * width, 1});
            }
        }
        return cells(rows, width);
    }

    /** One exact cell per distinct ln|w|. */
    private static ValueCells exactCells(double[] logs) {
        double[] sorted = logs.clone();
        Arrays.sort(sorted);
        List<double[]> rows = new ArrayList<>();
        for (double ln : sorted) {
            double[] last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && last[0] == ln) {
                last[2]++;
            } else {
                rows.add(new double[] {ln, ln, 1});
            }
        }
        return cells(rows, 0);
    }

    @Test
    void threeValuesByHand() {
        // ln|w| = -1, 0, 1 against N(0, 1): the largest deviation is Φ(1) − 2/3 just below the third value
        KsDistance ks = KsDistance.toNormal(exactCells(new double[] {1, -1, 0}), 3, 0, 1);
        assertEquals(0.8413447460685429 - 2.0 / 3, ks.value(), 1e-15);
        assertEquals(0, ks.errorBound());
    }

    @Test
    void tiesCountAsOneStep() {
        // four equal values at the mean: the empirical CDF jumps from 0 to 1 where Φ = 1/2
        KsDistance ks = KsDistance.toNormal(exactCells(new double[] {2, 2, 2, 2}), 4, 2, 1);
        assertEquals(0.5, ks.value());
        assertEquals(0, ks.errorBound());
    }

    @Test
    void noValuesOrNoSpreadGivesNaN() {
        ValueCells cells = exactCells(new double[] {0.5, 0.5});
        assertTrue(Double.isNaN(KsDistance.toNormal(exactCells(new double[0]), 0, 0, 1).value()));
        assertTrue(Double.isNaN(KsDistance.toNormal(cells, 2, 0.5, 0).value()));
        assertTrue(Double.isNaN(KsDistance.toNormal(cells, 2, 0.5, Double.NaN).value()));
        assertTrue(Double.isNaN(KsDistance.toNormal(cells, 2, 0.5, -1).value()));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void exactCellsGiveTheExactDistance(long seed) {
        UniformRandomProvider rng = StoredValues.random(seed);
        int n = 1 + rng.nextInt(5000);
        double[] logs = StoredValues.gaussian(rng, n, 0.5 + rng.nextDouble());
        for (int i = 0; i < n; i += 3) {
            logs[i] = Math.rint(logs[i] * 8) / 8; // ties
        }
        double mu = ExactStatistics.mean(logs) + 0.1 * rng.nextDouble(); // not only the fitted normal
        double sigma = Math.sqrt(ExactStatistics.variance(logs, mu)) * (0.8 + 0.4 * rng.nextDouble());
        KsDistance ks = KsDistance.toNormal(exactCells(logs), n, mu, sigma);
        assertClose(ExactStatistics.ksOfLogs(logs, mu, sigma), ks.value(), KS_EPS, "seed " + seed + ", n " + n);
        assertEquals(0, ks.errorBound(), "seed " + seed);
    }

    /**
     * The bound holds for cells of any width: |value − exact| ≤ errorBound ≤ (Φ(b) − Φ(a))/2 for the
     * widest cell, at most width/(2σ√(2π)).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void coarseCellsBracketTheExactDistance(long seed) {
        UniformRandomProvider rng = StoredValues.random(seed);
        int n = 10 + rng.nextInt(20_000);
        double sigma = 0.2 + 2 * rng.nextDouble();
        double[] logs = StoredValues.gaussian(rng, n, sigma);
        double width = Math.pow(10, -4 + 3.5 * rng.nextDouble());
        double mu = ExactStatistics.mean(logs);
        double fitted = Math.sqrt(ExactStatistics.variance(logs, mu));
        KsDistance ks = KsDistance.toNormal(coarseCells(logs, width), n, mu, fitted);
        double exact = ExactStatistics.ksOfLogs(logs, mu, fitted);
        String context = String.format(Locale.ROOT, "seed %d, n %d, width %.3g", seed, n, width);
        assertClose(exact, ks.value(), ks.errorBound() + KS_EPS, context);
        assertTrue(ks.errorBound() <= width / (2 * fitted * Math.sqrt(2 * Math.PI)) + KS_EPS,
                context + ": error bound " + ks.errorBound());
        assertTrue(ks.errorBound() > 0, context);
    }

    /** The screened walk is the full walk over fewer cells: the same value and bound, bit for bit. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void screenedEqualsTheFullWalkBitForBit(long seed) {
        UniformRandomProvider rng = StoredValues.random(seed);
        int n = 10 + rng.nextInt(40_000);
        double[] logs = StoredValues.gaussian(rng, n, 0.3 + rng.nextDouble());
        ValueCells cells = coarseCells(logs, Math.pow(10, -5 + 3 * rng.nextDouble()));
        double mu = ExactStatistics.mean(logs) + 0.2 * (rng.nextDouble() - 0.5);
        double sigma = Math.sqrt(ExactStatistics.variance(logs, mu)) * (0.8 + 0.4 * rng.nextDouble());
        java.util.function.DoubleUnaryOperator cdf = x -> StandardNormal.cdf((x - mu) / sigma);
        KsDistance full = KsDistance.of(cells::forEachCell, n, cdf);
        KsDistance screened = KsDistance.screened(cells::forEachCell, n, cdf);
        assertEquals(full, screened, "seed " + seed + ", n " + n);
        assertEquals(full, KsDistance.toNormal(cells, n, mu, sigma), "seed " + seed);
    }
}
