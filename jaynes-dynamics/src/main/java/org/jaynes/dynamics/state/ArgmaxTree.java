package org.jaynes.dynamics.state;

/**
 * The index of the largest of n values (n a power of two) that change one at a time: a tournament tree
 * whose internal nodes hold the winner of their two children, so an update and the query take log2(n)
 * steps and no allocation. Ties go to the lower index. The values live in an array owned by the caller,
 * who calls {@link #update} after changing one. Not thread-safe.
 */
public final class ArgmaxTree {

    private final double[] values;
    private final int[] winner;
    private final int size;

    /** A tree over {@code values} (length a power of two; pad with −∞). */
    public ArgmaxTree(double[] values) {
        int n = values.length;
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("size must be a power of two, not " + n);
        }
        this.values = values;
        this.size = n;
        this.winner = new int[2 * n];
        rebuild();
    }

    /** Recomputes every node, after many values changed. */
    public void rebuild() {
        for (int i = 0; i < size; i++) {
            winner[size + i] = i;
        }
        for (int node = size - 1; node >= 1; node--) {
            winner[node] = better(winner[2 * node], winner[2 * node + 1]);
        }
    }

    /** Re-runs the matches above slot {@code index}, after its value changed. */
    public void update(int index) {
        for (int node = (size + index) >> 1; node >= 1; node >>= 1) {
            winner[node] = better(winner[2 * node], winner[2 * node + 1]);
        }
    }

    /** The index of the largest value. */
    public int argmax() {
        return size == 1 ? 0 : winner[1];
    }

    private int better(int left, int right) {
        return values[right] > values[left] ? right : left;
    }
}
