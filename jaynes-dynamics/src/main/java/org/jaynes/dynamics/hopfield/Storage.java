package org.jaynes.dynamics.hopfield;

import java.util.Locale;
import org.jaynes.dynamics.neurons.NeuronGame;

/**
 * How a Hopfield network stores P patterns ξ^μ ∈ {−1, +1}^N as couplings of the neuron game (no thresholds,
 * zero diagonal).
 * <ul>
 *   <li>{@link #HEBBIAN}: w_ij = (1/N) Σ_μ ξ^μ_i ξ^μ_j (Hopfield 1982, doi:10.1073/pnas.79.8.2554). Random
 *       patterns stay (nearly) stable up to a load P/N ≈ 0.138 (Amit, Gutfreund and Sompolinsky 1987,
 *       doi:10.1016/0003-4916(87)90092-3). Cost N² P / 2 multiply-adds.</li>
 *   <li>{@link #PSEUDO_INVERSE}: the projection rule W = (1/N) Ξ C⁻¹ Ξᵀ with C = ΞᵀΞ / N, the P × P overlap
 *       matrix (Personnaz, Guyon and Dreyfus 1985; Kanter and Sompolinsky 1987,
 *       doi:10.1103/PhysRevA.35.380): W projects onto the patterns' span, so W ξ = ξ; with the diagonal
 *       removed, neuron i of pattern μ keeps the field (1 − w_ii) ξ_i, so every linearly independent pattern
 *       is a fixed point while w_ii &lt; 1 (loads up to P/N = 1). C is inverted by Cholesky; linearly
 *       dependent patterns are refused. Cost N P² + P³/3 + N² P / 2.</li>
 * </ul>
 * Both rules sum in a fixed order: the same patterns give the same couplings bit for bit. Thread-safe.
 */
public enum Storage {
    HEBBIAN,
    PSEUDO_INVERSE;

    /** A pivot of the Cholesky factor below this (C's diagonal is 1) means the patterns are dependent. */
    private static final double SINGULAR = 1e-10;

    /** The command-line and JSON spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The rule spelled {@code label}. */
    public static Storage parse(String label) {
        for (Storage storage : values()) {
            if (storage.label().equals(label.toLowerCase(Locale.ROOT))) {
                return storage;
            }
        }
        throw new IllegalArgumentException("expected hebbian or pseudo-inverse, not '" + label + "'");
    }

    /**
     * The game whose couplings store {@code patterns} ([pattern][neuron], each ±1).
     *
     * @throws IllegalArgumentException without patterns, for patterns of different lengths or (pseudo-inverse)
     *                                  linearly dependent ones
     */
    public NeuronGame store(byte[][] patterns) {
        if (patterns.length == 0) {
            throw new IllegalArgumentException("no pattern to store");
        }
        int n = patterns[0].length;
        int p = patterns.length;
        // Ξ by neuron: row i holds ξ^1_i … ξ^P_i, so each coupling is a contiguous dot product.
        double[] byNeuron = new double[n * p];
        for (int mu = 0; mu < p; mu++) {
            if (patterns[mu].length != n) {
                throw new IllegalArgumentException("pattern " + mu + " has " + patterns[mu].length
                        + " neurons, pattern 0 has " + n);
            }
            for (int i = 0; i < n; i++) {
                byNeuron[i * p + mu] = patterns[mu][i];
            }
        }
        double[] right = this == HEBBIAN ? byNeuron : projected(byNeuron, n, p);
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            int a = i * p;
            for (int j = i + 1; j < n; j++) {
                int b = j * p;
                double sum = 0;
                for (int mu = 0; mu < p; mu++) {
                    sum += byNeuron[a + mu] * right[b + mu];
                }
                w[i * n + j] = sum / n;
                w[j * n + i] = sum / n;
            }
        }
        return NeuronGame.of(w, new double[n]);
    }

    /** Row j of the result is C⁻¹ ξ_j (ξ_j = row j of Ξ by neuron), so W_ij = (1/N) ξ_i · C⁻¹ ξ_j. */
    private static double[] projected(double[] byNeuron, int n, int p) {
        double[] c = new double[p * p];
        for (int i = 0; i < n; i++) {
            int a = i * p;
            for (int mu = 0; mu < p; mu++) {
                double x = byNeuron[a + mu];
                int row = mu * p;
                for (int nu = 0; nu <= mu; nu++) {
                    c[row + nu] += x * byNeuron[a + nu];
                }
            }
        }
        for (int mu = 0; mu < p; mu++) {
            for (int nu = 0; nu <= mu; nu++) {
                c[mu * p + nu] /= n;
            }
        }
        // Cholesky C = L Lᵀ in the lower triangle.
        for (int j = 0; j < p; j++) {
            double d = c[j * p + j];
            for (int k = 0; k < j; k++) {
                d -= c[j * p + k] * c[j * p + k];
            }
            if (!(d > SINGULAR)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the patterns are linearly dependent "
                        + "(pattern %d lies in the span of the ones before it): the pseudo-inverse rule needs "
                        + "independent patterns", j));
            }
            double l = Math.sqrt(d);
            c[j * p + j] = l;
            for (int i = j + 1; i < p; i++) {
                double v = c[i * p + j];
                for (int k = 0; k < j; k++) {
                    v -= c[i * p + k] * c[j * p + k];
                }
                c[i * p + j] = v / l;
            }
        }
        double[] out = new double[n * p];
        for (int i = 0; i < n; i++) {
            int a = i * p;
            for (int mu = 0; mu < p; mu++) { // forward: L y = ξ_i
                double v = byNeuron[a + mu];
                for (int k = 0; k < mu; k++) {
                    v -= c[mu * p + k] * out[a + k];
                }
                out[a + mu] = v / c[mu * p + mu];
            }
            for (int mu = p - 1; mu >= 0; mu--) { // back: Lᵀ x = y
                double v = out[a + mu];
                for (int k = mu + 1; k < p; k++) {
                    v -= c[k * p + mu] * out[a + k];
                }
                out[a + mu] = v / c[mu * p + mu];
            }
        }
        return out;
    }
}
