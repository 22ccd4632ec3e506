package org.jaynes.dynamics.run;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Uniform integers in [0, n) without bias and without division on the fast path: the multiply-and-shift
 * method of Lemire (2019), doi:10.1145/3230636. A draw costs one generator call and one multiplication;
 * a second call happens with probability below n / 2^64 (or n / 2^32 for ints).
 */
final class BoundedRandom {

    private static final long LOW_32 = 0xFFFF_FFFFL;

    private BoundedRandom() {
    }

    /** Uniform in [0, n), 0 &lt; n. */
    static long nextLong(UniformRandomProvider rng, long n) {
        long x = rng.nextLong();
        long low = x * n;
        if (Long.compareUnsigned(low, n) < 0) {
            long threshold = Long.remainderUnsigned(-n, n);
            while (Long.compareUnsigned(low, threshold) < 0) {
                x = rng.nextLong();
                low = x * n;
            }
        }
        // The high 64 bits of the unsigned 128-bit product x · n (n is positive).
        return Math.multiplyHigh(x, n) + ((x >> 63) & n);
    }

    /** Uniform in [0, n), 0 &lt; n. */
    static int nextInt(UniformRandomProvider rng, int n) {
        long product = (rng.nextInt() & LOW_32) * n;
        long low = product & LOW_32;
        if (low < n) {
            long threshold = (1L << 32) % n;
            while (low < threshold) {
                product = (rng.nextInt() & LOW_32) * n;
                low = product & LOW_32;
            }
        }
        return (int) (product >>> 32);
    }
}
