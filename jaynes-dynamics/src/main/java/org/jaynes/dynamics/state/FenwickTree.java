package org.jaynes.dynamics.state;

/**
 * Counts over n slots (n a power of two) that can be changed one at a time and searched by cumulative
 * count, both in log2(n) steps without allocation: the binary indexed tree of Fenwick (1994),
 * doi:10.1002/spe.4380240306. {@link #find} turns a uniform integer r in [0, total) into the slot that
 * holds the r-th unit, so a slot is drawn with probability count/total. Not thread-safe.
 */
public final class FenwickTree {

    private final long[] tree;
    private final int size;
    private final int topStep;

    /** A tree over {@code size} slots, a power of two, all zero. */
    public FenwickTree(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two, not " + size);
        }
        this.size = size;
        this.tree = new long[size + 1];
        this.topStep = size >> 1;
    }

    public int size() {
        return size;
    }

    /** Sets every slot from {@code counts} (length ≤ size; the rest are zero) in O(n). */
    public void fill(long[] counts) {
        java.util.Arrays.fill(tree, 0);
        for (int i = 0; i < counts.length; i++) {
            tree[i + 1] = counts[i];
        }
        for (int i = 1; i <= size; i++) {
            int parent = i + (i & -i);
            if (parent <= size) {
                tree[parent] += tree[i];
            }
        }
    }

    /** Adds {@code delta} to slot {@code slot}. */
    public void add(int slot, long delta) {
        for (int i = slot + 1; i <= size; i += i & -i) {
            tree[i] += delta;
        }
    }

    /** The sum of all slots. */
    public long total() {
        return tree[size];
    }

    /**
     * The slot s with prefix(s) ≤ r < prefix(s + 1), where prefix(s) is the sum of slots before s; for
     * 0 ≤ r < total() it is a slot with a positive count.
     */
    public int find(long r) {
        // position stays a multiple of 2·step, so position + step ≤ size and needs no bounds test; the
        // root step (the whole total) is skipped since r < total. The descent is branch-free: whether to
        // step right is the sign of rest − node (counts < 2^62, no overflow), which a branch would
        // mispredict half the time.
        final long[] nodes = tree;
        int position = 0;
        long rest = r;
        for (int step = topStep; step > 0; step >>= 1) {
            long node = nodes[position + step];
            long difference = rest - node;
            long stay = difference >> 63; // −1: node > rest, stay left; 0: step right
            position += step & ~(int) stay;
            rest = difference + (node & stay);
        }
        return position;
    }
}
