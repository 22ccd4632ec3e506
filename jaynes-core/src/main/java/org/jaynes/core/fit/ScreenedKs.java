package org.jaynes.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import org.jaynes.core.stats.CellColumns;
import org.jaynes.core.stats.KsDistance;
import org.jaynes.core.stats.ValueCells.CellConsumer;

/**
 * Kolmogorov–Smirnov distances of one population from several laws, evaluating each law's CDF on few
 * cells, with the same result as {@link KsDistance#of} over all the fine cells.
 *
 * <p>Screen: for a run of cells [a, b] holding cumulative counts C₀ to C₁, the deviation |F_n − F| in the
 * run is at least lo = max(C₁/n − F(b), F(a) − C₀/n) and at most up = max(C₁/n − F(a), F(b) − C₀/n), by
 * the monotonicity of F and F_n. With L the largest lo of any run, a run with up &lt; L can neither hold
 * the supremum nor raise either bound {@link KsDistance} reports, so it may stand in for its cells. This
 * is applied three times: to blocks of {@value #BLOCK} {@link CoarseCells}, to the coarse cells of the
 * blocks that remain candidates, then, inside the coarse cells that remain candidates, to runs of
 * {@value #GROUP} fine cells (with L raised by their lower bounds). One pass over the fine cells keeps
 * those of the candidate coarse cells (of any law); {@link KsDistance#of}'s bounds are then taken per law
 * over the candidate coarse cells, runs and fine cells only, the others being below L. The value and error
 * bound are those of the full computation; a margin of 1e-9 covers rounding in F. Cost: two CDF
 * evaluations per block, per coarse cell of a candidate block, per run of a candidate and per fine cell of
 * a candidate run, instead of two per fine cell (a regularised incomplete gamma function costs about a
 * microsecond); a law that fits badly has few candidates, one that fits within the noise many. Memory: 24
 * bytes per kept fine cell, none when the population holds its fine cells in arrays ({@link #take}).
 *
 * <p>Should the kept fine cells exceed {@code maxKept}, the distances are computed over all fine cells
 * instead (slower, same result). Not thread-safe.
 */
final class ScreenedKs {

    /** Fine cells per run in the second screen. */
    static final int GROUP = 16;
    /** Coarse cells per block in the first screen. */
    static final int BLOCK = 16;
    /** How far a block's bounds may fall short of its cells' through F's rounding: 1e-12, ample. */
    private static final double SLACK = 1e-12;
    /** The default limit on kept fine cells: 2^20, 24 MiB. */
    static final int MAX_KEPT = 1 << 20;
    private static final double MARGIN = 1e-9;

    private final CoarseCells coarse;
    private final long n;
    private final List<DoubleUnaryOperator> cdfs;
    private final int maxKept;
    private final double margin;
    /** Per law, per coarse cell: whether it may hold the supremum. */
    private final boolean[][] candidate;
    /** Per law: the largest lower bound over the coarse cells. */
    private final double[] coarseLowerBound;
    /** Per law: whether its CDF gave NaN, which makes its distance NaN. */
    private final boolean[] undefined;
    /** Per coarse cell: whether its fine cells are kept (a candidate of some law, of more than one cell). */
    private final boolean[] keep;
    private final long[] countBefore;
    /** Per coarse cell, the upper bound of the law being screened: one array for every law. */
    private final double[] cellUpper;
    private final int[] firstKept;
    private double[] keptLow;
    private double[] keptHigh;
    private long[] keptCount;
    private int kept;
    private boolean overflow;

    /** Screens the coarse cells against each law; see {@link #ScreenedKs(CoarseCells, long, List, int)}. */
    ScreenedKs(CoarseCells coarse, long n, List<DoubleUnaryOperator> cdfs) {
        this(coarse, n, cdfs, MAX_KEPT, MARGIN);
    }

