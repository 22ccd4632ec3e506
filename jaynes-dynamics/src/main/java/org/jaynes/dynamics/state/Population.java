package org.jaynes.dynamics.state;

/**
 * The state of the connection game: how many agents of each kind sit in each bin. Memory is O(kinds ·
 * K) whatever the number of agents M (up to 2^62), so M = 10^9 costs nothing more than M = 10.
 *
 * <p>Agents are addressed by <em>slot</em> = kind · stride + bin, with the stride a power of two ≥ K, so
 * that bin = slot &amp; (stride − 1). A {@link FenwickTree} over the slots draws a uniformly random agent
 * (its slot with probability count/M) in log2 steps. Per bin the state caches ln M_k and ln(M_k + 1), the
 * competition terms of staying and of entering; a move recomputes two logarithms. Logarithms come from
 * {@link StrictMath} (from a table below {@value #TABLE_SIZE}), so a run gives the same bits on every
 * JVM. Not thread-safe.
 */
public final class Population {

    /** Counts below this take their logarithm from a table. */
    public static final int TABLE_SIZE = 1 << 12;

    private static final double[] LN = new double[TABLE_SIZE];

    static {
        LN[0] = Double.NEGATIVE_INFINITY;
        for (int n = 1; n < TABLE_SIZE; n++) {
            LN[n] = StrictMath.log(n);
        }
    }

    private final int kinds;
    private final int bins;
    private final int stride;
    private final long[] counts;
    private final long[] binCounts;
    private final double[] lnCount;
    private final double[] lnCountPlusOne;
    private final FenwickTree agents;
    private long total;

    /** A population with the given counts[kind][bin] (at least one agent). */
    public Population(long[][] initial) {
        this.kinds = initial.length;
        this.bins = initial[0].length;
        this.stride = Integer.highestOneBit(Math.max(1, bins - 1)) << 1;
        this.counts = new long[kinds * stride];
        this.binCounts = new long[bins];
        this.lnCount = new double[bins];
        this.lnCountPlusOne = new double[bins];
        this.agents = new FenwickTree(Integer.highestOneBit(Math.max(1, kinds * stride - 1)) << 1);
        set(initial);
    }

    /** ln n for a count: exact to the last bit of {@link StrictMath#log}; −∞ for 0. */
    public static double ln(long n) {
        return n < TABLE_SIZE ? LN[(int) n] : StrictMath.log(n);
    }

    /** Replaces every count (same shape). */
    public void set(long[][] initial) {
        if (initial.length != kinds || initial[0].length != bins) {
            throw new IllegalArgumentException("expected counts of " + kinds + " kinds over " + bins + " bins");
        }
        java.util.Arrays.fill(counts, 0);
        java.util.Arrays.fill(binCounts, 0);
        total = 0;
        for (int t = 0; t < kinds; t++) {
            for (int k = 0; k < bins; k++) {
                long m = initial[t][k];
                if (m < 0) {
                    throw new IllegalArgumentException("negative count " + m + " in bin " + k);
                }
                counts[t * stride + k] = m;
                binCounts[k] += m;
                total += m;
            }
        }
        if (total < 1) {
            throw new IllegalArgumentException("a population needs at least one agent");
        }
        for (int k = 0; k < bins; k++) {
            lnCount[k] = ln(binCounts[k]);
            lnCountPlusOne[k] = ln(binCounts[k] + 1);
        }
        agents.fill(counts);
    }

    public int kinds() {
        return kinds;
    }

    public int bins() {
        return bins;
    }

    /** The slot stride: a power of two ≥ K. */
    public int stride() {
        return stride;
    }

    /** M. */
    public long agents() {
        return total;
    }

    /** The slot (kind · stride + bin) of the r-th agent, 0 ≤ r &lt; M. */
    public int agentSlot(long r) {
        return agents.find(r);
    }

    public long count(int kind, int bin) {
        return counts[kind * stride + bin];
    }

    /** M_k, all kinds together. */
    public long binCount(int bin) {
        return binCounts[bin];
    }

    /** ln M_k: what an agent of bin k pays for competition by staying. */
    public double lnCount(int bin) {
        return lnCount[bin];
    }

    /** ln(M_k + 1): what an agent pays for competition by entering bin k from another bin. */
    public double lnCountPlusOne(int bin) {
        return lnCountPlusOne[bin];
    }

    /** Moves one agent from slot {@code from} to bin {@code to} of the same kind (to ≠ the slot's bin). */
    public void move(int from, int to) {
        int bin = from & (stride - 1);
        int target = from - bin + to;
        counts[from]--;
        counts[target]++;
        agents.add(from, -1);
        agents.add(target, 1);
        long left = --binCounts[bin];
        lnCountPlusOne[bin] = lnCount[bin];
        lnCount[bin] = ln(left);
        long entered = ++binCounts[to];
        lnCount[to] = lnCountPlusOne[to];
        lnCountPlusOne[to] = ln(entered + 1);
    }

    /** A copy of the counts, [kind][bin]. */
    public long[][] counts() {
        long[][] copy = new long[kinds][bins];
        for (int t = 0; t < kinds; t++) {
            System.arraycopy(counts, t * stride, copy[t], 0, bins);
        }
        return copy;
    }

    /** M_k for all bins, a copy. */
    public long[] binCounts() {
        return binCounts.clone();
    }

    /** The shares x^t_k = M^t_k / M, [kind][bin]. */
    public double[][] shares() {
        double[][] x = new double[kinds][bins];
        for (int t = 0; t < kinds; t++) {
            for (int k = 0; k < bins; k++) {
                x[t][k] = (double) counts[t * stride + k] / total;
            }
        }
        return x;
    }
}
