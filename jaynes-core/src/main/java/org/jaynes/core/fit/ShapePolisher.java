package org.jaynes.core.fit;


/**
 * Polishes the Weibull and generalised-normal shapes found on {@link CoarseCells} with Newton steps whose
 * sums run over the full cells (each cell counted where {@link CellPlacement} puts it),
 * both shapes in the same
 * pass. A coarse shape is within about 5e-7·k² relative of the root, and Newton's error after a step of
 * relative size δ is of order δ², so one step leaves about 1e-12; a further pass is taken only after a
 * step larger than 1e-5 relative (which leaves about 1e-10), at most {@value #MAX_PASSES} in all. The scales follow from the cumulant expansion of ln mean x^k about the last
 * exponent summed ({@link PowerMoments#lnMeanPowerAt}), whose error is of order step³.
 */
final class ShapePolisher {

    static final int MAX_PASSES = 4;
    private static final double CONVERGED = 1e-5;

    /** The polished laws, and the passes over the full cells taken. */
    record Polished(WeibullLaw weibull, GenNormLaw genNorm, int passes) {
    }

    private ShapePolisher() {
    }

    /**
     * Polishes shapes {@code k} (Weibull) and {@code beta} (generalised normal); NaN shapes stay NaN.
     *
     * @param coarse  the coarse cells the shapes were solved on, for the cells' placement and the largest ln|w|
     * @param meanLog the exact mean of ln|w|
     */
    static Polished polish(PlacedPoints points, CoarseCells coarse, long n, double meanLog, double k, double beta) {
        double reference = coarse.maxLog();
        double lnWeibullPower = Double.NaN;
        double lnGenNormPower = Double.NaN;
        int passes = 0;
        while (passes < MAX_PASSES && (Double.isFinite(k) || Double.isFinite(beta))) {
            PowerMoments.Accumulator weibullSums = new PowerMoments.Accumulator(k, reference);
            PowerMoments.Accumulator genNormSums = new PowerMoments.Accumulator(beta, reference);
            for (int i = 0; i < points.size(); i++) {
                weibullSums.add(points.u(i), points.weight(i));
                genNormSums.add(points.u(i), points.weight(i));
            }
            passes++;
            PowerMoments weibull = weibullSums.result(n);
            PowerMoments genNorm = genNormSums.result(n);
            double dk = bounded(WeibullShape.newtonStep(k, weibull, meanLog), k);
            double nextBeta = Math.max(GenNormShape.MIN, Math.min(GenNormShape.MAX,
                    beta + bounded(GenNormShape.newtonStep(beta, genNorm), beta)));
            double dBeta = nextBeta - beta;
            lnWeibullPower = weibull.lnMeanPowerAt(dk);
            lnGenNormPower = genNorm.lnMeanPowerAt(dBeta);
            k += dk;
            beta = nextBeta;
            if (!(Math.abs(dk) > CONVERGED * k) && !(Math.abs(dBeta) > CONVERGED * beta)) {
                break;
            }
        }
        return new Polished(new WeibullLaw(k, WeibullShape.scale(k, lnWeibullPower)),
                new GenNormLaw(beta, GenNormShape.scale(beta, lnGenNormPower)), passes);
    }

    /** A Newton step kept within half the current value, so the shape stays positive. */
    private static double bounded(double step, double value) {
        return Math.max(-0.5 * value, Math.min(0.5 * value, step));
    }
}