    /** Screens the coarse cells against each law, keeping at most {@code maxKept} fine cells. */
    ScreenedKs(CoarseCells coarse, long n, List<DoubleUnaryOperator> cdfs, int maxKept) {
        this(coarse, n, cdfs, maxKept, MARGIN);
    }

    /**
     * Screens the coarse cells against each law.
     *
     * @param coarse  the coarse cells, in the variable of the CDFs
     * @param n       the number of values
     * @param cdfs    the laws' cumulative distributions
     * @param maxKept the most fine cells to keep before computing over all of them instead
     * @param margin  how far below the largest lower bound a cell's upper bound may lie and the cell still
     *                be a candidate: 1e-9 for rounding, more when the laws will move a little before use
     */
    ScreenedKs(CoarseCells coarse, long n, List<DoubleUnaryOperator> cdfs, int maxKept, double margin) {
        this.coarse = coarse;
        this.n = n;
        this.cdfs = List.copyOf(cdfs);
        this.maxKept = maxKept;
        this.margin = margin;
        int size = coarse.size();
        this.candidate = new boolean[cdfs.size()][size];
        this.coarseLowerBound = new double[cdfs.size()];
        this.undefined = new boolean[cdfs.size()];
        this.keep = new boolean[size];
        this.countBefore = new long[size];
        this.cellUpper = new double[size];
        this.firstKept = new int[size];
        for (int j = 1; j < size; j++) {
            countBefore[j] = countBefore[j - 1] + coarse.count(j - 1);
        }
        for (int law = 0; law < cdfs.size(); law++) {
            coarseLowerBound[law] = screen(cdfs.get(law), candidate[law]);
            undefined[law] = Double.isNaN(coarseLowerBound[law]);
            for (int j = 0; j < size && !undefined[law]; j++) {
                keep[j] |= candidate[law][j] && coarse.fineCells(j) > 1;
            }
        }
    }

    /**
     * Takes the fine cells, in the order the coarse cells were built from: from the arrays that hold them
     * when the population has such ({@code columns}), read in place; else by {@code walk} through
     * {@link #collector()}, which copies the kept ones. The distances are the same either way.
     */
    void take(Optional<CellColumns> columns, Consumer<CellConsumer> walk) {
        if (columns.isEmpty()) {
            walk.accept(collector());
            return;
        }
        CellColumns fine = columns.get();
        int first = 0;
        for (int j = 0; j < coarse.size(); j++) {
            firstKept[j] = first;
            first += coarse.fineCells(j);
        }
        if (first != fine.size()) {
            throw new IllegalArgumentException(fine.size() + " fine cells for coarse cells made of " + first);
        }
        keptLow = fine.low();
        keptHigh = fine.high();
        keptCount = fine.count();
        kept = first;
    }

    /**
     * Flags the candidate coarse cells of one law and returns L; NaN (and no flags) when F gives NaN. The
     * screen is itself screened: blocks of {@value #BLOCK} coarse cells first, with F at their ends only,
     * then the cells of the blocks whose upper bound reaches L. A cell's bounds lie within its block's
     * (F and F_n are monotone), so a block below L holds no candidate and its cells no lower bound above L:
     * the flags and L are those of a screen of every cell. {@link #SLACK} keeps this so for an F whose
     * rounding is not monotone by a few ulps.
     */
    private double screen(DoubleUnaryOperator cdf, boolean[] flags) {
        int size = coarse.size();
        int blocks = (size + BLOCK - 1) / BLOCK;
        double[] blockUpper = new double[blocks];
        double lowerBound = 0;
        for (int b = 0; b < blocks; b++) {
            int first = b * BLOCK;
            int last = Math.min(size, first + BLOCK) - 1;
            lowerBound = Math.max(lowerBound, bounds(cdf, first, last, blockUpper, b));
        }
        if (Double.isNaN(lowerBound)) {
            return Double.NaN;
        }
        double[] upper = cellUpper;
        Arrays.fill(upper, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < blocks; b++) {
            if (blockUpper[b] < lowerBound - margin - SLACK) {
                continue;
            }
            for (int j = b * BLOCK, end = Math.min(size, j + BLOCK); j < end; j++) {
                lowerBound = Math.max(lowerBound, bounds(cdf, j, j, upper, j));
            }
        }
        if (Double.isNaN(lowerBound)) {
            return Double.NaN;
        }
        for (int j = 0; j < size; j++) {
            flags[j] = !(upper[j] < lowerBound - margin);
        }
        return lowerBound;
    }

