package org.jaynes.core.fit;

import java.util.Map;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedGamma;
import org.jaynes.core.stats.FitInput;

/**
 * The zero-centred generalised normal law of w (exponential power law: Subbotin 1923; S. Nadarajah, "A
 * generalized normal distribution", J. Applied Statistics 32(7) (2005) 685–694,
 * doi:10.1080/02664760500079464; scipy's {@code gennorm}): density f(w) = β exp(−(|w|/s)^β) / (2s Γ(1/β)). β = 2 is the normal law with
 * s = σ√2, β = 1 the Laplace law.
 *
 * <p>Maximum likelihood with the location fixed at 0 ({@link GenNormShape}): for each β the scale is
 * ŝ(β)^β = β mean |w|^β, and β̂ maximises the profile likelihood. ln L = n(ln β − ln 2 − ln s − ln Γ(1/β)
 * − mean (|w|/s)^β): the last mean has no exact sum and comes from the cells. The cumulative
 * probability is ½ Q(1/β, (|w|/s)^β) below 0 and 1 − ½ Q(1/β, (|w|/s)^β) above, Q the regularised upper
 * incomplete gamma function.
 *
 * @param beta  β &gt; 0, the shape
 * @param scale s &gt; 0
 */
public record GenNormLaw(double beta, double scale) implements SignedLaw {

    @Override
    public Family family() {
        return Family.GENNORM;
    }

    @Override
    public Map<String, Double> parameters() {
        return Parameters.of(family(), beta, scale);
    }

    @Override
    public double logDensity(double w) {
        return Math.log(beta) - LN_2 - Math.log(scale) - LogGamma.value(1 / beta)
                - Math.pow(Math.abs(w) / scale, beta);
    }

    @Override
    public double cumulativeProbability(double w) {
        double tail = 0.5 * RegularizedGamma.Q.value(1 / beta, Math.pow(Math.abs(w) / scale, beta));
        return w < 0 ? tail : 1 - tail;
    }

    /**
     * ln L over the population's n values.
     *
     * @param input           the population's exact sums
     * @param meanScaledPower mean (|w|/s)^β over the population (1/β at the maximum-likelihood fit)
     */
    public double logLikelihood(FitInput input, double meanScaledPower) {
        return input.n() * (Math.log(beta) - LN_2 - Math.log(scale) - LogGamma.value(1 / beta) - meanScaledPower);
    }
}
