package org.jaynes.dynamics.game;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;

/**
 * The K strengths w_0 < … < w_{K−1} an agent of the connection game can take (docs/theory.md §2.6): equally
 * spaced in ln w from w_min to w_max ({@link BinConvention#LOG}) or in w ({@link BinConvention#LINEAR}).
 * The spacing decides what the game's equilibrium looks like as a lognormal: x*_k ∝ exp(u(w_k)) is a
 * discretised normal in ln w on a log grid (μ = α/(2β)) and a discretised w^α e^{−β ln² w} on a linear
 * grid (μ = (α + 1)/(2β)).
 *
 * <p>Each bin also owns a cell, the interval of w it stands for: from the midpoint with its left
 * neighbour to the midpoint with its right one (midpoints in ln w or in w, as the spacing), the outer
 * cells as wide as the inner ones. Cells are used to put a continuous starting law on the grid.
 *
 * @param convention the spacing
 * @param lnStrength ln w_k, ascending
 */
public record Bins(BinConvention convention, double[] lnStrength) {

    /** Half-width, in σ, of the default range around the predicted μ: the tails beyond weigh below 1e-8. */
    public static final double DEFAULT_HALF_WIDTH = 6;

    /** Bins in the default grid with bins equal in ln w; enough to give μ and σ of x* to 1e-6. */
    public static final int DEFAULT_LOG_BINS = 128;

    /** The most bins a default grid with bins equal in w takes. */
    public static final int MAX_DEFAULT_LINEAR_BINS = 1 << 16;

    private static final String BAD_RANGE = "the strengths need 0 < w_min < w_max, not w_min = %s and w_max = %s";

    public Bins {
        if (lnStrength.length < 2) {
            throw new IllegalArgumentException("a game needs at least 2 bins, not " + lnStrength.length);
        }
        lnStrength = lnStrength.clone();
    }

    /**
     * K strengths from {@code minStrength} to {@code maxStrength}, both included.
     *
     * @throws IllegalArgumentException unless 2 ≤ K and 0 < w_min < w_max (finite)
     */
    public static Bins of(BinConvention convention, int count, double minStrength, double maxStrength) {
        if (count < 2) {
            throw new IllegalArgumentException("a game needs at least 2 bins, not " + count);
        }
        if (!(minStrength > 0 && maxStrength > minStrength && maxStrength < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, BAD_RANGE, minStrength, maxStrength));
        }
        double[] ln = new double[count];
        double lnMin = StrictMath.log(minStrength);
        double lnMax = StrictMath.log(maxStrength);
        for (int k = 0; k < count; k++) {
            double t = (double) k / (count - 1);
            ln[k] = convention == BinConvention.LOG
                    ? lnMin + t * (lnMax - lnMin)
                    : StrictMath.log(minStrength + t * (maxStrength - minStrength));
        }
        ln[0] = lnMin;
        ln[count - 1] = lnMax;
        return new Bins(convention, ln);
    }

    /**
     * The default grid for games: ln w over [min μ − 6σ, max μ + 6σ] of their predicted lognormals.
     * With bins equal in ln w, {@value #DEFAULT_LOG_BINS} of them. With bins equal in w, the grid must
     * also resolve the lower tail, so K = max(128, span / (σ · e^{μ − 3σ})): one bin per σ of ln w at
     * 3σ below μ, at most {@value #MAX_DEFAULT_LINEAR_BINS}. The discrete x* then has the predicted μ and σ
     * to 1e-6 with bins equal in ln w and to about 3e-4 with bins equal in w (β ≥ 0.5).
     */
    public static Bins defaultFor(BinConvention convention, List<GameParameters> games) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (GameParameters game : games) {
            low = Math.min(low, game.mu() - DEFAULT_HALF_WIDTH * game.sigma());
            high = Math.max(high, game.mu() + DEFAULT_HALF_WIDTH * game.sigma());
        }
        return of(convention, defaultCount(convention, low, high, games), StrictMath.exp(low), StrictMath.exp(high));
    }

    /**
     * The bin count for the range [e^lnMin, e^lnMax]: {@value #DEFAULT_LOG_BINS} with bins equal in ln w;
     * with bins equal in w, one bin per σ of ln w at max(w_min, e^{μ − 3σ}) for the most demanding game,
     * at least {@value #DEFAULT_LOG_BINS} and at most {@value #MAX_DEFAULT_LINEAR_BINS}.
     */
    public static int defaultCount(BinConvention convention, double lnMin, double lnMax, List<GameParameters> games) {
        if (convention == BinConvention.LOG) {
            return DEFAULT_LOG_BINS;
        }
        double resolution = Double.POSITIVE_INFINITY;
        for (GameParameters game : games) {
            resolution = Math.min(resolution, game.sigma() * StrictMath.exp(Math.max(lnMin, game.mu() - 3 * game.sigma())));
        }
        double count = (StrictMath.exp(lnMax) - StrictMath.exp(lnMin)) / resolution;
        return (int) Math.max(DEFAULT_LOG_BINS, Math.min(MAX_DEFAULT_LINEAR_BINS, Math.ceil(count)));
    }

    public int size() {
        return lnStrength.length;
    }

    /** ln w_k. */
    public double lnStrength(int k) {
        return lnStrength[k];
    }

    /** w_k. */
    public double strength(int k) {
        return StrictMath.exp(lnStrength[k]);
    }

    public double minStrength() {
        return strength(0);
    }

    public double maxStrength() {
        return strength(size() - 1);
    }

    /** The K + 1 cell edges, in w, ascending (see the class comment). */
    public double[] cellEdges() {
        int count = size();
        double[] edges = new double[count + 1];
        boolean log = convention == BinConvention.LOG;
        for (int k = 1; k < count; k++) {
            edges[k] = log ? StrictMath.exp((lnStrength[k - 1] + lnStrength[k]) / 2)
                    : (strength(k - 1) + strength(k)) / 2;
        }
        edges[0] = log ? StrictMath.exp(1.5 * lnStrength[0] - 0.5 * lnStrength[1])
                : Math.max(0, 1.5 * strength(0) - 0.5 * strength(1));
        edges[count] = log ? StrictMath.exp(1.5 * lnStrength[count - 1] - 0.5 * lnStrength[count - 2])
                : 1.5 * strength(count - 1) - 0.5 * strength(count - 2);
        return edges;
    }

    @Override
    public double[] lnStrength() {
        return lnStrength.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bins bins && bins.convention == convention
                && Arrays.equals(bins.lnStrength, lnStrength);
    }

    @Override
    public int hashCode() {
        return 31 * convention.hashCode() + Arrays.hashCode(lnStrength);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d %s, w from %s to %s", size(), convention.description(),
                trimmed(minStrength()), trimmed(maxStrength()));
    }

    /** Six significant digits without trailing zeros, '.' whatever the locale. */
    private static String trimmed(double value) {
        String text = String.format(Locale.ROOT, "%.6g", value);
        return text.contains("e") || !text.contains(".") ? text : text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
