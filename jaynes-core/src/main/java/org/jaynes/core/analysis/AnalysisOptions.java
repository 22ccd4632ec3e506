package org.jaynes.core.analysis;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a model is analysed: which tensors are populations (THEORY.md §4) and how much parallelism to
 * use. Immutable; every default is in {@link #DEFAULTS}; change one with a {@code with…} copy. The same
 * value serves the command line and the Java API, and every report records it.
 *
 * @param minElements smallest tensor (in elements) that is a population; default 4,096
 * @param include     when present, only tensors whose layer name or stored name matches are populations
 * @param exclude     when present, tensors whose layer name or stored name matches are not
 * @param threads     worker threads; results do not depend on it
 */
public record AnalysisOptions(long minElements, Optional<Pattern> include, Optional<Pattern> exclude, int threads) {

    public static final long DEFAULT_MIN_ELEMENTS = 4096;

    public static final AnalysisOptions DEFAULTS = new AnalysisOptions(DEFAULT_MIN_ELEMENTS, Optional.empty(),
            Optional.empty(), Runtime.getRuntime().availableProcessors());

    public AnalysisOptions {
        if (!(minElements >= 1)) {
            throw new IllegalArgumentException("minElements must be at least 1, not " + minElements);
        }
        if (!(threads >= 1)) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    public AnalysisOptions withMinElements(long value) {
        return new AnalysisOptions(value, include, exclude, threads);
    }

    public AnalysisOptions withInclude(Pattern value) {
        return new AnalysisOptions(minElements, Optional.ofNullable(value), exclude, threads);
    }

    public AnalysisOptions withExclude(Pattern value) {
        return new AnalysisOptions(minElements, include, Optional.ofNullable(value), threads);
    }

    public AnalysisOptions withThreads(int value) {
        return new AnalysisOptions(minElements, include, exclude, value);
    }
}
