package org.jaynes.dynamics.boltzmann;

import org.jaynes.dynamics.neurons.NeuronGame;

/**
 * A restricted Boltzmann machine: V visible and H hidden units in {0, 1}, couplings only between the layers,
 * <pre>
 *   E(v, h) = −vᵀ W h − aᵀ v − bᵀ h,   P(v, h) ∝ e^{−E},   F(v) = −aᵀ v − Σ_j softplus(b_j + (vᵀW)_j).
 * </pre>
 * It is the neuron game of V + H neurons on a bipartite graph: with s = 2v − 1, t = 2h − 1,
 * −E(v, h) = Φ(s, t) + const for couplings W/4 between the layers and thresholds a_i/2 + Σ_j W_ij/4,
 * b_j/2 + Σ_i W_ij/4 ({@link #toNeuronGame}). W is V × H row-major. Mutable (training changes it in place);
 * not thread-safe. All exponentials and logarithms are {@link StrictMath}'s.
 */
public final class RestrictedBoltzmannMachine {

    private final int visible;
    private final int hidden;
    final double[] weights;
    final double[] visibleBias;
    final double[] hiddenBias;

    RestrictedBoltzmannMachine(int visible, int hidden) {
        this.visible = visible;
        this.hidden = hidden;
        this.weights = new double[visible * hidden];
        this.visibleBias = new double[visible];
        this.hiddenBias = new double[hidden];
    }

    public int visible() {
        return visible;
    }

    public int hidden() {
        return hidden;
    }

    /** A copy of W, V × H row-major. */
    public double[] weights() {
        return weights.clone();
    }

    public double[] visibleBias() {
        return visibleBias.clone();
    }

    public double[] hiddenBias() {
        return hiddenBias.clone();
    }

    /** P(h_j = 1 | v) into {@code out}. */
    public void hiddenProbabilities(double[] v, double[] out) {
        hiddenInputs(v, out);
        for (int j = 0; j < hidden; j++) {
            out[j] = sigmoid(out[j]);
        }
    }

    /** P(v_i = 1 | h) into {@code out}. */
    public void visibleProbabilities(double[] h, double[] out) {
        for (int i = 0; i < visible; i++) {
            out[i] = sigmoid(visibleInput(i, h));
        }
    }

    /** b_j + Σ_i v_i W_ij of every hidden unit into {@code out} (visible units at 0 skipped). */
    private void hiddenInputs(double[] v, double[] out) {
        System.arraycopy(hiddenBias, 0, out, 0, hidden);
        for (int i = 0; i < visible; i++) {
            double vi = v[i];
            if (vi != 0) {
                int row = i * hidden;
                for (int j = 0; j < hidden; j++) {
                    out[j] += vi * weights[row + j];
                }
            }
        }
    }

    /** a_i + Σ_j W_ij h_j: the input of visible unit i. */
    private double visibleInput(int i, double[] h) {
        double x = visibleBias[i];
        int row = i * hidden;
        for (int j = 0; j < hidden; j++) {
            x += weights[row + j] * h[j];
        }
        return x;
    }

    /** E(v, h). */
    public double energy(double[] v, double[] h) {
        double e = 0;
        for (int i = 0; i < visible; i++) {
            e -= v[i] * visibleInput(i, h);
        }
        for (int j = 0; j < hidden; j++) {
            e -= hiddenBias[j] * h[j];
        }
        return e;
    }

    /**
     * The mean over visible units of ln P(v_i | v_−i) = ln σ(F(ṽ⁽ⁱ⁾) − F(v)), ṽ⁽ⁱ⁾ = v with bit i flipped: the
     * exact pseudo-log-likelihood per unit of Besag (1975). O(V H) with the hidden inputs updated per flip.
     *
     * @param scratch H doubles
     */
    public double pseudoLogLikelihood(double[] v, double[] scratch) {
        hiddenInputs(v, scratch);
        double sum = 0;
        for (int i = 0; i < visible; i++) {
            double delta = 1 - 2 * v[i]; // ṽ_i − v_i
            double diff = -visibleBias[i] * delta; // F(ṽ) − F(v), the visible term
            int row = i * hidden;
            for (int j = 0; j < hidden; j++) {
                diff -= softplus(scratch[j] + delta * weights[row + j]) - softplus(scratch[j]);
            }
            sum += -softplus(-diff); // ln σ(diff)
        }
        return sum / visible;
    }

    /**
     * The ±1 neuron game of the same machine: neurons 0 … V−1 visible, V … V+H−1 hidden; −E(v, h) = Φ(s) + c
     * with c = ¼ Σ W + ½ Σ a + ½ Σ b ({@link #gameOffset}).
     */
    public NeuronGame toNeuronGame() {
        int n = visible + hidden;
        double[] w = new double[n * n];
        double[] theta = new double[n];
        for (int i = 0; i < visible; i++) {
            theta[i] = visibleBias[i] / 2;
        }
        for (int j = 0; j < hidden; j++) {
            theta[visible + j] = hiddenBias[j] / 2;
        }
        for (int i = 0; i < visible; i++) {
            for (int j = 0; j < hidden; j++) {
                double q = weights[i * hidden + j] / 4;
                w[i * n + visible + j] = q;
                w[(visible + j) * n + i] = q;
                theta[i] += q;
                theta[visible + j] += q;
            }
        }
        return NeuronGame.of(w, theta);
    }

    /** c in −E(v, h) = Φ(2v − 1, 2h − 1) + c. */
    public double gameOffset() {
        double c = 0;
        for (double x : weights) {
            c += x / 4;
        }
        for (double x : visibleBias) {
            c += x / 2;
        }
        for (double x : hiddenBias) {
            c += x / 2;
        }
        return c;
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
    }

    /** ln(1 + e^x) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + StrictMath.log1p(StrictMath.exp(-x)) : StrictMath.log1p(StrictMath.exp(x));
    }
}
