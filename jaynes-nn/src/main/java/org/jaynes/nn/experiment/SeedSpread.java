package org.jaynes.nn.experiment;

/**
 * Mean and sample standard deviation of one quantity over seeds, streamed: {@link #accept} each value,
 * {@link #combine} partial results, {@link #result} to read. Welford's update (and Chan et al.'s merge,
 * doi:10.1007/978-3-642-51461-6_3), exact to a few ulps for the handful of values an experiment has.
 * Standard deviation divides by n − 1 and is NaN for fewer than two values; a NaN value makes both NaN.
 * Not thread safe; combine one accumulator per thread.
 */
public final class SeedSpread {

    private long n;
    private double mean;
    private double sumSquares;

    /** Adds one seed's value. */
    public void accept(double value) {
        n++;
        double delta = value - mean;
        mean += delta / n;
        sumSquares += delta * (value - mean);
    }

    /** Adds every value {@code other} has seen. */
    public SeedSpread combine(SeedSpread other) {
        if (other.n == 0) {
            return this;
        }
        if (n == 0) {
            n = other.n;
            mean = other.mean;
            sumSquares = other.sumSquares;
            return this;
        }
        long total = n + other.n;
        double delta = other.mean - mean;
        mean += delta * other.n / total;
        sumSquares += other.sumSquares + delta * delta * n * other.n / total;
        n = total;
        return this;
    }

    /** The values seen so far. */
    public Summary result() {
        return new Summary(n, n == 0 ? Double.NaN : mean, n < 2 ? Double.NaN : Math.sqrt(sumSquares / (n - 1)));
    }

    /**
     * Mean ± sd over seeds.
     *
     * @param n                 seeds
     * @param mean              NaN when n = 0
     * @param standardDeviation sample (n − 1); NaN when n &lt; 2
     */
    public record Summary(long n, double mean, double standardDeviation) {

        /** The summary of {@code values}. */
        public static Summary of(double... values) {
            SeedSpread spread = new SeedSpread();
            for (double v : values) {
                spread.accept(v);
            }
            return spread.result();
        }

        /** The standard error of the mean, sd/√n. */
        public double standardError() {
            return standardDeviation / Math.sqrt(n);
        }
    }
}
