package org.jaynes.cli;

import static org.jaynes.cli.output.Numbers.n;
import static org.jaynes.cli.output.Json.number;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.SimulationReport;
import org.jaynes.core.model.Model;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.PopulationAnalysis;
import org.jaynes.core.tensor.Tensor;
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
import org.jaynes.formats.ModelOpener;
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

    /** How many close names an unknown --layer lists. */
    private static final int CLOSE_NAMES = 5;
    private static final String NO_SUCH_LAYER = "no layer or tensor named '%s' in %s; close names: %s";

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private TheoryCommand.GameOptions game;

    @Option(names = "--dynamics", paramLabel = "RULE", description = "better-response, best-response, logit or "
            + "replicator (default: better-response)")
    private String dynamics = "better-response";

    @Option(names = "--temperature", paramLabel = "T", description = "logit's temperature T > 0 (default: "
            + Dynamics.Logit.DEFAULT_TEMPERATURE + "); its rest point is exp(u/(1+T)), x* only as T -> 0")
    private Double temperature;

    @Option(names = "--step", paramLabel = "DT", description = "the replicator's step in (0, 1] (default: "
            + Dynamics.Replicator.DEFAULT_STEP + ")")
    private Double step;

    @Option(names = "--start", paramLabel = "LAW", description = "uniform, gaussian[:SCALE] (magnitudes of "
            + "N(0, SCALE^2), default SCALE e^mu) or file:PATH (K weights, one per bin) (default: uniform)")
    private String start = "uniform";

    @Option(names = "--from", paramLabel = "MODEL", description = "start from a layer of this model (with --layer): "
            + "its |w| put on the game's grid, scaled to the agents; the game defaults to the layer's fitted "
            + "lognormal unless --alpha, --beta or --mu, --sigma are given")
    private Path from;

    @Option(names = "--layer", paramLabel = "NAME", description = "the layer of --from, by its layer or stored name "
            + "(see 'jaynes inspect MODEL')")
    private String layer;

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
            + "the agents evenly over the bins")
    private String shock;

    @Option(names = "--sweeps", paramLabel = "N", description = "sweep budget (default: 10000 for better and best "
            + "response, 30 for logit, 1000 for the replicator)")
    private Long sweeps;

    @Option(names = "--tolerance", paramLabel = "EPS", description = "stop when the gap falls below EPS (default: "
            + "0, except 1e-12 for the replicator)")
    private Double tolerance;

    @Option(names = "--seed", paramLabel = "N", description = "seed; the same seed gives the same run bit for bit "
            + "(default: ${DEFAULT-VALUE})")
    private long seed = SimulationOptions.DEFAULT_SEED;

    @Mixin
    private ReportOptions reports;

    @Mixin
    private ProgressOption progressOption;

    /** The layer started from (--from), or null. */
    private SourceLayer source;

    /** The layer on the game's grid, or null. */
    private BinnedPopulation binned;

    /**
     * A layer read from a model: its fitted lognormal of |w| and its cells of ln|w|.
     *
     * @param model  the model as named
     * @param tensor the layer's tensor
     * @param fit    sums and cells of its non-zero finite values
     */
    private record SourceLayer(Path model, Tensor tensor, FitInput fit) {
        double mu() {
            return fit.meanLog();
        }

        double sigma() {
            return Math.sqrt(fit.varianceLog());
        }
    }

    @Override
    public Integer call() throws IOException, ModelFormatException, UsageException {
        ReportOptions.Targets targets = reports.targets();
        Optional<OutputTarget> jsonTarget = targets.json();
        Optional<OutputTarget> htmlTarget = targets.html();
        boolean reportOnStdout = targets.onStdout();
        source = sourceLayer();
        Game played = game();
        SimulationOptions options = options(played);
        SweepProgress progress = !progressOption.shown() ? null : new SweepProgress(System.err);
        long started = System.nanoTime();
        SimulationResult result = Simulation.run(played, options,
                progress == null ? Simulation.Progress.NONE : progress);
        if (progress != null) {
            progress.finish(result, System.nanoTime() - started);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonTarget.isPresent()) {
            jsonTarget.get().write(out, text -> report().writeJson(result, text));
        }
        if (htmlTarget.isPresent()) {
            SimulationPage.Input page = report().page(result);
            htmlTarget.get().write(out, text -> SimulationPage.write(page, Main.version(), text));
        }
        if (!reportOnStdout) {
            report().print(result, out);
        }
        out.flush();
        return Main.OK;
    }

    /** The reports of the run, with the layer it started from. */
    private SimulationReport report() {
        return new SimulationReport(Optional.ofNullable(source).map(s -> new SimulationReport.LayerStart(s.model(),
                s.tensor().name(), s.tensor().storedName(), s.fit().n(), s.mu(), s.sigma(), binned.outsideShare())));
    }

    /** The layer named by --from and --layer, accumulated window by window; null without --from. */
    private SourceLayer sourceLayer() throws IOException, ModelFormatException, UsageException {
        if (from == null) {
            if (layer != null) {
                throw new UsageException("--layer needs --from MODEL");
            }
            return null;
        }
        if (layer == null) {
            throw new UsageException("--from needs --layer NAME (see 'jaynes inspect " + from + "' for the layers)");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--start")) {
            throw new UsageException("--from and --start both set the start; give one of them");
        }
        Model model = ModelOpener.standard().open(from);
        Tensor tensor = model.tensors().stream().filter(t -> t.name().equals(layer) || t.storedName().equals(layer))
                .findFirst().orElse(null);
        if (tensor == null) {
            throw new UsageException(String.format(Locale.ROOT, NO_SUCH_LAYER, layer, from,
                    String.join(", ", closeNames(model, layer))));
        }
        FitInput fit = PopulationAnalysis.summarise(tensor, AnalysisOptions.DEFAULTS).fit();
        if (fit.n() == 0) {
            throw new UsageException("layer " + tensor.name() + " of " + from + " has no non-zero finite weight");
        }
        return new SourceLayer(from, tensor, fit);
    }

    /** The layer names nearest to {@code name} by edit distance, ties in file order. */
    private static List<String> closeNames(Model model, String name) {
        Set<String> names = new LinkedHashSet<>();
        model.tensors().forEach(t -> names.add(t.name()));
        return names.stream().sorted(Comparator.comparingInt(candidate -> editDistance(candidate, name)))
                .limit(CLOSE_NAMES).toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions of single characters. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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
            if (!(budget > 0 && budget < Double.POSITIVE_INFINITY)) {
                throw new UsageException("--budget must be positive and finite, not " + budget);
            }
            return played.withBudget(budget / game.agents());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private SimulationOptions options(Game played) throws UsageException {
        Dynamics rule;
        try {
            rule = Dynamics.parse(dynamics);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dynamics: " + e.getMessage());
        }
        if (temperature != null) {
            if (!(rule instanceof Dynamics.Logit)) {
                throw new UsageException("--temperature applies to --dynamics logit only");
            }
            if (!(temperature > 0 && temperature < Double.POSITIVE_INFINITY)) {
                throw new UsageException("--temperature must be positive and finite, not " + temperature);
            }
            rule = new Dynamics.Logit(temperature);
        }
        if (step != null) {
            if (!(rule instanceof Dynamics.Replicator)) {
                throw new UsageException("--step applies to --dynamics replicator only");
            }
            if (!(step > 0 && step <= 1)) {
                throw new UsageException("--step must be in (0, 1], not " + step);
            }
            rule = new Dynamics.Replicator(step);
        }
        if (sweeps != null && sweeps < 1) {
            throw new UsageException("--sweeps must be at least 1, not " + sweeps);
        }
        if (tolerance != null && !(tolerance >= 0)) {
            throw new UsageException("--tolerance must be non-negative, not " + tolerance);
        }
        SimulationOptions options = SimulationOptions.DEFAULTS.withAgents(game.agents()).withDynamics(rule)
                .withStart(startingState(played.bins())).withSeed(seed);
        if (sweeps != null) {
            options = options.withMaxSweeps(sweeps);
        }
        if (tolerance != null) {
            options = options.withTolerance(tolerance);
        }
        if (shock != null) {
            Shock parsed = parseShock();
            if (parsed.sweep() >= options.sweepLimit()) {
                throw new UsageException("--shock after " + parsed.sweep() + " sweeps comes too late for the sweep "
                        + "limit of " + options.sweepLimit());
            }
            options = options.withShock(parsed);
        }
        return options;
    }

    private Shock parseShock() throws UsageException {
        String[] parts = shock.split(":", -1);
        long sweep;
        double fraction;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            sweep = Long.parseLong(parts[0]);
            fraction = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
            throw new UsageException("--shock must be SWEEP:FRACTION, e.g. 30:0.5, not '" + shock + "'");
        }
        if (sweep < 1 || !(fraction > 0 && fraction <= 1)) {
            throw new UsageException("--shock needs SWEEP >= 1 and 0 < FRACTION <= 1, not '" + shock + "'");
        }
        return new Shock(sweep, fraction);
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
        if ("uniform".equals(start)) {
            return new StartingState.Uniform();
        }
        if (start.equals("gaussian") || start.startsWith("gaussian:")) {
            StartingState gaussian = gaussian();
            try {
                gaussian.shares(bins);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--start " + start + ": " + e.getMessage());
            }
            return gaussian;
        }
        if (start.startsWith("file:")) {
            Path file = Path.of(start.substring("file:".length()));
            try {
                StartingState given = new StartingState.Given(readWeights(file));
                given.shares(bins);
                return given;
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
        }
        throw new UsageException("--start must be uniform, gaussian[:SCALE] or file:PATH, not '" + start + "'");
    }

    /** gaussian (scale e^mu) or gaussian:SCALE. */
    private StartingState gaussian() throws UsageException {
        if (start.equals("gaussian")) {
            return new StartingState.GaussianMagnitude(Math.exp(game.parameters().mu()));
        }
        double scale;
        try {
            scale = Double.parseDouble(start.substring("gaussian:".length()));
        } catch (NumberFormatException e) {
            scale = Double.NaN;
        }
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--start gaussian:SCALE needs a positive number, not '" + start + "'");
        }
        return new StartingState.GaussianMagnitude(scale);
    }

    /** Non-negative numbers separated by white space; '#' starts a comment. */
    private static double[] readWeights(Path file) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").trim();
            for (String token : line.isEmpty() ? new String[0] : line.split("\\s+")) {
                try {
                    double w = Double.parseDouble(token);
                    if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
                        throw new NumberFormatException();
                    }
                    weights.add(w);
                } catch (NumberFormatException e) {
                    throw new UsageException(file + ": line " + (i + 1) + ": '" + token
                            + "' is not a non-negative number");
                }
            }
        }
        return weights.stream().mapToDouble(Double::doubleValue).toArray();
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
