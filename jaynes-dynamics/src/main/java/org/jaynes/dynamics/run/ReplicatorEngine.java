package org.jaynes.dynamics.run;

import org.jaynes.dynamics.game.Equilibrium;

/**
 * The replicator equation dx^t_k/dt = x^t_k (h^t_k − h̄^t) on shares (the limit M → ∞), with
 * h^t_k = u^t_k − ln ξ_k − ln M, ξ_k = Σ_t x^t_k, and h̄^t the mean over kind t. Integration rule: the
 * exponential Euler step x^t_k ← x^t_k exp(Δt (h^t_k − h̄^t)), then each kind rescaled to its share m_t.
 * It keeps shares positive and on the simplex, and x* is exactly its fixed point. For one kind,
 * d(ln x_k − ln x*_k)/dt = −(ln x_k − ln x*_k) + const, so the exact flow contracts deviations by e^{−t}
 * and each step by (1 − Δt). Bins with no share stay empty (as in the equation). O(kinds · K) per step.
 */
public final class ReplicatorEngine {

    private final double[][] utilities;
    private final double[][] shares;
    private final double[] kindShares;
    private final double step;
    private final double[] total;
    private long steps;

    public ReplicatorEngine(double[][] utilities, double[][] initial, double[] kindShares, double step) {
        this.utilities = utilities;
        this.kindShares = kindShares.clone();
        this.step = step;
        this.shares = new double[initial.length][];
        this.total = new double[initial[0].length];
        replace(initial);
    }

    /** Replaces the shares (each kind rescaled to its share). */
    public void replace(double[][] initial) {
        for (int t = 0; t < initial.length; t++) {
            shares[t] = initial[t].clone();
            rescale(t);
        }
    }

    /** Takes {@code count} steps of Δt. */
    public void run(long count) {
        int bins = total.length;
        for (long s = 0; s < count; s++) {
            for (int k = 0; k < bins; k++) {
                double xi = 0;
                for (double[] kind : shares) {
                    xi += kind[k];
                }
                total[k] = xi > 0 ? StrictMath.log(xi) : 0;
            }
            for (int t = 0; t < shares.length; t++) {
                double[] x = shares[t];
                double[] u = utilities[t];
                double mean = 0;
                for (int k = 0; k < bins; k++) {
                    if (x[k] > 0) {
                        mean += x[k] * (u[k] - total[k]);
                    }
                }
                mean /= kindShares[t];
                for (int k = 0; k < bins; k++) {
                    if (x[k] > 0) {
                        x[k] *= StrictMath.exp(step * (u[k] - total[k] - mean));
                    }
                }
                rescale(t);
            }
            steps++;
        }
    }

    private void rescale(int kind) {
        double sum = 0;
        for (double v : shares[kind]) {
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("kind " + kind + " has no share in any bin");
        }
        double scale = kindShares[kind] / sum;
        for (int k = 0; k < shares[kind].length; k++) {
            shares[kind][k] *= scale;
        }
    }

    public long steps() {
        return steps;
    }

    public double step() {
        return step;
    }

    /** The current shares, a copy. */
    public double[][] shares() {
        double[][] copy = new double[shares.length][];
        for (int t = 0; t < shares.length; t++) {
            copy[t] = shares[t].clone();
        }
        return copy;
    }

    /** The large-M potential per agent of the current shares. */
    public double potential() {
        double[] xi = new double[total.length];
        for (double[] kind : shares) {
            for (int k = 0; k < xi.length; k++) {
                xi[k] += kind[k];
            }
        }
        return Equilibrium.potential(utilities, shares, xi);
    }
}
