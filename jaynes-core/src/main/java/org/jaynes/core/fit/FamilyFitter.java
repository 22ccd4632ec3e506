package org.jaynes.core.fit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.numbers.gamma.LogGamma;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.KsDistance;
import org.jaynes.core.stats.ValueCells;

/**
 * Fits every family to one population: the machinery behind {@link FitComparison#of}.
 *
 * <p>Closed forms (lognormal, half-normal, exponential, normal, Laplace) and the gamma shape need only the
 * exact sums of the {@link FitInput}. The Weibull and generalised-normal shapes, the Vuong variances and
 * the KS distances need the cells, which a fp32 layer may have hundreds of thousands of; they are visited
 * in a few passes: (1) merge the cells of ln|w| into {@link CoarseCells} (and calibrate the
 * {@link CellPlacement} that makes Σ ln|w| and Σ |w| over the cells exact) and solve both shapes there;
 * (2) place the cells and compress them to two points per 2^-9 of ln|w| ({@link PlacedPoints}), over
 * which the shapes are polished by Newton steps ({@link ShapePolisher}) and the remaining sums are taken
 * ({@link LikelihoodPass}); (3) the magnitude KS screen ({@link ScreenedKs}); (4) merge the cells of w;
 * (5) the signed KS screen. The gamma and generalised-normal CDFs, which cost an incomplete gamma
 * function each, are stepped along their densities in the KS walks ({@link SteppedCdf}).
 *
 * <p>Accuracy against a float64 oracle over the same values (scipy, {@code tools/make_golden_fits.py}):
 * closed-form parameters and log-likelihoods to a few ulps; Weibull and generalised-normal shapes to
 * about 1e-12 relative of the maximum-likelihood root over the placed cells, which differs from the exact
 * root by what the cells cannot know (see {@link LikelihoodPass}; nothing for cells that are single
 * values): observed, over cells 2^-17 wide, at most 3e-8 (Weibull) and 3e-7 (generalised normal β)
 * relative, log-likelihoods 1.5e-8, Vuong's z 3.5e-6; the compression adds below 1e-11. KS distances are
 * those of {@link KsDistance#of} over the full cells, to the 1e-12 of the stepped CDFs. Cost: linear in
 * the cells (a walk of an array per pass) plus two evaluations of each law per 2^-9 of ln|w|. Thread-safe:
 * no shared state.
 */
final class FamilyFitter {

    private FamilyFitter() {
    }

    /** Every law fitted, and the coarse cells of ln|w| the shapes were solved on. */
    private record Laws(CoarseCells magnitudes, PlacedPoints points, LognormalLaw lognormal, HalfNormalLaw halfNormal,
                        ExponentialLaw exponential, WeibullLaw weibull, GammaLaw gamma, NormalLaw normal,
                        LaplaceLaw laplace, GenNormLaw genNorm) {

        static Laws fit(FitInput input) {
            long n = input.n();
            CoarseCells magnitudes = CoarseCells.ofMagnitudes(input);
            double weibullShape = WeibullShape.solve(magnitudes, n, input.meanLog(), input.varianceLog());
            double genNormShape = GenNormShape.solve(magnitudes, n, input.varianceLog());
            PlacedPoints points = PlacedPoints.of(input.cells(), magnitudes.placement());
            ShapePolisher.Polished polished = ShapePolisher.polish(points, magnitudes, n, input.meanLog(),
                    weibullShape, genNormShape);
            return new Laws(magnitudes, points, LognormalLaw.fit(input), HalfNormalLaw.fit(input),
                    ExponentialLaw.fit(input), polished.weibull(), GammaLaw.fit(input), NormalLaw.fit(input),
                    LaplaceLaw.fit(input), polished.genNorm());
        }

        List<MagnitudeLaw> magnitudeLaws() {
            return List.of(lognormal, halfNormal, exponential, weibull, gamma);
        }

        List<SignedLaw> signedLaws() {
            return List.of(normal, laplace, genNorm);
        }
    }

