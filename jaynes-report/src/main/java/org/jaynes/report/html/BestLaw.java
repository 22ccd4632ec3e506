package org.jaynes.report.html;

import java.util.Comparator;
import java.util.Optional;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.Fit;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.fit.FittedLaw;
import org.jaynes.core.fit.MagnitudeLaw;
import org.jaynes.core.fit.SignedLaw;

/**
 * What a plot or a table row shows of a {@link FitComparison}: the lognormal's rival (the best magnitude
 * law when it is not the lognormal, the runner-up when it is), ΔAIC = AIC(lognormal) − AIC(best), and the
 * density of ln|w| under a fitted law, f_ln|w|(y) = f_|w|(e^y)·e^y (a signed law through its fold on |w|).
 */
final class BestLaw {

    private BestLaw() {
    }

    /** The magnitude law compared with the lognormal in plots; empty when none could be fitted. */
    static Optional<Family> rival(FitComparison fits) {
        Optional<Family> best = fits.best();
        if (best.isPresent() && best.get() != Family.LOGNORMAL) {
            return best;
        }
        return Family.magnitudeFamilies().stream()
                .filter(f -> f != Family.LOGNORMAL && fits.fit(f) != null && Double.isFinite(fits.fit(f).aic()))
                .min(Comparator.comparingDouble(f -> fits.fit(f).aic()));
    }

    /** AIC(lognormal) − AIC(best): 0 when the lognormal is best, positive otherwise; NaN without a best. */
    static double deltaAic(FitComparison fits) {
        Fit lognormal = fits.fit(Family.LOGNORMAL);
        if (fits.best().isEmpty() || lognormal == null) {
            return Double.NaN;
        }
        return lognormal.aic() - fits.fit(fits.best().get()).aic();
    }

    /** The density of y = ln|w| under {@code law}; 0 where the law has none, NaN for NaN parameters. */
    static double lnDensity(FittedLaw law, double y) {
        double logDensity;
        if (law instanceof MagnitudeLaw magnitude) {
            logDensity = magnitude.logDensityAtLog(y);
        } else if (law instanceof SignedLaw signed) {
            logDensity = signed.foldedLogDensity(Math.exp(y));
        } else {
            throw new IllegalArgumentException("unknown law " + law);
        }
        return Math.exp(logDensity + y);
    }
}
