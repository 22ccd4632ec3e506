package org.jaynes.dynamics.neurons;

import java.util.Locale;

/**
 * The neuron game of docs/theory.md §7: N neurons s_i ∈ {−1, +1} with symmetric couplings w_ij (zero diagonal)
 * and thresholds θ_i. Neuron i earns
 * <pre>
 *   u_i(s) = s_i h_i(s),   h_i(s) = Σ_j w_ij s_j + θ_i   (its local field),
 * </pre>
 * and the game's exact potential is Φ(s) = ½ Σ_ij w_ij s_i s_j + Σ_i θ_i s_i = −E(s), the negative Hopfield
 * energy: when neuron i flips, Φ changes by exactly the change of u_i, −2 s_i h_i (h_i does not depend on s_i
 * because w_ii = 0). Best response (s_i ← sign h_i) is the Hopfield update, logit response at temperature T is
 * the Gibbs sampler of the Boltzmann machine: one potential, two dynamics ({@link NeuronNetwork}).
 *
 * <p>The couplings are stored row-major, N × N (N² doubles; N up to a few thousand). A state is a
 * {@code byte[]} of ±1. Immutable once built (the arrays are copied in and never handed out, except through
 * {@link #weight} and {@link #threshold}); thread-safe.
 */
public final class NeuronGame {

    private static final String NOT_SYMMETRIC = "the couplings must be symmetric: w[%d][%d] = %s but w[%d][%d] = %s";

    private final int neurons;
    private final double[] weights;
    private final double[] thresholds;

    private NeuronGame(int neurons, double[] weights, double[] thresholds) {
        this.neurons = neurons;
        this.weights = weights;
        this.thresholds = thresholds;
    }

    /**
     * The game of couplings {@code weights} (row-major N × N) and thresholds {@code thresholds} (length N).
     *
     * @throws IllegalArgumentException unless the sizes agree, every value is finite, w is symmetric and its
     *                                  diagonal is zero
     */
    public static NeuronGame of(double[] weights, double[] thresholds) {
        int n = thresholds.length;
        if (n < 1 || weights.length != (long) n * n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "expected %d x %d = %d couplings for %d neurons, found %d", n, n, (long) n * n, n, weights.length));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(thresholds[i])) {
                throw new IllegalArgumentException("threshold " + i + " is not finite: " + thresholds[i]);
            }
            if (weights[i * n + i] != 0) {
                throw new IllegalArgumentException("the diagonal must be zero: w[" + i + "][" + i + "] = "
                        + weights[i * n + i]);
            }
            for (int j = i + 1; j < n; j++) {
                double a = weights[i * n + j];
                double b = weights[j * n + i];
                if (!Double.isFinite(a)) {
                    throw new IllegalArgumentException("coupling w[" + i + "][" + j + "] is not finite: " + a);
                }
                if (a != b) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_SYMMETRIC, i, j, a, j, i, b));
                }
            }
        }
        return new NeuronGame(n, weights.clone(), thresholds.clone());
    }

    /** The game without thresholds. */
    public static NeuronGame of(double[] weights) {
        int n = (int) Math.round(Math.sqrt(weights.length));
        return of(weights, new double[n]);
    }

    public int neurons() {
        return neurons;
    }

    /** w_ij. */
    public double weight(int i, int j) {
        return weights[i * neurons + j];
    }

    /** θ_i. */
    public double threshold(int i) {
        return thresholds[i];
    }

    /** A copy of the couplings, row-major. */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the thresholds. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Row i of the couplings, shared: for the engines of this package, which only read it. */
    double[] sharedWeights() {
        return weights;
    }

    /** h_i(s) = Σ_j w_ij s_j + θ_i. */
    public double localField(byte[] s, int i) {
        double field = 0;
        int row = i * neurons;
        for (int j = 0; j < neurons; j++) {
            field += weights[row + j] * s[j];
        }
        return field + thresholds[i];
    }

    /** u_i(s) = s_i h_i(s). */
    public double utility(byte[] s, int i) {
        return s[i] * localField(s, i);
    }

    /** The change of u_i, and of Φ, if neuron i flips: −2 s_i h_i(s). */
    public double flipGain(byte[] s, int i) {
        return -2 * utility(s, i);
    }

    /**
     * Φ(s) = ½ Σ_i (u_i(s) + θ_i s_i), the potential written through the players' utilities
     * (Σ_i u_i = Σ_ij w_ij s_i s_j + Σ_i θ_i s_i).
     */
    public double potential(byte[] s) {
        checkState(s);
        double sum = 0;
        for (int i = 0; i < neurons; i++) {
            sum += utility(s, i) + thresholds[i] * s[i];
        }
        return sum / 2;
    }

    /**
     * The Hopfield energy E(s) = −Σ_{i&lt;j} w_ij s_i s_j − Σ_i θ_i s_i, summed independently of
     * {@link #potential} (pairs once each, upper triangle); Φ = −E, equal to the last bit when every
     * product and partial sum is exact (dyadic weights), to a few ulps of Σ|w| otherwise.
     */
    public double energy(byte[] s) {
        checkState(s);
        double pairs = 0;
        for (int i = 0; i < neurons; i++) {
            double row = 0;
            for (int j = i + 1; j < neurons; j++) {
                row += weights[i * neurons + j] * s[j];
            }
            pairs += s[i] * row;
        }
        double bias = 0;
        for (int i = 0; i < neurons; i++) {
            bias += thresholds[i] * s[i];
        }
        return -pairs - bias;
    }

    /** Whether no neuron gains by flipping (u_i ≥ 0 for all i): a Nash equilibrium, a Hopfield fixed point. */
    public boolean isNashEquilibrium(byte[] s) {
        checkState(s);
        for (int i = 0; i < neurons; i++) {
            if (utility(s, i) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Throws unless s has N entries, each −1 or +1. */
    public void checkState(byte[] s) {
        if (s.length != neurons) {
            throw new IllegalArgumentException("a state of " + neurons + " neurons was expected, not " + s.length);
        }
        for (int i = 0; i < s.length; i++) {
            if (s[i] != 1 && s[i] != -1) {
                throw new IllegalArgumentException("neuron " + i + " must be -1 or +1, not " + s[i]);
            }
        }
    }
}
