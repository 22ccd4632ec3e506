package org.jaynes.core.fit;

import java.io.Serializable;
import java.util.Map;
import org.jaynes.core.stats.KsDistance;

/**
 * One law fitted to one population by maximum likelihood, and how well it fits.
 *
 * @param law           the fitted law
 * @param logLikelihood ln L: the natural log of the density summed over the n values (of |w| for a
 *                      magnitude law, of w for a signed law)
 * @param aic           Akaike's criterion 2k − 2 ln L, k the free parameters (the fixed location 0 is not
 *                      one)
 * @param bic           the Bayesian (Schwarz) criterion k ln n − 2 ln L
 * @param ks            the Kolmogorov–Smirnov distance of the values (|w| or w) from the law
 * @param ksErrorBound  |ks − exact distance| ≤ ksErrorBound, from the width of the population's cells
 */
public record Fit(FittedLaw law, double logLikelihood, double aic, double bic, double ks, double ksErrorBound)
        implements Serializable {

    /** A fit with its criteria computed from n and ln L. */
    static Fit of(FittedLaw law, long n, double logLikelihood, KsDistance ks) {
        int k = law.family().parameterCount();
        return new Fit(law, logLikelihood, 2 * k - 2 * logLikelihood, k * Math.log(n) - 2 * logLikelihood,
                ks.value(), ks.errorBound());
    }

    /** The law's family. */
    public Family family() {
        return law.family();
    }

    /** The law's parameters by name, in the family's order. */
    public Map<String, Double> parameters() {
        return law.parameters();
    }
}
