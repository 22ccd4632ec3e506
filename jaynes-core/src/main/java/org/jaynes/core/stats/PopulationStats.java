package org.jaynes.core.stats;

import java.io.Serializable;

/**
 * The summary of one population of weights (docs/theory.md §4–5).
 *
 * @param n            elements in the tensor
 * @param zeros        elements exactly zero (counted, left out of the log-magnitude statistics)
 * @param nonfinite    NaN and infinite elements (left out of everything)
 * @param mean         mean of the finite w
 * @param std          standard deviation of the finite w (divided by the count)
 * @param mu           mean of ln|w| over the non-zero finite w
 * @param sigma        standard deviation of ln|w| over the same values (divided by the count)
 * @param ks           Kolmogorov–Smirnov distance of ln|w| from N(mu, sigma)
 * @param ksErrorBound bound on the error of {@code ks} from the histogram; 0 when exact
 */
public record PopulationStats(long n, long zeros, long nonfinite, double mean, double std, double mu,
                              double sigma, double ks, double ksErrorBound) implements Serializable {

    /** The number of values the log-magnitude statistics use: non-zero and finite. */
    public long fitted() {
        return n - zeros - nonfinite;
    }
}
