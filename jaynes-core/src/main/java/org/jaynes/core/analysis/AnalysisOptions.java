package org.jaynes.core.analysis;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jaynes.core.Checks;
import org.jaynes.core.stats.Normalization;
import org.jaynes.core.theory.BinConvention;

/**
 * How a model is analysed: which tensors are populations (docs/theory.md §4), the conventions of docs/theory.md
 * §2 and §5, and how much parallelism to use. Immutable; every default is in {@link #DEFAULTS}; change one
 * with a {@code with…} copy. The same value serves the command line and the Java API, and every report
 * records it; it is serialisable, for an analysis that runs on other machines (a survey on Spark).
 *
 * @param minElements   smallest tensor (in elements) that is a population; default 4,096
 * @param include       when present, only tensors whose layer name or stored name matches are populations
 * @param exclude       when present, tensors whose layer name or stored name matches are not
 * @param normalization the scale μ is also reported relative to; default none
 * @param bins          histogram bins for R², the utilities and the arbitrage gap; default 100
 * @param convention    binning that relates (α, β) to (μ, σ) and spaces the game's bins; default ln w
 * @param baseline      null model analysed beside each layer; default none
 * @param seed          seed of every random choice (the baseline); same seed, same output bit for bit
 * @param threads       worker threads; results do not depend on it
 */
public record AnalysisOptions(long minElements, Optional<Pattern> include, Optional<Pattern> exclude,
                              Normalization normalization, int bins, BinConvention convention, Baseline baseline,
                              long seed, int threads) implements Serializable {

    public static final long DEFAULT_MIN_ELEMENTS = 4096;
    public static final int DEFAULT_BINS = 100;
    public static final long DEFAULT_SEED = 1;

    public static final AnalysisOptions DEFAULTS = new AnalysisOptions(DEFAULT_MIN_ELEMENTS, Optional.empty(),
            Optional.empty(), Normalization.NONE, DEFAULT_BINS, BinConvention.LOG, Baseline.NONE, DEFAULT_SEED,
            Runtime.getRuntime().availableProcessors());

    public AnalysisOptions {
        Checks.atLeast("minElements", minElements, 1);
        Checks.atLeast("bins", bins, 2);
        Checks.atLeast("threads", threads, 1);
    }

    /** Serialised as {@link Serialized}: an {@code Optional} is not serialisable. */
    @Serial
    private Object writeReplace() {
        return new Serialized(minElements, include.orElse(null), exclude.orElse(null), normalization, bins,
                convention, baseline, seed, threads);
    }

    /** The serialised form: a pattern null when none was given. */
    private record Serialized(long minElements, Pattern include, Pattern exclude, Normalization normalization,
                              int bins, BinConvention convention, Baseline baseline, long seed, int threads)
            implements Serializable {

        @Serial
        private Object readResolve() {
            return new AnalysisOptions(minElements, Optional.ofNullable(include), Optional.ofNullable(exclude),
                    normalization, bins, convention, baseline, seed, threads);
        }
    }

    public AnalysisOptions withMinElements(long value) {
        return new AnalysisOptions(value, include, exclude, normalization, bins, convention, baseline, seed, threads);
    }

    public AnalysisOptions withInclude(Pattern value) {
        return new AnalysisOptions(minElements, Optional.ofNullable(value), exclude, normalization, bins, convention,
                baseline, seed, threads);
    }

    public AnalysisOptions withExclude(Pattern value) {
        return new AnalysisOptions(minElements, include, Optional.ofNullable(value), normalization, bins, convention,
                baseline, seed, threads);
    }

    public AnalysisOptions withNormalization(Normalization value) {
        return new AnalysisOptions(minElements, include, exclude, value, bins, convention, baseline, seed, threads);
    }

    public AnalysisOptions withBins(int value) {
        return new AnalysisOptions(minElements, include, exclude, normalization, value, convention, baseline, seed,
                threads);
    }

    public AnalysisOptions withConvention(BinConvention value) {
        return new AnalysisOptions(minElements, include, exclude, normalization, bins, value, baseline, seed, threads);
    }

    public AnalysisOptions withBaseline(Baseline value) {
        return new AnalysisOptions(minElements, include, exclude, normalization, bins, convention, value, seed,
                threads);
    }

    public AnalysisOptions withSeed(long value) {
        return new AnalysisOptions(minElements, include, exclude, normalization, bins, convention, baseline, value,
                threads);
    }

    public AnalysisOptions withThreads(int value) {
        return new AnalysisOptions(minElements, include, exclude, normalization, bins, convention, baseline, seed,
                value);
    }
}
