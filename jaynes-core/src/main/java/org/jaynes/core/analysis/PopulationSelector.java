package org.jaynes.core.analysis;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jaynes.core.tensor.Tensor;

/** Decides which tensors are populations (docs/theory.md §4), and why the others are not. */
final class PopulationSelector {

    private final AnalysisOptions options;

    PopulationSelector(AnalysisOptions options) {
        this.options = options;
    }

    /** Empty when {@code tensor} is a population; otherwise the first reason it is not. */
    Optional<SetAsideReason> reasonToSetAside(Tensor tensor) {
        if (!tensor.dtype().isFloating()) {
            return Optional.of(SetAsideReason.NOT_FLOATING_POINT);
        }
        if (tensor.shape().rank() < 2) {
            return Optional.of(SetAsideReason.RANK_BELOW_TWO);
        }
        if (tensor.elementCount() < options.minElements()) {
            return Optional.of(SetAsideReason.TOO_FEW_ELEMENTS);
        }
        if (options.include().isPresent() && !matches(options.include().get(), tensor)) {
            return Optional.of(SetAsideReason.NOT_INCLUDED);
        }
        if (options.exclude().isPresent() && matches(options.exclude().get(), tensor)) {
            return Optional.of(SetAsideReason.EXCLUDED);
        }
        return Optional.empty();
    }

    private static boolean matches(Pattern pattern, Tensor tensor) {
        return pattern.matcher(tensor.name()).find() || pattern.matcher(tensor.storedName()).find();
    }
}
