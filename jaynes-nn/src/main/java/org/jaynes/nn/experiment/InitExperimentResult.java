package org.jaynes.nn.experiment;

import java.util.List;

/**
 * A finished initialisation experiment.
 *
 * @param options      what was run
 * @param data         the data set's name
 * @param trainSize    training examples
 * @param testSize     test examples
 * @param initializers one summary per initialiser, in the options' order
 * @param verdicts     final-epoch test accuracy compared pair by pair (see {@link InitExperiment#verdicts})
 */
public record InitExperimentResult(InitExperimentOptions options, String data, int trainSize, int testSize,
                                   List<InitializerSummary> initializers, List<PairVerdict> verdicts) {

    public InitExperimentResult {
        initializers = List.copyOf(initializers);
        verdicts = List.copyOf(verdicts);
    }
}
