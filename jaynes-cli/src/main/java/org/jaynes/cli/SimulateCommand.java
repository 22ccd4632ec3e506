package org.jaynes.cli;

import static org.jaynes.cli.output.Numbers.n;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.SimulationReport;
import org.jaynes.core.Checks;
import org.jaynes.core.model.Model;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.SubPopulation;
import org.jaynes.dynamics.run.BinnedPopulation;
import org.jaynes.dynamics.run.Dynamics;
import org.jaynes.dynamics.run.Shock;
import org.jaynes.dynamics.run.Simulation;
import org.jaynes.dynamics.run.SimulationOptions;
import org.jaynes.dynamics.run.SimulationResult;
import org.jaynes.dynamics.run.Snapshot;
import org.jaynes.dynamics.run.StartingState;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.report.html.SimulationPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaynes simulate}: M agents play the connection game until they reach its arbitrage equilibrium. */
@Command(name = "simulate",
        header = "Play the connection game with M agents until it settles",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plays the connection game h = alpha ln w - beta (ln w)^2 - ln M_k with M agents on a grid of "
                + "strengths (docs/theory.md section 6) and prints, sweep by sweep, the exact potential phi, the "
                + "arbitrage gap KL(x || x*), the spread of the utilities and the mu, sigma of ln w; then the final "
                + "fit against the predicted lognormal.",
                "", "Experiments: the starting law (--start, or a layer of a model with --from and --layer), a budget on the total strength (--budget), a second "
                + "kind of agents with another alpha (--second-alpha), a shock during the run (--shock)."},
        footer = {"", "Examples:",
                "  jaynes simulate --agents 1000000 --alpha 12 --beta 2 --seed 1",
                "  jaynes simulate --dynamics replicator --start gaussian --json -",
                "  jaynes simulate --dynamics logit --temperature 0.1 --agents 100000",
                "  jaynes simulate --second-alpha 8 --second-share 0.3     two kinds: does mu stay the same?",
                "  jaynes simulate --budget 1.5e7 --shock 30:0.5",
                "  jaynes simulate --from model.safetensors --layer encoder.layer.0.attention.query --html sim.html"})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private GameOptions game;

    @Mixin
    private DynamicsOptions dynamics;

    @Mixin
    private StartOption start;

    @Mixin
    private LayerChoice layerChoice;

    @Option(names = "--budget", paramLabel = "W", description = "constrain the total strength: sum of w over all "
            + "agents = W; agents pay its Lagrange multiplier per unit of w")
    private Double budget;

    @Option(names = "--second-alpha", paramLabel = "A2", description = "a second kind of agents with this alpha "
            + "(same beta), competing for the same bins")
    private Double secondAlpha;

    @Option(names = "--second-share", paramLabel = "F", description = "the second kind's share of the agents "
            + "(default: 0.5)")
    private Double secondShare;

    @Option(names = "--shock", paramLabel = "SWEEP:F", description = "after SWEEP sweeps, spread a fraction F of "
            + "the agents evenly over the bins", converter = OptionConverters.ShockAt.class)
    private Shock shock;

    @Option(names = "--sweeps", paramLabel = "N", description = "sweep budget (default: 10000 for better and best "
            + "response, 30 for logit, 1000 for the replicator)")
    private Long sweeps;

    @Option(names = "--tolerance", paramLabel = "EPS", description = "stop when the gap falls below EPS (default: "
            + "0, except 1e-12 for the replicator)")
    private Double tolerance;

    @Mixin
    private SeedOption seed;

    @Mixin
    private ReportOptions reports;

    /** The layer started from (--from), or null. */
    private SourceLayer source;

    /** The layer on the game's grid, or null. */
    private BinnedPopulation binned;

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        ReportOptions.Targets targets = reports.targets();
        source = layerChoice.read(start.given()).orElse(null);
        Game played = game();
        SimulationOptions options = options(played);
        SweepProgress progress = !reports.progressShown() ? null : new SweepProgress(System.err);
        long started = System.nanoTime();
        SimulationResult result = Simulation.run(played, options,
                progress == null ? Simulation.Progress.NONE : progress);
        if (progress != null) {
            progress.finish(result, System.nanoTime() - started);
        }
        targets.write(spec.commandLine().getOut(), text -> report().writeJson(result, text),
                text -> SimulationPage.write(report().page(result), Main.version(), text),
                printer -> report().print(result, printer));
        return Main.OK;
    }

    /** The reports of the run, with the layer it started from. */
    private SimulationReport report() {
        return new SimulationReport(Optional.ofNullable(source).map(s -> new SimulationReport.LayerStart(s.model(),
                s.tensor().name(), s.tensor().storedName(), s.fit().n(), s.mu(), s.sigma(), binned.outsideShare())));
    }

    /** The game's (alpha, beta): as given, or else the fitted lognormal of the --from layer. */
    private GameParameters firstGame() throws UsageException {
        GameParameters given = game.parameters();
        boolean stated = game.alpha != null || game.beta != null || game.mu != null || game.sigma != null;
        if (source == null || stated) {
            return given;
        }
        if (!(source.sigma() > 0 && Double.isFinite(source.mu()))) {
            throw new UsageException(String.format(Locale.ROOT, "layer %s has sigma = %s of ln|w|: no lognormal to "
                    + "play; give --alpha and --beta", source.tensor().name(), n(source.sigma())));
        }
        return GameParameters.fromLognormal(source.mu(), source.sigma(), game.convention);
    }

    private Game game() throws UsageException {
        GameParameters first = firstGame();
        List<GameParameters> kinds = new ArrayList<>(List.of(first));
        if (secondShare != null && secondAlpha == null) {
            throw new UsageException("--second-share needs --second-alpha");
        }
        if (secondAlpha != null) {
            if (!Double.isFinite(secondAlpha)) {
                throw new UsageException("--second-alpha must be finite, not " + secondAlpha);
            }
            kinds.add(new GameParameters(secondAlpha, first.beta(), first.convention()));
        }
        double share = secondShare == null ? 0.5 : secondShare;
        if (!(share > 0 && share < 1)) {
            throw new UsageException("--second-share must be between 0 and 1, not " + share);
        }
        long second = Math.round(game.agents() * share);
        if (secondAlpha != null && (second < 1 || second >= game.agents())) {
            throw new UsageException("--second-share " + share + " of " + game.agents()
                    + " agents leaves a kind with no agent");
        }
        Bins bins = game.bins(kinds);
        try {
            List<SubPopulation> populations = kinds.size() == 1 ? List.of(SubPopulation.of(first))
                    : List.of(new SubPopulation(first, 1 - share), new SubPopulation(kinds.get(1), share));
            Game played = new Game(bins, populations, Optional.empty());
            if (budget == null) {
                return played;
            }
            UsageException.check(() -> Checks.positiveFinite("--budget", budget));
            return played.withBudget(budget / game.agents());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private SimulationOptions options(Game played) throws UsageException {
        Dynamics rule = dynamics.rule();
        if (sweeps != null && sweeps < 1) {
            throw new UsageException("--sweeps must be at least 1, not " + sweeps);
        }
        if (tolerance != null && !(tolerance >= 0)) {
            throw new UsageException("--tolerance must be non-negative, not " + tolerance);
        }
        SimulationOptions options = SimulationOptions.DEFAULTS.withAgents(game.agents()).withDynamics(rule)
                .withStart(startingState(played.bins())).withSeed(seed.value());
        if (sweeps != null) {
            options = options.withMaxSweeps(sweeps);
        }
        if (tolerance != null) {
            options = options.withTolerance(tolerance);
        }
        if (shock != null) {
            if (shock.sweep() >= options.sweepLimit()) {
                throw new UsageException("--shock after " + shock.sweep() + " sweeps comes too late for the sweep "
                        + "limit of " + options.sweepLimit());
            }
            options = options.withShock(shock);
        }
        return options;
    }

    private StartingState startingState(Bins bins) throws UsageException {
        if (source != null) {
            binned = BinnedPopulation.of(source.fit().cells(), bins);
            try {
                return binned.start(game.agents());
            } catch (IllegalArgumentException e) {
                throw new UsageException(String.format(Locale.ROOT, "layer %s: %s %s (ln|w| mu = %s, sigma = %s)",
                        source.tensor().name(), e.getMessage(), bins, n(source.mu()), n(source.sigma())));
            }
        }
        return start.state(bins, game.parameters().mu());
    }

    /** Sweep, gap and rate on one stderr line rewritten in place, after the first second; a terminal only. */
    private static final class SweepProgress implements Simulation.Progress {

        private final StatusLine line;

        SweepProgress(PrintStream err) {
            this.line = new StatusLine(err);
        }

        @Override
        public void snapshot(Snapshot snapshot, long sweepLimit) {
            line.show("sweep %s of at most %d, gap %.3e, sigma %.5f", n(snapshot.time()), sweepLimit,
                    snapshot.arbitrageGap(), snapshot.fit().sigma());
        }

        void finish(SimulationResult result, long nanos) {
            line.clear();
            if (nanos > StatusLine.QUIET_NANOS) {
                line.println("%,d revisions in %.1f s: %.3g per second", result.revisions(), nanos / 1e9,
                        result.revisions() / (nanos / 1e9));
            }
        }
    }

}
