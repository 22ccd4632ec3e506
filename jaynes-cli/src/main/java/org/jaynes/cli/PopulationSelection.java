package org.jaynes.cli;

import java.util.regex.Pattern;
import org.jaynes.core.Checks;
import org.jaynes.core.analysis.AnalysisOptions;
import picocli.CommandLine.Option;

/** Which tensors of a model are populations, as {@code analyze} and {@code compare} select them (a mixin). */
final class PopulationSelection {

    @Option(names = "--min-elements", paramLabel = "N",
            description = "smallest tensor that is a population (default: ${DEFAULT-VALUE})")
    private long minElements = AnalysisOptions.DEFAULT_MIN_ELEMENTS;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "only tensors whose layer or stored name matches are populations")
    private Pattern include;

    @Option(names = "--exclude", paramLabel = "REGEX", description = "tensors whose layer or stored name matches are not")
    private Pattern exclude;

    /** Refuses a smallest population below one element. */
    void check() throws UsageException {
        UsageException.check(() -> Checks.atLeast("--min-elements", minElements, 1));
    }

    /** {@code options} selecting populations as these options say. */
    AnalysisOptions applyTo(AnalysisOptions options) {
        return options.withMinElements(minElements).withInclude(include).withExclude(exclude);
    }
}