    /** The lower bound of |F_n − F| over coarse cells first..last; their upper bound goes to upper[at]. */
    private double bounds(DoubleUnaryOperator cdf, int first, int last, double[] upper, int at) {
        double total = n;
        double before = countBefore[first] / total;
        double after = (countBefore[last] + coarse.count(last)) / total;
        double cdfLow = cdf.applyAsDouble(coarse.low(first));
        double cdfHigh = coarse.high(last) == coarse.low(first) ? cdfLow : cdf.applyAsDouble(coarse.high(last));
        upper[at] = Math.max(after - cdfLow, cdfHigh - before);
        return Math.max(after - cdfHigh, cdfLow - before);
    }

    /**
     * The coarse cells that may hold the supremum of a law, as (low, high) pairs in the laws' variable,
     * flattened, in ascending order: every candidate of law {@code always}, and the candidates of each
     * other law that has at most {@code maxCells} of them (every cell when a law's CDF gave NaN).
     */
    double[] candidateRanges(int always, int maxCells) {
        boolean[] wantedLaws = new boolean[cdfs.size()];
        boolean every = false;
        for (int law = 0; law < cdfs.size(); law++) {
            int count = 0;
            for (boolean flag : candidate[law]) {
                count += flag ? 1 : 0;
            }
            wantedLaws[law] = law == always || count <= maxCells;
            every |= undefined[law] && law == always;
        }
        double[] ranges = new double[2 * coarse.size()];
        int fill = 0;
        for (int j = 0; j < coarse.size(); j++) {
            boolean wanted = every;
            for (int law = 0; law < cdfs.size() && !wanted; law++) {
                wanted = wantedLaws[law] && candidate[law][j];
            }
            if (wanted) {
                ranges[fill++] = coarse.low(j);
                ranges[fill++] = coarse.high(j);
            }
        }
        return Arrays.copyOf(ranges, fill);
    }

    /** Receives the fine cells, in the order the coarse cells were built from, and keeps those needed. */
    CellConsumer collector() {
        // The kept fine cells are known now: room for them at once, not by doubling.
        long toKeep = 0;
        for (int j = 0; j < coarse.size(); j++) {
            toKeep += keep[j] ? coarse.fineCells(j) : 0;
        }
        int capacity = (int) Math.min(maxKept, Math.max(16, toKeep));
        keptLow = new double[capacity];
        keptHigh = new double[capacity];
        keptCount = new long[capacity];
        return new CellConsumer() {
            private int j;
            private int seen;

            @Override
            public void accept(double low, double high, long count) {
                while (seen == coarse.fineCells(j)) {
                    j++;
                    seen = 0;
                }
                if (keep[j] && !overflow) {
                    if (seen == 0) {
                        firstKept[j] = kept;
                    }
                    store(low, high, count);
                }
                seen++;
            }
        };
    }

    private void store(double low, double high, long count) {
        if (kept == maxKept) {
            overflow = true;
            return;
        }
        if (kept == keptLow.length) {
            int capacity = (int) Math.min(maxKept, 2L * kept);
            keptLow = Arrays.copyOf(keptLow, capacity);
            keptHigh = Arrays.copyOf(keptHigh, capacity);
            keptCount = Arrays.copyOf(keptCount, capacity);
        }
        keptLow[kept] = low;
        keptHigh[kept] = high;
        keptCount[kept] = count;
        kept++;
    }

