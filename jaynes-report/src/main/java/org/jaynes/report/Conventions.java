package org.jaynes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.CaptureOptions;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.NullModels;

/**
 * The options of an analysis and the fixed conventions of docs/theory.md it used: one source for every report
 * (the JSON {@code "conventions"} object by key, the HTML header by label), so they cannot drift apart.
 */
public final class Conventions {

    /**
     * One convention.
     *
     * @param key   its JSON key
     * @param label its name for people
     * @param text  what it is, exactly
     */
    public record Convention(String key, String label, String text) {
    }

    private Conventions() {
    }

    /**
     * The options of a capture of neuron outputs as {@code activations} spells them, in the order of
     * {@link CaptureOptions}; those that did not apply to the inputs used say so.
     */
    public static List<Map.Entry<String, String>> options(CaptureOptions options) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        out.add(Map.entry("--batch", Integer.toString(options.batch())));
        out.add(Map.entry("--max-length", options.maxLength().map(String::valueOf).orElse("the tokenizer's own")));
        out.add(Map.entry("--rows", options.rows().map(String::valueOf).orElse("not random inputs")));
        out.add(Map.entry("--seed", options.seed().map(String::valueOf).orElse("not random inputs")));
        out.add(Map.entry("--threads", options.threads() + " (results do not depend on it)"));
        return out;
    }

    /** The options as the command line spells them, in the order of {@link AnalysisOptions}. */
    public static List<Map.Entry<String, String>> options(AnalysisOptions options) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        out.add(Map.entry("--min-elements", Long.toString(options.minElements())));
        out.add(Map.entry("--include", options.include().map(p -> "/" + p.pattern() + "/").orElse("all tensors")));
        out.add(Map.entry("--exclude", options.exclude().map(p -> "/" + p.pattern() + "/").orElse("none")));
        out.add(Map.entry("--normalize", options.normalization().label()));
        out.add(Map.entry("--bins", Integer.toString(options.bins())));
        out.add(Map.entry("--bin-convention", options.convention().label() + " (" + options.convention().description()
                + ")"));
        out.add(Map.entry("--baseline", options.baseline().label()));
        out.add(Map.entry("--seed", Long.toString(options.seed())));
        out.add(Map.entry("--threads", options.threads() + " (results do not depend on it)"));
        return out;
    }

    /** What each reported quantity is, exactly. */
    public static List<Convention> of(AnalysisOptions options) {
        List<Convention> out = new ArrayList<>();
        out.add(new Convention("population", "population", "a floating-point tensor of rank ≥ 2 with at least " + options.minElements()
                + " elements; every other tensor is set aside and listed at the end"));
        out.add(new Convention("muSigma", "μ, σ", "mean and standard deviation (divided by n) of the natural logarithm ln|w| over the "
                + "non-zero finite w of a population; exact zeros are counted and left out, NaN and ±∞ are left out "
                + "of everything"));
        out.add(new Convention("ks", "KS", "Kolmogorov–Smirnov distance sup |Fₙ − F| of ln|w| from N(μ, σ), i.e. of |w| from the "
                + "fitted lognormal; exact for 8- and 16-bit weights, otherwise from a histogram with bins at most "
                + "2^-" + LogAbsHistogram.MANTISSA_BITS + " wide in ln|w| wherever the supremum may lie (f32 tensors: "
                + "cells of 1/128 octave elsewhere, refined in a second read), with the error bound stated per layer"));
        out.add(new Convention("normalizedMu", "normalised μ", "μ − ln c with c = " + switch (options.normalization()) {
            case NONE -> "1 (no normalisation)";
            case RMS -> "√(mean w²)";
            case MAX -> "max |w|";
            case MEDIAN -> "median |w|";
        } + ", over the non-zero finite w; σ does not depend on it"));
        out.add(new Convention("fits", "fits", "maximum likelihood on the non-zero finite values: the magnitude laws (lognormal, "
                + "half-normal, exponential, Weibull, gamma) on |w| with location 0; the signed laws (normal, Laplace, "
                + "generalised normal) on w, zero-centred, whose log-likelihoods differ from those of their folded laws "
                + "on |w| by exactly n ln 2; AIC = 2k − 2 ln L, BIC = k ln n − 2 ln L"));
        out.add(new Convention("best", "best, ΔAIC", "best = the magnitude law with the lowest AIC; ΔAIC = AIC(lognormal) − "
                + "AIC(best), 0 when the lognormal is best; Vuong's z > 0 favours the lognormal, p two-sided"));
        out.add(new Convention("r2", "R²", "1 − SSres/SStot of the fitted normal density of ln|w| against the density histogram "
                + "of ln|w| (" + options.bins() + " bins equal in ln|w| between min and max |w|), at bin centres"));
        out.add(new Convention("alphaBeta", "α, β", "the connection game h = α ln w − β (ln w)² − ln M whose equilibrium is "
                + "LN(normalised μ, σ), " + options.convention().description() + ": β = 1/(2σ²), α = "
                + (options.convention() == BinConvention.LOG ? "μ/σ²" : "μ/σ² − 1")));
        out.add(new Convention("utilities", "utilities", "hₖ of each of " + options.bins() + " bins " + options.convention().description()
                + " between min and max |w|; the utility spread is the count-weighted standard deviation of hₖ over "
                + "occupied bins, 0 at arbitrage equilibrium"));
        out.add(new Convention("arbitrageGap", "arbitrage gap", "KL(x ‖ x*) in nats, x* ∝ exp(α ln w − β (ln w)²) on the same bins: "
                + "φ(x*) − φ(x), 0 exactly at equilibrium"));
        out.add(new Convention("nullModels", "null σ", "σ of ln|w| for Gaussian weights is π/√8 = "
                + String.format(java.util.Locale.ROOT, "%.4f", NullModels.GAUSSIAN_SIGMA) + ", for Laplace weights π/√6 = "
                + String.format(java.util.Locale.ROOT, "%.4f", NullModels.LAPLACE_SIGMA) + ", whatever their scale"));
        return out;
    }
}
