package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Made-up training runs and experiments for the page tests: smooth, deterministic curves, no randomness. */
final class RunSamples {

    private RunSamples() {
    }

    /**
     * A run of {@code epochs} epochs over the given layers: loss falls, accuracy rises, σ drifts from 0.9
     * towards a layer-dependent value, the gap shrinks. Epoch 0 has no train loss; the last layer's gap is
     * NaN at epoch 0 (too few distinct weights), as the trainer reports it.
     */
    static TrainingInput training(String title, List<String> layers, int epochs, boolean saved) {
        List<TrainingInput.Epoch> records = new ArrayList<>();
        for (int e = 0; e <= epochs; e++) {
            double progress = 1 - Math.exp(-0.6 * e);
            List<TrainingInput.Layer> measured = new ArrayList<>();
            for (int l = 0; l < layers.size(); l++) {
                double sigma = 0.9 + (0.15 + 0.1 * l) * progress;
                double gap = e == 0 && l == layers.size() - 1 ? Double.NaN : 0.08 / (1 + e + l);
                measured.add(new TrainingInput.Layer(layers.get(l), 1024L << l, e == 0 ? 0 : l, -3 - 0.2 * l + 0.05 * e,
                        sigma, 0.05 - 0.02 * progress, 0.05, l % 2 == 0 ? "lognormal" : "weibull",
                        "the lognormal fits best (ΔAIC 0)", gap, 0.4 - 0.2 * progress));
            }
            records.add(new TrainingInput.Epoch(e, e == 0 ? Double.NaN : 1.2 - 0.7 * progress, 1.3 - 0.7 * progress,
                    0.3 + 0.63 * progress, e == 0 ? 0 : 0.5, measured,
                    saved && (e == 0 || e == epochs) ? Optional.of("runs/a/epoch-" + e + ".safetensors")
                            : Optional.empty()));
        }
        return new TrainingInput(title, "teacher", 4000, 1000, List.of(Map.entry("--data", "teacher"),
                Map.entry("--layers", "16,64,4"), Map.entry("--seed", "1")), List.of(Map.entry("σ",
                "standard deviation of ln|w|")), records);
    }

    /**
     * An experiment: each initialiser's accuracy rises to a level of its own, seed k a little above or
     * below by k; one seed gives undefined sd.
     */
    static InitExperimentInput experiment(List<String> labels, int seeds, int epochs) {
        List<InitExperimentInput.InitializerRuns> runs = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<double[]> accuracy = new ArrayList<>();
            List<double[]> loss = new ArrayList<>();
            for (int k = 0; k < seeds; k++) {
                double[] a = new double[epochs + 1];
                double[] c = new double[epochs + 1];
                for (int e = 0; e <= epochs; e++) {
                    double progress = 1 - Math.exp(-0.7 * e);
                    a[e] = 0.25 + (0.6 + 0.04 * i) * progress + 0.01 * (k - (seeds - 1) / 2.0);
                    c[e] = 1.4 - (0.8 + 0.05 * i) * progress - 0.02 * (k - (seeds - 1) / 2.0);
                }
                accuracy.add(a);
                loss.add(c);
            }
            List<InitExperimentInput.EpochSpread> spreads = new ArrayList<>();
            for (int e = 0; e <= epochs; e++) {
                spreads.add(new InitExperimentInput.EpochSpread(e, spread(accuracy, e), spread(loss, e)));
            }
            runs.add(new InitExperimentInput.InitializerRuns(labels.get(i), spreads, accuracy, loss, List.of(
                    new InitExperimentInput.LayerSpread("layers.0.weight", new InitExperimentInput.Spread(seeds,
                            0.95 + 0.05 * i, seeds < 2 ? Double.NaN : 0.01), "lognormal", seeds),
                    new InitExperimentInput.LayerSpread("layers.2.weight", new InitExperimentInput.Spread(seeds,
                            1.05, seeds < 2 ? Double.NaN : 0.02), "weibull", Math.max(1, seeds - 1)))));
        }
        List<InitExperimentInput.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i + 1 < labels.size(); i++) {
            verdicts.add(new InitExperimentInput.Verdict(labels.get(labels.size() - 1), labels.get(i),
                    0.04 * (labels.size() - 1 - i), seeds < 2 ? Double.NaN : 0.0123, seeds < 2
                    ? "undetermined (needs at least two seeds)" : labels.get(labels.size() - 1) + " better"));
        }
        return new InitExperimentInput("teacher · 16,64,4", "teacher", 4000, 1000,
                List.of(Map.entry("--seeds", Integer.toString(seeds))), List.of(Map.entry("sd", "over seeds, n − 1")),
                "a difference when |Δ| > 2·√(sd_a²/n_a + sd_b²/n_b)", runs, verdicts);
    }

    private static InitExperimentInput.Spread spread(List<double[]> seeds, int e) {
        double mean = 0;
        for (double[] s : seeds) {
            mean += s[e] / seeds.size();
        }
        double squares = 0;
        for (double[] s : seeds) {
            squares += (s[e] - mean) * (s[e] - mean);
        }
        return new InitExperimentInput.Spread(seeds.size(), mean,
                seeds.size() < 2 ? Double.NaN : Math.sqrt(squares / (seeds.size() - 1)));
    }
}
