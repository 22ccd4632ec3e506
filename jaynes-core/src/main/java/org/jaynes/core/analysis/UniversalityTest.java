package org.jaynes.core.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.FDistribution;

/**
 * Is σ of ln|w| the same across models, within a role? One-way analysis of variance of the layers' σ with
 * the model as the factor: the spread of the models' mean σ against the spread of σ within a model, as
 * the F statistic (k − 1 and N − k degrees of freedom for k models and N layers) and its p-value. A
 * small p says the models differ by more than their layers do among themselves: the microstructure is
 * then not universal for that role.
 */
public final class UniversalityTest {

    /**
     * The test for one role.
     *
     * @param betweenSpread standard deviation of the models' mean σ
     * @param withinSpread  the pooled standard deviation of σ within a model, √(SSW / (N − k))
     * @param f             the F statistic; NaN when fewer than two models, or no layer beyond one per model
     * @param p             P(F' ≥ f) under one σ for all models; NaN with f
     */
    public record RoleResult(String role, int models, int layers, double betweenSpread, double withinSpread,
                             double f, double p) {

        /** The result in one sentence. */
        public String sentence() {
            if (Double.isNaN(f)) {
                return String.format(Locale.ROOT, "sigma of %s layers: not testable over %d models and %d layers",
                        role, models, layers);
            }
            String verdict = p < 0.01 ? "the models differ (p < 0.01)" : "consistent with one sigma across models";
            return String.format(Locale.ROOT, "sigma of %s layers: between-model spread %.4g against within-model "
                    + "%.4g (F = %.4g, p = %.3g over %d models and %d layers): %s", role, betweenSpread, withinSpread,
                    f, p, models, layers, verdict);
        }
    }

    private final Map<String, Map<String, List<Double>>> sigmas = new LinkedHashMap<>();

    /** Adds one layer's σ; layers whose σ is not finite are left out. */
    public void add(String role, String model, double sigma) {
        if (Double.isFinite(sigma)) {
            sigmas.computeIfAbsent(role, r -> new LinkedHashMap<>()).computeIfAbsent(model, m -> new ArrayList<>())
                    .add(sigma);
        }
    }

    /** One result per role, in the order the roles were first seen. */
    public List<RoleResult> results() {
        List<RoleResult> results = new ArrayList<>();
        sigmas.forEach((role, byModel) -> results.add(test(role, byModel.values())));
        return results;
    }

    private static RoleResult test(String role, java.util.Collection<List<Double>> groups) {
        int k = groups.size();
        int n = 0;
        double sum = 0;
        for (List<Double> group : groups) {
            for (double x : group) {
                sum += x;
                n++;
            }
        }
        double grand = sum / n;
        double between = 0;
        double within = 0;
        List<Double> means = new ArrayList<>();
        for (List<Double> group : groups) {
            double mean = group.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            means.add(mean);
            between += group.size() * (mean - grand) * (mean - grand);
            for (double x : group) {
                within += (x - mean) * (x - mean);
            }
        }
        double meanOfMeans = means.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double spreadOfMeans = k < 2 ? Double.NaN : Math.sqrt(means.stream()
                .mapToDouble(m -> (m - meanOfMeans) * (m - meanOfMeans)).sum() / (k - 1));
        double withinSpread = n > k ? Math.sqrt(within / (n - k)) : Double.NaN;
        if (k < 2 || n <= k) {
            return new RoleResult(role, k, n, spreadOfMeans, withinSpread, Double.NaN, Double.NaN);
        }
        double f = (between / (k - 1)) / (within / (n - k));
        double p = within == 0 ? (between == 0 ? 1 : 0) : FDistribution.of(k - 1, n - k).survivalProbability(f);
        return new RoleResult(role, k, n, spreadOfMeans, withinSpread, f, p);
    }
}
