package org.jaynes.core.analysis;

import java.util.Arrays;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.Quantiles;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * Where the analysis of a population needs cells finer than the coarse first pass of an f32 tensor, as
 * ranges of ln|w| for {@code RefiningAccumulator.refinement}: the cells that may hold a law's
 * Kolmogorov–Smirnov supremum (the lognormal's always, another law's when they are few), the cells
 * holding an edge of the histogram bins (of both bin conventions
 * the options use), and the cells holding a quantile of the Q–Q plot or a middle value (the median).
 * Outside these cells every statistic the report gives is the same over coarse cells as over fine ones,
 * but for the in-cell sums of the Weibull and generalised-normal fits (see {@code FamilyFitter}).
 */
final class RefinementPlaces {

    /**
     * How far below the largest lower bound a cell's KS upper bound may be and the cell still be refined:
     * the finer cells move the Weibull and generalised-normal shapes by about 1e-6 relative, and their
     * CDFs by less; the other laws do not move.
     */
    static final double KS_MARGIN = 1e-5;
    /**
     * The most coarse cells a law other than the lognormal may ask to refine: a law whose supremum may lie
     * in more (one that fits to within the sampling noise) keeps its distance over the coarse cells, with
     * the bound they give, rather than have the whole tensor counted finely.
     */
    static final int MAX_RIVAL_CELLS = 256;

    private RefinementPlaces() {
    }

    /** The places, as (low, high) pairs of ln|w|, flattened; a pair with low = high is a point. */
    static double[] of(FitInput coarse, AnalysisOptions options) {
        if (coarse.n() == 0) {
            return new double[0];
        }
        double[] ks = FitComparison.ksCandidates(coarse, KS_MARGIN, MAX_RIVAL_CELLS);
        double[] logEdges = MagnitudeBins.lnEdges(BinConvention.LOG, options.bins(), coarse.minAbs(), coarse.maxAbs());
        double[] gameEdges = options.convention() == BinConvention.LOG ? new double[0]
                : MagnitudeBins.lnEdges(options.convention(), options.bins(), coarse.minAbs(), coarse.maxAbs());
        double[] ranks = rankCells(coarse);
        double[] places = Arrays.copyOf(ks, ks.length + 2 * (logEdges.length + gameEdges.length) + ranks.length);
        int fill = ks.length;
        for (double[] edges : new double[][] {logEdges, gameEdges}) {
            for (double edge : edges) {
                places[fill++] = edge;
                places[fill++] = edge;
            }
        }
        System.arraycopy(ranks, 0, places, fill, ranks.length);
        return places;
    }

    /** The midpoints of the cells holding the quantiles' and the median's ranks, as points. */
    private static double[] rankCells(FitInput coarse) {
        long n = coarse.n();
        double[] positions = Quantiles.plottingPositions(LayerResult.QUANTILES);
        double[] targets = new double[positions.length + 2];
        for (int i = 0; i < positions.length; i++) {
            targets[i] = positions[i] * n;
        }
        // Normalization.MEDIAN reads the values of ranks (n − 1)/2 and n/2, counting from 0.
        targets[positions.length] = (n - 1) / 2 + 0.5;
        targets[positions.length + 1] = n / 2 + 0.5;
        Arrays.sort(targets);
        double[] points = new double[2 * targets.length];
        int[] next = {0};
        long[] before = {0};
        coarse.cells().forEachCell((low, high, count) -> {
            long end = before[0] + count;
            while (next[0] < targets.length && targets[next[0]] <= end) {
                double mid = (low + high) / 2;
                points[2 * next[0]] = mid;
                points[2 * next[0] + 1] = mid;
                next[0]++;
            }
            before[0] = end;
        });
        return Arrays.copyOf(points, 2 * next[0]);
    }
}
