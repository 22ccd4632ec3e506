package org.jaynes.nn.warmup;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.jaynes.nn.init.SignedLognormal;
import org.jaynes.nn.layer.Parameter;

/**
 * One weight matrix held on the quantile lattice of a signed lognormal during a distribution-only warm-up
 * (docs/theory.md §1, claim 7): w_i = s_i·exp(μ + σ z_i), where the signs s_i and the standard-normal quantiles
 * z_i = Φ⁻¹((r_i + ½)/n) are fixed and only (μ, σ) change. The rank r_i of position i and its sign come from
 * the weight's initial draw, so the lattice is that draw with its magnitudes replaced by exact quantiles:
 * a fixed random permutation and fixed random signs. Ties in |w| are ranked by position.
 *
 * <p>Gradients by the chain rule from dL/dw of the last backward pass: dL/dμ = Σ dL/dw_i·w_i and
 * dL/dσ = Σ dL/dw_i·w_i·z_i, summed in double. (μ, σ) live in a {@link Parameter} of two values so that
 * any optimizer updates them; σ is kept at least {@link #MIN_SIGMA} so that the ranks never change.
 * Memory: one float and one boolean per weight. Not thread-safe.
 */
public final class QuantileLattice {

    /** The smallest σ kept after an update; below it every magnitude would be nearly exp(μ). */
    public static final double MIN_SIGMA = 1e-3;

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private final Parameter weight;
    private final Parameter law;
    private final float[] z;
    private final boolean[] negative;

    private QuantileLattice(Parameter weight, Parameter law, float[] z, boolean[] negative) {
        this.weight = weight;
        this.law = law;
        this.z = z;
        this.negative = negative;
    }

    /**
     * The lattice of {@code weight}'s current values (its initial draw) with the law {@code initial}; sets the
     * weight's values to the lattice.
     */
    public static QuantileLattice of(Parameter weight, SignedLognormal initial) {
        float[] w = weight.values();
        int n = w.length;
        // The bits of a non-negative float order as the float does: |w| in the high half, position in the low.
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((long) Float.floatToIntBits(Math.abs(w[i])) << 32) | i;
        }
        Arrays.sort(order);
        float[] z = new float[n];
        boolean[] negative = new boolean[n];
        for (int r = 0; r < n; r++) {
            int i = (int) order[r];
            z[i] = (float) STANDARD.inverseCumulativeProbability((r + 0.5) / n);
            negative[i] = w[i] < 0;
        }
        Parameter law = Parameter.of(weight.name() + ".lognormal", false, 2);
        law.values()[0] = (float) initial.mu();
        law.values()[1] = (float) initial.sigma();
        QuantileLattice lattice = new QuantileLattice(weight, law, z, negative);
        lattice.materialize();
        return lattice;
    }

    /** (μ, σ) as one trainable tensor of two values, named after the weight. */
    public Parameter law() {
        return law;
    }

    /** The weight this lattice drives. */
    public Parameter weight() {
        return weight;
    }

    public double mu() {
        return law.values()[0];
    }

    public double sigma() {
        return law.values()[1];
    }

    /** The fixed quantile z_i of position {@code i}. */
    public double quantile(int i) {
        return z[i];
    }

    /** Writes w_i = s_i·exp(μ + σ z_i) into the weight. */
    public void materialize() {
        float[] w = weight.values();
        double mu = mu();
        double sigma = sigma();
        for (int i = 0; i < w.length; i++) {
            float magnitude = (float) Math.exp(mu + sigma * z[i]);
            w[i] = negative[i] ? -magnitude : magnitude;
        }
    }

    /** Sets the gradient of (μ, σ) from the weight's gradient: Σ g_i w_i and Σ g_i w_i z_i. */
    public void chainRule() {
        float[] w = weight.values();
        float[] g = weight.gradient();
        double dMu = 0;
        double dSigma = 0;
        for (int i = 0; i < w.length; i++) {
            double gw = (double) g[i] * w[i];
            dMu += gw;
            dSigma += gw * z[i];
        }
        law.gradient()[0] = (float) dMu;
        law.gradient()[1] = (float) dSigma;
    }

    /** After an update: σ back to at least {@link #MIN_SIGMA}, then the weight rewritten. */
    public void afterUpdate() {
        if (!(law.values()[1] >= MIN_SIGMA)) {
            law.values()[1] = (float) MIN_SIGMA;
        }
        materialize();
    }
}
