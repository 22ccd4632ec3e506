package org.jaynes.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * The simple oracle the accumulators are checked against: every statistic of a population computed
 * directly from all its values, held in memory. Sums are two-pass with Neumaier's compensation; the
 * KS distance sorts ln|w| and takes D = max_i max(i/n − Φ(z_i), Φ(z_i) − (i−1)/n) (what
 * {@code scipy.stats.kstest} computes), with Φ(z) = erfc(−z/√2)/2 from Commons Numbers.
 */
public final class ExactStatistics {

    private ExactStatistics() {
    }

    /** Φ(z) straight from erfc, independent of {@link StandardNormal}. */
    public static double phi(double z) {
        return 0.5 * Erfc.value(-z / Math.sqrt(2));
    }

    /** Every statistic of the population {@code values}, with a KS error bound of 0. */
    public static PopulationStats of(double[] values) {
        long zeros = 0;
        long nonfinite = 0;
        double[] finite = new double[values.length];
        double[] logs = new double[values.length];
        int finiteCount = 0;
        int logCount = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                nonfinite++;
                continue;
            }
            finite[finiteCount++] = v;
            if (v == 0) {
                zeros++;
            } else {
                logs[logCount++] = Math.log(Math.abs(v));
            }
        }
        finite = Arrays.copyOf(finite, finiteCount);
        logs = Arrays.copyOf(logs, logCount);
        double mean = mean(finite);
        double std = Math.sqrt(variance(finite, mean));
        double mu = mean(logs);
        double sigma = Math.sqrt(variance(logs, mu));
        return new PopulationStats(values.length, zeros, nonfinite, mean, std, mu, sigma,
                ksOfLogs(logs, mu, sigma), 0);
    }

    /** The mean (NaN when empty), summed with compensation. */
    public static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : compensatedSum(values, Double.NaN) / values.length;
    }

    /** The population variance (divided by n) about {@code mean}: the second pass. */
    public static double variance(double[] values, double mean) {
        return values.length == 0 ? Double.NaN : compensatedSum(values, mean) / values.length;
    }

    /** Σ v when {@code center} is NaN, otherwise Σ (v − center)²; Neumaier's compensated summation. */
    private static double compensatedSum(double[] values, double center) {
        boolean squares = !Double.isNaN(center);
        double sum = 0;
        double compensation = 0;
        for (double v : values) {
            double term = squares ? (v - center) * (v - center) : v;
            double t = sum + term;
            compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
            sum = t;
        }
        return sum + compensation;
    }

    /** The KS distance of {@code logs} (ln|w|) from N(mu, sigma); NaN when empty or sigma is not positive. */
    public static double ksOfLogs(double[] logs, double mu, double sigma) {
        if (logs.length == 0 || !(sigma > 0)) {
            return Double.NaN;
        }
        double[] sorted = logs.clone();
        Arrays.sort(sorted);
        double n = sorted.length;
        double d = 0;
        for (int i = 1; i <= sorted.length; i++) {
            double cdf = phi((sorted[i - 1] - mu) / sigma);
            d = Math.max(d, Math.max(i / n - cdf, cdf - (i - 1) / n));
        }
        return d;
    }

    /** Relative difference, scaled by the larger magnitude (0 when both are 0, or both NaN). */
    public static double relative(double expected, double actual) {
        if (Double.compare(expected, actual) == 0) {
            return 0;
        }
        return Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual));
    }

    /**
     * Asserts that {@code actual} matches {@code expected}: counts exactly; mu, sigma and std to
     * {@code relative}; the mean to {@code relative} of |mean| + std (the mean of symmetric weights is
     * near 0, so its rounding error is relative to the size of the weights, not to the mean); ks to
     * {@code ksAbsolute} plus the error bound {@code actual} reports.
     */
    public static void assertMatches(PopulationStats expected, PopulationStats actual, double relative,
                                     double ksAbsolute, String context) {
        assertEquals(expected.n(), actual.n(), () -> context + ": n");
        assertEquals(expected.zeros(), actual.zeros(), () -> context + ": zeros");
        assertEquals(expected.nonfinite(), actual.nonfinite(), () -> context + ": nonfinite");
        double meanScale = Math.abs(expected.mean()) + expected.std();
        assertClose(expected.mean(), actual.mean(), relative * meanScale, context + ": mean");
        assertClose(expected.std(), actual.std(), relative * Math.abs(expected.std()), context + ": std");
        assertClose(expected.mu(), actual.mu(), relative * Math.abs(expected.mu()), context + ": mu");
        assertClose(expected.sigma(), actual.sigma(), relative * Math.abs(expected.sigma()), context + ": sigma");
        assertClose(expected.ks(), actual.ks(), ksAbsolute + actual.ksErrorBound(), context + ": ks");
    }

    /** Asserts |expected − actual| ≤ tolerance; NaN matches only NaN. */
    public static void assertClose(double expected, double actual, double tolerance, String context) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            assertEquals(expected, actual, () -> context + ": NaN mismatch");
            return;
        }
        assertTrue(Math.abs(expected - actual) <= tolerance, () -> String.format(java.util.Locale.ROOT,
                "%s: expected %.17g, got %.17g (difference %.3g, tolerance %.3g)", context, expected, actual,
                Math.abs(expected - actual), tolerance));
    }
}
