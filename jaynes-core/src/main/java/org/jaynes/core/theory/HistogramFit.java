package org.jaynes.core.theory;

import org.jaynes.core.stats.StandardNormal;

/**
 * The paper-style coefficient of determination of a fitted lognormal against a histogram of |w| with
 * bins equal in ln|w|: the observed density of ln|w| in bin k, o_k = x_k / Δ_k, against the fitted
 * normal density of ln|w| at the bin's centre, f_k = φ((c_k − μ)/σ)/σ; R² = 1 − Σ(o_k − f_k)² / Σ(o_k − ō)².
 * It is reported with its bin count, since it depends on it; a high R² alone proves little (docs/theory.md §5.6).
 */
public final class HistogramFit {

    private HistogramFit() {
    }

    public static double lognormalR2(MagnitudeBins bins, double mu, double sigma) {
        if (bins.convention() != BinConvention.LOG) {
            throw new IllegalArgumentException("R² is defined on bins equal in ln|w|");
        }
        int k = bins.size();
        double[] observed = new double[k];
        double mean = 0;
        for (int i = 0; i < k; i++) {
            double width = bins.lnEdges()[i + 1] - bins.lnEdges()[i];
            observed[i] = width > 0 ? bins.share(i) / width : 0;
            mean += observed[i] / k;
        }
        double residual = 0;
        double spread = 0;
        for (int i = 0; i < k; i++) {
            double z = (bins.lnCentre(i) - mu) / sigma;
            double fitted = StandardNormal.density(z) / sigma;
            residual += (observed[i] - fitted) * (observed[i] - fitted);
            spread += (observed[i] - mean) * (observed[i] - mean);
        }
        return spread > 0 ? 1 - residual / spread : Double.NaN;
    }
}
