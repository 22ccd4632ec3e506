package org.jaynes.cli;

import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.run.StartingState;
import picocli.CommandLine.Option;

/** {@code --start LAW}: where {@code simulate}'s agents start when no layer is given (a mixin). */
final class StartOption {

    @Option(names = "--start", paramLabel = "LAW", description = "uniform, gaussian[:SCALE] (magnitudes of "
            + "N(0, SCALE^2), default SCALE e^mu) or file:PATH (K weights, one per bin) (default: uniform)",
            converter = OptionConverters.Start.class)
    private StartLaw start;

    /** Whether --start was given. */
    boolean given() {
        return start != null;
    }

    /** The starting state on {@code bins}; {@code mu} of the game sets the default gaussian scale e^mu. */
    StartingState state(Bins bins, double mu) throws UsageException {
        return (start == null ? new StartLaw.Uniform() : start).state(bins, mu);
    }
}
