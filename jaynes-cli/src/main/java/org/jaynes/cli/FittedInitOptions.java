package org.jaynes.cli;


import java.io.IOException;
import java.nio.file.Path;
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

    /** The initialiser name that needs these options. */
    static final String FITTED = "fitted";

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
    void checkUsed(boolean fittedChosen, String initOption) throws UsageException {
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

    /** The initialiser called {@code name}: {@code fitted} from these options, any other by its name. */
    Initializer initializer(String name, double sigma) throws UsageException, ModelFormatException {
        if (FITTED.equalsIgnoreCase(name.trim())) {
            return fitted();
        }
        return UsageException.build(() -> Initializer.parse(name, sigma));
    }
}
