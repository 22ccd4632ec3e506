package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.stats.LogAbsHistogram;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.NullModels;

/**
 * The options of an analysis and the fixed conventions of THEORY.md it used, as (term, explanation)
 * pairs for people: the same facts as the JSON report's {@code "options"} and {@code "conventions"}.
 */
final class Conventions {

    private Conventions() {
    }

    /** The options as the command line spells them, in the order of {@link AnalysisOptions}. */
    static List<Map.Entry<String, String>> options(AnalysisOptions options) {
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
    static List<Map.Entry<String, String>> conventions(AnalysisOptions options) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        out.add(Map.entry("population", "a floating-point tensor of rank ≥ 2 with at least " + options.minElements()
                + " elements; every other tensor is set aside and listed at the end"));
        out.add(Map.entry("μ, σ", "mean and standard deviation (divided by n) of the natural logarithm ln|w| over the "
                + "non-zero finite w of a population; exact zeros are counted and left out, NaN and ±∞ are left out "
                + "of everything"));
        out.add(Map.entry("KS", "Kolmogorov–Smirnov distance sup |Fₙ − F| of ln|w| from N(μ, σ), i.e. of |w| from the "
                + "fitted lognormal; exact for 8- and 16-bit weights, otherwise from a histogram with bins at most "
                + "2^-" + LogAbsHistogram.MANTISSA_BITS + " wide in ln|w|, with the error bound stated per layer"));
        out.add(Map.entry("normalised μ", "μ − ln c with c = " + switch (options.normalization()) {
            case NONE -> "1 (no normalisation)";
            case RMS -> "√(mean w²)";
            case MAX -> "max |w|";
            case MEDIAN -> "median |w|";
        } + ", over the non-zero finite w; σ does not depend on it"));
        out.add(Map.entry("fits", "maximum likelihood on the non-zero finite values: the magnitude laws (lognormal, "
                + "half-normal, exponential, Weibull, gamma) on |w| with location 0; the signed laws (normal, Laplace, "
                + "generalised normal) on w, zero-centred, whose log-likelihoods differ from those of their folded laws "
                + "on |w| by exactly n ln 2; AIC = 2k − 2 ln L, BIC = k ln n − 2 ln L"));
        out.add(Map.entry("best, ΔAIC", "best = the magnitude law with the lowest AIC; ΔAIC = AIC(lognormal) − "
                + "AIC(best), 0 when the lognormal is best; Vuong's z > 0 favours the lognormal, p two-sided"));
        out.add(Map.entry("R²", "1 − SSres/SStot of the fitted normal density of ln|w| against the density histogram "
                + "of ln|w| (" + options.bins() + " bins equal in ln|w| between min and max |w|), at bin centres"));
        out.add(Map.entry("α, β", "the connection game h = α ln w − β (ln w)² − ln M whose equilibrium is "
                + "LN(normalised μ, σ), " + options.convention().description() + ": β = 1/(2σ²), α = "
                + (options.convention() == BinConvention.LOG ? "μ/σ²" : "μ/σ² − 1")));
        out.add(Map.entry("utilities", "hₖ of each of " + options.bins() + " bins " + options.convention().description()
                + " between min and max |w|; the utility spread is the count-weighted standard deviation of hₖ over "
                + "occupied bins, 0 at arbitrage equilibrium"));
        out.add(Map.entry("arbitrage gap", "KL(x ‖ x*) in nats, x* ∝ exp(α ln w − β (ln w)²) on the same bins: "
                + "φ(x*) − φ(x), 0 exactly at equilibrium"));
        out.add(Map.entry("null σ", "σ of ln|w| for Gaussian weights is π/√8 = "
                + HumanNumbers.format(NullModels.GAUSSIAN_SIGMA) + ", for Laplace weights π/√6 = "
                + HumanNumbers.format(NullModels.LAPLACE_SIGMA) + ", whatever their scale"));
        return out;
    }
}
