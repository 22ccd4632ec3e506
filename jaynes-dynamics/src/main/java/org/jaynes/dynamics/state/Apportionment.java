package org.jaynes.dynamics.state;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Whole agents in proportion to weights: the largest-remainder (Hamilton) method. Each bin first gets
 * ⌊n · p_k⌋ with p_k = weight_k / Σ weight; the agents left over go one each to the bins with the largest
 * remainders, ties to the lower bin. Deterministic; the counts add up to n exactly and differ from n · p_k
 * by less than 1 (for n ≤ 2^53; beyond, by the rounding of n · p_k).
 */
public final class Apportionment {

    private Apportionment() {
    }

    /**
     * @throws IllegalArgumentException if a weight is negative or not finite, or all are zero
     */
    public static long[] of(double[] weights, long n) {
        double sum = checkedSum(weights, "weight");
        long[] counts = new long[weights.length];
        double[] remainder = new double[weights.length];
        long placed = 0;
        for (int k = 0; k < weights.length; k++) {
            double exact = n * (weights[k] / sum);
            counts[k] = (long) Math.floor(exact);
            remainder[k] = exact - counts[k];
            placed += counts[k];
        }
        Integer[] order = IntStream.range(0, weights.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -remainder[k]).thenComparingInt(k -> k));
        for (int i = 0; placed < n; i = (i + 1) % order.length) {
            if (weights[order[i]] > 0) {
                counts[order[i]]++;
                placed++;
            }
        }
        for (int i = order.length - 1; placed > n; i = (i + order.length - 1) % order.length) {
            if (counts[order[i]] > 0) {
                counts[order[i]]--;
                placed--;
            }
        }
        return counts;
    }

    /**
     * The sum of weights that can be apportioned: each finite and non-negative, the sum positive.
     *
     * @param noun what the weights are called in the messages, singular ("weight", "starting weight")
     * @throws IllegalArgumentException otherwise
     */
    public static double checkedSum(double[] weights, String noun) {
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(noun + "s must be finite and non-negative, not " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("at least one " + noun + " must be positive");
        }
        return sum;
    }
}
