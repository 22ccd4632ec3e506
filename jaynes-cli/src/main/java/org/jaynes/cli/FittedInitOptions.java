package org.jaynes.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.nn.init.FittedMu;
import org.jaynes.nn.init.FittedSource;
import org.jaynes.nn.init.Initializer;
import picocli.CommandLine.Option;

/**
 * The options of the {@code fitted} initialiser, shared by {@code train} and {@code experiment init}:
 * {@code --init-from MODEL} and {@code --fitted-mu}; and how a report shows which source layer each of
 * ours was drawn from.
 */
final class FittedInitOptions {

    @Option(names = "--init-from", paramLabel = "MODEL", description = "for --init fitted: the trained model (any "
            + "format analyze reads) whose layers' lognormal fits the weights are drawn from; hidden layers <- its MLP "
            + "up/down projections in order, cycling (or its dense layers when it has no roles), the output layer <- "
            + "its classifier or last dense layer")
    private Path initFrom;

    @Option(names = "--fitted-mu", paramLabel = "RULE", description = "for --init fitted: 'he' sets mu so that "
            + "E[w^2] is He's for our fan-in (sigma is scale-free, mu is not), 'source' keeps the source layer's mu "
            + "(default: he)")
    private String fittedMu;

    /** True when either option was given. */
    boolean given() {
        return initFrom != null || fittedMu != null;
    }

    /** Refuses these options when no initialiser named {@code fitted} is used. */
    private void checkUsed(boolean fittedChosen, String initOption) throws UsageException {
        if (given() && !fittedChosen) {
            throw new UsageException((initFrom != null ? "--init-from" : "--fitted-mu") + " applies to " + initOption
                    + " fitted only");
        }
    }

    /** Analyses {@code --init-from} and returns the initialiser; a bad or missing model is bad input. */
    Initializer.Fitted fitted() throws UsageException, ModelFormatException {
        if (initFrom == null) {
            throw new UsageException("the fitted initialiser needs --init-from MODEL");
        }
        FittedMu mu;
        try {
            mu = fittedMu == null ? FittedMu.HE : FittedMu.parse(fittedMu);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fitted-mu: " + e.getMessage());
        }
        try {
            return new Initializer.Fitted(FittedSource.analyze(initFrom), mu);
        } catch (IOException e) {
            throw new UsageException(initFrom + ": cannot be read: " + e.getMessage());
        }
    }

    /**
     * The initialisers {@code choices} name, in order, σ bound for the lognormal; the model of
     * {@code --init-from} is analysed once for all fitted ones. These options given without a fitted choice
     * are bad input, said naming {@code initOption}.
     */
    List<Initializer> bind(List<InitChoice> choices, double sigma, String initOption)
            throws UsageException, ModelFormatException {
        boolean fittedChosen = choices.stream().anyMatch(InitChoice.Fitted.class::isInstance);
        checkUsed(fittedChosen, initOption);
        Initializer.Fitted source = fittedChosen ? fitted() : null;
        List<Initializer> initializers = new ArrayList<>();
        for (InitChoice choice : choices) {
            initializers.add(choice.bind(sigma, source));
        }
        return initializers;
    }
}
