package org.jaynes.cli;

import java.util.List;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.run.SimulationOptions;
import picocli.CommandLine.Option;

/** The game and its grid, shared by {@code theory} and {@code simulate}. */
final class GameOptions {

    @Option(names = "--alpha", paramLabel = "A", description = "benefit coefficient alpha (default: 12)")
    Double alpha;

    @Option(names = "--beta", paramLabel = "B", description = "cost coefficient beta > 0 (default: 2)")
    Double beta;

    @Option(names = "--mu", paramLabel = "MU", description = "or the game of LN(mu, sigma): mu of ln w")
    Double mu;

    @Option(names = "--sigma", paramLabel = "S", description = "sigma > 0 of ln w")
    Double sigma;

    @Option(names = "--bin-convention", paramLabel = "SPACING", description = "strengths equally spaced in ln w "
            + "(log) or in w (linear); decides mu = alpha/(2 beta) or (alpha + 1)/(2 beta): "
            + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    BinConvention convention = BinConvention.LOG;

    @Option(names = "--bins", paramLabel = "K", description = "number of strengths (default: "
            + Bins.DEFAULT_LOG_BINS + " with log spacing; with linear, enough to resolve the lower tail)")
    Integer bins;

    @Option(names = "--range", paramLabel = "WMIN:WMAX", description = "the strengths' range (default: ln w "
            + "within mu +- 6 sigma)")
    String range;

    @Option(names = "--agents", paramLabel = "M", description = "number of agents (default: 1000000)")
    long agents = SimulationOptions.DEFAULT_AGENTS;

    /** (α, β) from the options, validated. */
    GameParameters parameters() throws UsageException {
        boolean game = alpha != null || beta != null;
        boolean lognormal = mu != null || sigma != null;
        if (game && lognormal) {
            throw new UsageException("give the game as --alpha and --beta or as --mu and --sigma, not both");
        }
        if (agents < 1 || agents > SimulationOptions.MAX_AGENTS) {
            throw new UsageException("--agents must be from 1 to 2^62, not " + agents);
        }
        if (lognormal) {
            if (mu == null || sigma == null) {
                throw new UsageException(mu == null ? "--sigma needs --mu" : "--mu needs --sigma");
            }
            if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY) || !Double.isFinite(mu)) {
                throw new UsageException("--mu must be finite and --sigma positive and finite, not " + mu + " and "
                        + sigma);
            }
            return GameParameters.fromLognormal(mu, sigma, convention);
        }
        double a = alpha == null ? Game.DEFAULT_PARAMETERS.alpha() : alpha;
        double b = beta == null ? Game.DEFAULT_PARAMETERS.beta() : beta;
        if (!Double.isFinite(a) || !(b > 0 && b < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--alpha must be finite and --beta positive and finite, not " + a + " and " + b);
        }
        return new GameParameters(a, b, convention);
    }

    /** The grid: --range and --bins, or the defaults for the games. */
    Bins bins(List<GameParameters> games) throws UsageException {
        if (bins != null && bins < 2) {
            throw new UsageException("--bins must be at least 2, not " + bins);
        }
        Bins defaults = Bins.defaultFor(convention, games);
        if (range == null) {
            return bins == null ? defaults : Bins.of(convention, bins, defaults.minStrength(),
                    defaults.maxStrength());
        }
        String[] parts = range.split(":", -1);
        double low;
        double high;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            low = Double.parseDouble(parts[0]);
            high = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            throw new UsageException("--range must be WMIN:WMAX, two numbers, not '" + range + "'");
        }
        if (!(low > 0 && high > low && high < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--range needs 0 < WMIN < WMAX, not '" + range + "'");
        }
        int count = bins != null ? bins : Bins.defaultCount(convention, Math.log(low), Math.log(high), games);
        return Bins.of(convention, count, low, high);
    }

    long agents() {
        return agents;
    }
}
