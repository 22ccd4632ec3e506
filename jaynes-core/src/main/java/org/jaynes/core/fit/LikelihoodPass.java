package org.jaynes.core.fit;

import java.util.List;

/**
 * The last pass over a population's cells of ln|w|, once every magnitude law is fitted: the sums that
 * have no exact counterpart, each cell counted at the u = ln x where {@link CellPlacement} puts it (its
 * midpoint, slightly moved; exact for cells that are single values):
 * mean (x/λ)^k for the Weibull log-likelihood, mean (x/s)^β for the generalised normal's, and
 * Σ (ln f_LN(x) − ln f_F(x))² for Vuong's test of the lognormal against each rival F, over the placed
 * cells compressed by {@link PlacedPoints}. Sums are compensated. Not thread-safe.
 *
 * <p>Accuracy over cells at most h = 2^-17 wide in ln|w|. Each value is taken to be up to h from where it
 * is; what the cells cannot know is where in its cell each value sits. The systematic part (values at
 * the cells' edges, in proportions drifting with |w|) is removed by the placement to first order; the
 * random part leaves a relative error of about k·h/√12 · √(Σ x^2k)/Σ x^k in a mean of x^k, that is
 * k·h/√(12·n_eff) over an effective sample n_eff = (Σ x^k)²/Σ x^2k: 1e-8 to 1e-7 for 20,000
 * lognormal values and k from 1 to 3, less for larger populations. Cells that are single values are exact.
 */
final class LikelihoodPass {

    private final MagnitudeLaw.LogDensity lognormal;
    private final MagnitudeLaw.LogDensity[] rivals;
    private final CompensatedSum[] squaredRatios;
    private final double weibullShape;
    private final double weibullLnScale;
    private final double genNormBeta;
    private final double genNormLnScale;
    private final CompensatedSum weibullPower = new CompensatedSum();
    private final CompensatedSum genNormPower = new CompensatedSum();

    /** The sums over {@code points}: the placed cells, compressed ({@link PlacedPoints}). */
    LikelihoodPass(LognormalLaw lognormal, List<MagnitudeLaw> rivals, WeibullLaw weibull, GenNormLaw genNorm,
                   PlacedPoints points) {
        this.lognormal = lognormal.logDensityFunction();
        this.rivals = rivals.stream().map(MagnitudeLaw::logDensityFunction).toArray(MagnitudeLaw.LogDensity[]::new);
        this.squaredRatios = new CompensatedSum[rivals.size()];
        for (int i = 0; i < squaredRatios.length; i++) {
            squaredRatios[i] = new CompensatedSum();
        }
        this.weibullShape = weibull.shape();
        this.weibullLnScale = Math.log(weibull.scale());
        this.genNormBeta = genNorm.beta();
        this.genNormLnScale = Math.log(genNorm.scale());
        for (int i = 0; i < points.size(); i++) {
            add(points.u(i), points.weight(i));
        }
    }

    private void add(double u, double count) {
        double x = Math.exp(u);
        double reference = lognormal.at(u, x);
        for (int i = 0; i < rivals.length; i++) {
            double ratio = reference - rivals[i].at(u, x);
            squaredRatios[i].add(count * ratio * ratio);
        }
        weibullPower.add(count * Math.exp(weibullShape * (u - weibullLnScale)));
        genNormPower.add(count * Math.exp(genNormBeta * (u - genNormLnScale)));
    }

    /** Σ (ln f_LN − ln f_F)² over the values, for rival {@code i} in the order given. */
    double sumSquaredRatio(int i) {
        return squaredRatios[i].value();
    }

    /** Mean (x/λ)^k over {@code n} values. */
    double meanWeibullPower(long n) {
        return weibullPower.value() / n;
    }

    /** Mean (x/s)^β over {@code n} values. */
    double meanGenNormPower(long n) {
        return genNormPower.value() / n;
    }
}