    /**
     * The places where the KS distance of a law may reach its supremum over these cells, as ranges of
     * ln|w| (pairs, flattened): where a second pass should count values in finer cells. The lognormal's
     * places always; another law's only when they are at most {@code maxCells} coarse cells. A law that
     * fits to within the sampling noise (D below a cell's share of the values) may reach its supremum
     * anywhere, and refining everywhere costs what the one-pass fine histogram cost; such a law keeps its
     * distance over the coarse cells, with the wider error bound that goes with them. Laws whose shapes
     * the finer cells will move (Weibull, generalised normal) move their CDFs by far less than
     * {@code margin}, which widens the screen.
     */
    static double[] ksCandidates(FitInput input, double margin, int maxCells) {
        if (problem(input).isPresent()) {
            return new double[0];
        }
        Laws laws = Laws.fit(input);
        ScreenedKs magnitudeKs = new ScreenedKs(laws.magnitudes(), input.n(), laws.magnitudeLaws().stream()
                .map(FamilyFitter::magnitudeCdf).toList(), 0, margin);
        ScreenedKs signedKs = new ScreenedKs(CoarseCells.ofSigned(input.cells()), input.n(), laws.signedLaws().stream()
                .map(FamilyFitter::signedCdf).toList(), 0, margin);
        double[] magnitude = magnitudeKs.candidateRanges(0, maxCells);
        double[] signed = signedKs.candidateRanges(-1, maxCells);
        double[] ranges = Arrays.copyOf(magnitude, magnitude.length + signed.length);
        for (int i = 0; i < signed.length; i += 2) {
            // a cell [a, b] of w is the cell [ln|a|, ln|b|] of ln|w| on the positive side, reversed on the negative
            double low = Math.log(Math.min(Math.abs(signed[i]), Math.abs(signed[i + 1])));
            double high = Math.log(Math.max(Math.abs(signed[i]), Math.abs(signed[i + 1])));
            ranges[magnitude.length + i] = low;
            ranges[magnitude.length + i + 1] = high;
        }
        return ranges;
    }

    static FitComparison compare(FitInput input) {
        Optional<String> problem = problem(input);
        if (problem.isPresent()) {
            return undetermined(input.n(), problem.get());
        }
        long n = input.n();
        ValueCells cells = input.cells();

        Laws laws = Laws.fit(input);
        CoarseCells magnitudes = laws.magnitudes();
        LognormalLaw lognormal = laws.lognormal();
        HalfNormalLaw halfNormal = laws.halfNormal();
        ExponentialLaw exponential = laws.exponential();
        GammaLaw gamma = laws.gamma();
        NormalLaw normal = laws.normal();
        LaplaceLaw laplace = laws.laplace();
        WeibullLaw weibull = laws.weibull();
        GenNormLaw genNorm = laws.genNorm();

        List<MagnitudeLaw> magnitudeLaws = laws.magnitudeLaws();
        List<MagnitudeLaw> rivals = magnitudeLaws.subList(1, magnitudeLaws.size());
        ScreenedKs magnitudeKs = new ScreenedKs(magnitudes, n, magnitudeLaws.stream()
                .map(FamilyFitter::magnitudeCdf).toList());
        LikelihoodPass pass = new LikelihoodPass(lognormal, rivals, weibull, genNorm, laws.points());
        magnitudeKs.take(cells.magnitudeColumns(), cells::forEachCell);
        List<KsDistance> magnitudeDistances = magnitudeKs.distances(cells::forEachCell);

        List<SignedLaw> signedLaws = laws.signedLaws();
        ScreenedKs signedKs = new ScreenedKs(CoarseCells.ofSigned(cells), n, signedLaws.stream()
                .map(FamilyFitter::signedCdf).toList());
        signedKs.take(cells.signedColumns(), cells::forEachSignedCell);
        List<KsDistance> signedDistances = signedKs.distances(cells::forEachSignedCell);

        double[] magnitudeLikelihoods = {
            lognormal.logLikelihood(input),
            halfNormal.logLikelihood(input),
            exponential.logLikelihood(input),
            weibull.logLikelihood(input, pass.meanWeibullPower(n)),
            gamma.logLikelihood(input),
        };
        double[] signedLikelihoods = {
            normal.logLikelihood(input),
            laplace.logLikelihood(input),
            genNorm.logLikelihood(input, pass.meanGenNormPower(n)),
        };
        Map<Family, Fit> fits = new EnumMap<>(Family.class);
        for (int i = 0; i < magnitudeLaws.size(); i++) {
            fits.put(magnitudeLaws.get(i).family(),
                    Fit.of(magnitudeLaws.get(i), n, magnitudeLikelihoods[i], magnitudeDistances.get(i)));
        }
        for (int i = 0; i < signedLaws.size(); i++) {
            fits.put(signedLaws.get(i).family(),
                    Fit.of(signedLaws.get(i), n, signedLikelihoods[i], signedDistances.get(i)));
        }
        Map<Family, Vuong> vuong = new EnumMap<>(Family.class);
        for (int i = 0; i < rivals.size(); i++) {
            vuong.put(rivals.get(i).family(), Vuong.of(n, magnitudeLikelihoods[0] - magnitudeLikelihoods[i + 1],
                    pass.sumSquaredRatio(i)));
        }
        Optional<Family> best = Family.magnitudeFamilies().stream()
                .filter(f -> !Double.isNaN(fits.get(f).aic()))
                .min(Comparator.comparingDouble(f -> fits.get(f).aic()));
        return new FitComparison(n, fits, best, vuong, Verdict.of(fits, best, vuong));
    }

