package org.jaynes.core.fit;

import org.jaynes.core.stats.FitInput;

/**
 * Where a fine cell [a, b) of ln|w| stands for its values in the sums that have no exact counterpart
 * (means of |w|^k, Vuong's Σ l²): at its midpoint m moved by a fraction of its width,
 * u = m + t(m)·(b − a), t(m) = offset + slope·(m − center), with t kept within ±½ (the cell's edges).
 *
 * <p>Why: a histogram cell knows its values only to within its width h ≤ 2^-17. Values spread evenly in a
 * cell average to its midpoint (t = 0), but values stored with 17 or fewer significant mantissa bits
 * (weights rounded to a shorter format and widened to fp32) all sit at the cell's lower edge (t = −½),
 * which would bias every mean of |w|^k by k·h/2 ≈ 3.8e-6·k relative. Real layers mix the two, in
 * proportions that drift with |w| (in all-MiniLM-L6-v2's embeddings, from 11% of the small values at an
 * edge to 2% of the large ones; in its pooler, all of them). Offset and slope are those that make two
 * sums over the cells exact: Σ ln|w| and, to first order in the displacement, Σ |w|, which the population
 * knows exactly ({@link FitInput}); means of |w|^k for k between 0 and 2 are then unbiased to first order
 * whenever the fraction at the edges drifts linearly in ln|w|. Exact cells (a = b) do not move.
 *
 * @param center the mean of ln|w|
 * @param offset t at the center
 * @param slope  dt/d ln|w|
 */
record CellPlacement(double center, double offset, double slope) {

    private static final double EDGE = 0.5;
    /** A determinant this small relative to its terms means the cells span too little to fit a slope. */
    private static final double DEGENERATE = 1e-9;

    /** Where the values of cell [lnLow, lnHigh) are taken to be. */
    double of(double lnLow, double lnHigh) {
        double mid = 0.5 * (lnLow + lnHigh);
        return mid + (lnHigh - lnLow) * Math.max(-EDGE, Math.min(EDGE, offset + slope * (mid - center)));
    }

    /** The sums over the cells that calibrate a placement. Not thread-safe. */
    static final class Calibration {

        private final FitInput input;
        private final double reference;
        private final CompensatedSum midpoints = new CompensatedSum();
        private final CompensatedSum width = new CompensatedSum();
        private final CompensatedSum widthSlope = new CompensatedSum();
        private final CompensatedSum magnitude = new CompensatedSum();
        private final CompensatedSum magnitudeWidth = new CompensatedSum();
        private final CompensatedSum magnitudeWidthSlope = new CompensatedSum();

        Calibration(FitInput input) {
            this.input = input;
            this.reference = Math.log(input.maxAbs());
        }

        /** Adds one fine cell of ln|w|. */
        void add(double lnLow, double lnHigh, long count) {
            double mid = 0.5 * (lnLow + lnHigh);
            double d = mid - input.meanLog();
            double h = count * (lnHigh - lnLow);
            double x = count * Math.exp(mid - reference);
            midpoints.add(count * d);
            width.add(h);
            widthSlope.add(h * d);
            magnitude.add(x);
            magnitudeWidth.add(x * (lnHigh - lnLow));
            magnitudeWidthSlope.add(x * (lnHigh - lnLow) * d);
        }

        /**
         * The placement that makes Σ ln|w| and Σ |w| over the cells exact. With h the cell widths, m the
         * midpoints, c the counts, d = m − center and sums Σ over the cells, offset and slope solve
         * offset·Σ ch + slope·Σ chd = −Σ cd and offset·Σ ch·e^m + slope·Σ ch·e^m·d = n·mean|w| − Σ c·e^m
         * (sums of e^m scaled by the largest |w|). When that is degenerate (one cell), only the offset is
         * fitted, to Σ ln|w|; with no width at all (exact cells), nothing moves.
         */
        CellPlacement result() {
            double center = input.meanLog();
            double h0 = width.value();
            if (!(h0 > 0)) {
                return new CellPlacement(center, 0, 0);
            }
            double d = midpoints.value();
            double h1 = widthSlope.value();
            double g0 = magnitudeWidth.value();
            double g1 = magnitudeWidthSlope.value();
            double target = input.n() * (input.meanAbs() / input.maxAbs()) - magnitude.value();
            double determinant = h0 * g1 - h1 * g0;
            if (Math.abs(determinant) > DEGENERATE * (Math.abs(h0 * g1) + Math.abs(h1 * g0))) {
                double offset = (-d * g1 - h1 * target) / determinant;
                double slope = (h0 * target + g0 * d) / determinant;
                if (Double.isFinite(offset) && Double.isFinite(slope)) {
                    return new CellPlacement(center, offset, slope);
                }
            }
            double offset = -d / h0;
            return new CellPlacement(center, Double.isFinite(offset) ? offset : 0, 0);
        }
    }
}