    /** The number of fine cells kept, or −1 when there were too many (diagnostics and tests). */
    int kept() {
        return overflow ? -1 : kept;
    }

    /**
     * The distance from each law, in the order given; after {@link #collector()} has seen every fine cell.
     *
     * @param fineCells the fine cells again, used only if too many were to be kept
     */
    List<KsDistance> distances(Consumer<CellConsumer> fineCells) {
        List<KsDistance> distances = new ArrayList<>(cdfs.size());
        for (int law = 0; law < cdfs.size(); law++) {
            if (undefined[law]) {
                distances.add(new KsDistance(Double.NaN, 0));
            } else if (overflow) {
                distances.add(KsDistance.of(fineCells, n, cdfs.get(law)));
            } else {
                distances.add(refined(law));
            }
        }
        return distances;
    }

    /** The second screen over runs of fine cells, then the distance over what remains. */
    private KsDistance refined(int law) {
        DoubleUnaryOperator cdf = cdfs.get(law);
        boolean[] flags = candidate[law];
        int runs = 0;
        for (int j = 0; j < coarse.size(); j++) {
            if (flags[j] && keep[j]) {
                runs += (coarse.fineCells(j) + GROUP - 1) / GROUP;
            }
        }
        double[] runUpper = new double[runs];
        double lowerBound = coarseLowerBound[law];
        double total = n;
        int run = 0;
        for (int j = 0; j < coarse.size(); j++) {
            if (!(flags[j] && keep[j])) {
                continue;
            }
            long cumulative = countBefore[j];
            for (int start = firstKept[j], end = start + coarse.fineCells(j); start < end; start += GROUP) {
                int stop = Math.min(end, start + GROUP);
                double before = cumulative / total;
                for (int i = start; i < stop; i++) {
                    cumulative += keptCount[i];
                }
                double after = cumulative / total;
                double cdfLow = cdf.applyAsDouble(keptLow[start]);
                double cdfHigh = cdf.applyAsDouble(keptHigh[stop - 1]);
                lowerBound = Math.max(lowerBound, Math.max(after - cdfHigh, cdfLow - before));
                runUpper[run++] = Math.max(after - cdfLow, cdfHigh - before);
            }
        }
        return distance(cdf, flags, runUpper, lowerBound - MARGIN);
    }

    /**
     * {@link KsDistance#of} over the cells, runs and fine cells that may hold the supremum. A cell that is
     * not a candidate has an upper bound below L, which a candidate cell's lower bound reaches: it would
     * raise neither bound, so neither it nor F at its ends is visited.
     */
    private KsDistance distance(DoubleUnaryOperator cdf, boolean[] flags, double[] runUpper, double threshold) {
        KsDistance.Bounds bounds = new KsDistance.Bounds(cdf, n);
        int run = 0;
        for (int j = 0; j < coarse.size(); j++) {
            if (!flags[j]) {
                continue;
            }
            if (!keep[j]) {
                bounds.add(coarse.low(j), coarse.high(j), countBefore[j], countBefore[j] + coarse.count(j));
                continue;
            }
            long cumulative = countBefore[j];
            for (int start = firstKept[j], end = start + coarse.fineCells(j); start < end; start += GROUP) {
                int stop = Math.min(end, start + GROUP);
                if (runUpper[run++] < threshold) {
                    long count = 0;
                    for (int i = start; i < stop; i++) {
                        count += keptCount[i];
                    }
                    bounds.add(keptLow[start], keptHigh[stop - 1], cumulative, cumulative + count);
                    cumulative += count;
                } else {
                    for (int i = start; i < stop; i++) {
                        bounds.add(keptLow[i], keptHigh[i], cumulative, cumulative + keptCount[i]);
                        cumulative += keptCount[i];
                    }
                }
            }
        }
        return bounds.distance();
    }
}
