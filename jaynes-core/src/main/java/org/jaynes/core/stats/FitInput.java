package org.jaynes.core.stats;

/**
 * What the distribution fits of a population need: exact sums over its non-zero finite values, and its
 * cells for the parts that have no sufficient statistic (iterative fits, KS distances, Vuong variances).
 *
 * @param n              non-zero finite values
 * @param meanLog        mean of ln|w|
 * @param varianceLog    variance of ln|w| (divided by n)
 * @param meanAbs        mean of |w|
 * @param meanSquare     mean of w²
 * @param minAbs         smallest |w|
 * @param maxAbs         largest |w|
 * @param cells          the values as cells, by magnitude and by signed value
 */
public record FitInput(long n, double meanLog, double varianceLog, double meanAbs, double meanSquare,
                       double minAbs, double maxAbs, ValueCells cells) {
}
