package org.jaynes.core.stats;

/**
 * Mergeable count, mean and sum of squared deviations of a stream of values.
 *
 * <p>Values arrive in blocks; each block's mean and squared deviations are computed in two passes over
 * the block (exact up to rounding, no cancellation), and blocks are combined with the pairwise update of
 * Chan, Golub and LeVeque (1983), doi:10.1080/00031305.1983.10483115. The relative error of the mean and
 * variance is a small multiple of the machine epsilon times log2(number of blocks). Variance divides
 * by n (ddof 0). Not thread-safe: use one instance per thread and {@link #merge} them.
 */
public final class Moments implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private double mean;
    private double m2;

    /** Adds the first {@code length} values of {@code values}. */
    public void addBlock(double[] values, int length) {
        if (length == 0) {
            return;
        }
        // Four independent partial sums: the adds pipeline instead of waiting on one another.
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += values[i];
            s1 += values[i + 1];
            s2 += values[i + 2];
            s3 += values[i + 3];
        }
        for (; i < length; i++) {
            s0 += values[i];
        }
        double blockMean = ((s0 + s1) + (s2 + s3)) / length;
        double q0 = 0;
        double q1 = 0;
        double c0 = 0;
        double c1 = 0;
        i = 0;
        for (; i + 1 < length; i += 2) {
            double d0 = values[i] - blockMean;
            double d1 = values[i + 1] - blockMean;
            q0 += d0 * d0;
            q1 += d1 * d1;
            c0 += d0;
            c1 += d1;
        }
        for (; i < length; i++) {
            double d = values[i] - blockMean;
            q0 += d * d;
            c0 += d;
        }
        double squares = q0 + q1;
        double correction = c0 + c1;
        // The correction term removes the rounding error of blockMean (compensated two-pass formula).
        double blockM2 = squares - correction * correction / length;
        combine(length, blockMean + correction / length, blockM2);
    }

    /**
     * Adds {@code length} values given by their deviations d = x − shift from a shift near them:
     * {@code sum} = Σ d and {@code sumOfSquares} = Σ d². With the shift inside the values' range the
     * cancellation in Σ d² − (Σ d)²/length is mild, so this is as exact as {@link #addBlock} for a block
     * of about a thousand values, and lets a caller keep its sums in registers.
     */
    public void addDeviations(long length, double shift, double sum, double sumOfSquares) {
        if (length > 0) {
            combine(length, shift + sum / length, Math.max(0, sumOfSquares - sum * sum / length));
        }
    }

    /**
     * Adds {@code length} values known only by the sum of their deviations from {@code shift}: the mean is
     * as {@link #addDeviations} makes it, bit for bit, but the variance is unknown afterwards (NaN). For a
     * caller that needs the mean alone and saves a multiply-add per value.
     */
    public void addDeviationsForMean(long length, double shift, double sum) {
        if (length > 0) {
            combine(length, shift + sum / length, Double.NaN);
        }
    }

    /** Adds {@code weight} copies of {@code value}. */
    public void addRepeated(double value, long weight) {
        if (weight > 0) {
            combine(weight, value, 0);
        }
    }

    /** Adds everything {@code other} has seen; {@code other} is unchanged. */
    public void merge(Moments other) {
        combine(other.count, other.mean, other.m2);
    }

    private void combine(long otherCount, double otherMean, double otherM2) {
        if (otherCount == 0) {
            return;
        }
        if (count == 0) {
            count = otherCount;
            mean = otherMean;
            m2 = otherM2;
            return;
        }
        long total = count + otherCount;
        double delta = otherMean - mean;
        double otherShare = (double) otherCount / total;
        mean += delta * otherShare;
        m2 += otherM2 + delta * delta * count * otherShare;
        count = total;
    }

    public long count() {
        return count;
    }

    /** The mean, or NaN when no value was added. */
    public double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** The population variance (divided by n), or NaN when no value was added. */
    public double variance() {
        return count == 0 ? Double.NaN : Math.max(0, m2) / count;
    }

    public double standardDeviation() {
        return Math.sqrt(variance());
    }
}