    /**
     * The CDF of a magnitude law in u = ln|w|, for the KS walks: the gamma law's regularised incomplete
     * gamma function stepped along its density ({@link SteppedCdf}), the others as they are (they cost an
     * exponential or an error function).
     */
    private static DoubleUnaryOperator magnitudeCdf(MagnitudeLaw law) {
        if (law instanceof GammaLaw gamma && gamma.shape() > 0 && gamma.scale() > 0) {
            double constant = -LogGamma.value(gamma.shape()) - gamma.shape() * Math.log(gamma.scale());
            double shape = gamma.shape();
            double scale = gamma.scale();
            return new SteppedCdf(law::cumulativeProbabilityAtLog,
                    u -> Math.exp(constant + shape * u - Math.exp(u) / scale), 0x1p-12, false);
        }
        return law::cumulativeProbabilityAtLog;
    }

    /** The CDF of a law of w for the KS walks: the generalised normal stepped along its density. */
    private static DoubleUnaryOperator signedCdf(SignedLaw law) {
        if (law instanceof GenNormLaw genNorm && genNorm.beta() > 0 && genNorm.scale() > 0) {
            double beta = genNorm.beta();
            double scale = genNorm.scale();
            double constant = Math.log(beta) - Math.log(2) - Math.log(scale) - LogGamma.value(1 / beta);
            return new SteppedCdf(law::cumulativeProbability,
                    w -> Math.exp(constant - Math.pow(Math.abs(w) / scale, beta)), 0x1p-8 * scale, true);
        }
        return law::cumulativeProbability;
    }

    /** Why a population cannot be fitted at all, if it cannot. */
    private static Optional<String> problem(FitInput input) {
        if (input.n() < 2) {
            return Optional.of(String.format(Locale.ROOT, "%d non-zero value%s, at least 2 are needed",
                    input.n(), input.n() == 1 ? "" : "s"));
        }
        if (!(input.varianceLog() > 0) || !Double.isFinite(input.meanLog())) {
            return Optional.of(String.format(Locale.ROOT, "all %d non-zero magnitudes are equal", input.n()));
        }
        return Optional.empty();
    }

    /** Every fit NaN, every test NaN, no best family, and the reason. */
    private static FitComparison undetermined(long n, String reason) {
        double nan = Double.NaN;
        KsDistance noDistance = new KsDistance(nan, 0);
        List<FittedLaw> laws = List.of(new LognormalLaw(nan, nan), new HalfNormalLaw(nan), new ExponentialLaw(nan),
                new WeibullLaw(nan, nan), new GammaLaw(nan, nan), new NormalLaw(nan), new LaplaceLaw(nan),
                new GenNormLaw(nan, nan));
        Map<Family, Fit> fits = new EnumMap<>(Family.class);
        for (FittedLaw law : laws) {
            fits.put(law.family(), Fit.of(law, n, nan, noDistance));
        }
        Map<Family, Vuong> vuong = new EnumMap<>(Family.class);
        for (Family family : Family.magnitudeFamilies().subList(1, 5)) {
            vuong.put(family, new Vuong(nan, nan));
        }
        return new FitComparison(n, fits, Optional.empty(), vuong, Verdict.noFit(reason));
    }
}
