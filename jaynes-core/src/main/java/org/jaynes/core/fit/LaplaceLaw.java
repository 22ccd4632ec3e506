package org.jaynes.core.fit;

import java.util.Map;
import org.jaynes.core.stats.FitInput;

/**
 * The zero-centred Laplace law of w: density f(w) = e^(−|w|/b) / (2b).
 *
 * <p>Maximum likelihood with the location fixed at 0: b̂ = mean |w|. ln L = −n(ln 2b + mean |w| / b), from
 * the exact sum of magnitudes: that of {@link ExponentialLaw} on |w| minus n ln 2.
 *
 * @param scale b &gt; 0
 */
public record LaplaceLaw(double scale) implements SignedLaw {

    /** The maximum-likelihood zero-centred Laplace law of a population. */
    public static LaplaceLaw fit(FitInput input) {
        return new LaplaceLaw(input.meanAbs());
    }

    @Override
    public Family family() {
        return Family.LAPLACE;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), scale);
    }

    @Override
    public double logDensity(double w) {
        return -Math.log(2 * scale) - Math.abs(w) / scale;
    }

    /** ½ e^(w/b) below 0, 1 − ½ e^(−w/b) above. */
    @Override
    public double cumulativeProbability(double w) {
        double tail = 0.5 * Math.exp(-Math.abs(w) / scale);
        return w < 0 ? tail : 1 - tail;
    }

    /** ln L over the population's n values, from its exact sums. */
    public double logLikelihood(FitInput input) {
        return -input.n() * (Math.log(2 * scale) + input.meanAbs() / scale);
    }
}
