package org.jaynes.cli;

import static org.jaynes.report.json.JsonOutput.number;
import static org.jaynes.cli.output.Numbers.n;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jaynes.cli.output.Json;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Bins;
import org.jaynes.dynamics.game.LognormalEquilibrium;
import org.jaynes.dynamics.game.TheoryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code jaynes theory}: the equilibrium of the connection game, from (α, β) or from (μ, σ). */
@Command(name = "theory",
        header = "The lognormal equilibrium the connection game predicts",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The arbitrage equilibrium of the connection game h = alpha ln w - beta (ln w)^2 - ln M_k "
                + "(docs/theory.md section 2): the lognormal LN(mu, sigma) it predicts, the map between (alpha, beta) "
                + "and (mu, sigma) under both bin conventions, and on a grid of K strengths with M agents the "
                + "equilibrium utility h*, the potential phi* for many agents and the exact maximum for M.",
                "", "Give the game as --alpha and --beta, or the lognormal as --mu and --sigma; default: alpha 12, "
                + "beta 2."},
        footer = {"", "Examples:",
                "  jaynes theory --alpha 12 --beta 0.4                   the lognormal of a game",
                "  jaynes theory --mu 3 --sigma 0.5 --bin-convention linear   the game of a lognormal",
                "  jaynes theory --alpha 12 --beta 2 --agents 1000000000 --json -"})
final class TheoryCommand implements Callable<Integer> {


    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private GameOptions game;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws IOException, UsageException {
        Optional<OutputTarget> jsonTarget = json.target();
        GameParameters params = game.parameters();
        TheoryResult result;
        try {
            result = TheoryResult.of(params, game.bins(List.of(params)), game.agents());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jsonTarget.isPresent()) {
            jsonTarget.get().write(out, text -> writeJson(result, text));
        }
        if (jsonTarget.isEmpty() || !jsonTarget.get().isStdout()) {
            print(result, out);
        }
        out.flush();
        return Main.OK;
    }

    private static void print(TheoryResult result, PrintWriter out) {
        LognormalEquilibrium c = result.continuum();
        GameParameters g = c.game();
        Bins bins = result.bins();
        out.printf(Locale.ROOT, "game        h = %s ln w - %s (ln w)^2 - ln M_k, %s%n", n(g.alpha()), n(g.beta()),
                g.convention().description());
        out.printf(Locale.ROOT, "lognormal   mu = %s, sigma = %s (median e^mu = %s, mean %s, mode %s)%n", n(c.mu()),
                n(c.sigma()), n(c.median()), n(c.mean()), n(c.mode()));
        out.printf(Locale.ROOT, "inverse     beta = 1/(2 sigma^2) = %s; alpha = mu/sigma^2 = %s (bins equal in ln w), "
                + "mu/sigma^2 - 1 = %s (bins equal in w)%n", n(c.logInverse().beta()), n(c.logInverse().alpha()),
                n(c.linearInverse().alpha()));
        out.printf(Locale.ROOT, "other       the same (alpha, beta) with %s: mu = %s%n",
                (g.convention() == BinConvention.LOG ? BinConvention.LINEAR : BinConvention.LOG).description(),
                n(c.otherConventionMu()));
        out.printf(Locale.ROOT, "continuum   ln Z = %s; on bins of width D with M agents h* = ln Z - ln D - ln M, "
                + "phi* = ln Z - ln D%n", n(c.logPartition()));
        out.printf(Locale.ROOT, "grid        %s (D = %s in %s), M = %,d%n", bins, n(result.binWidth()),
                g.convention() == BinConvention.LOG ? "ln w" : "w", result.agents());
        out.printf(Locale.ROOT, "  many M    phi* = %s (continuum %s), h* = %s; x*: mu = %s, sigma = %s%n",
                n(result.potential()), n(result.continuumPotential()), n(result.utility()), n(result.fit().mu()),
                n(result.fit().sigma()));
        out.printf(Locale.ROOT, "  exact M   max phi = %s; mu = %s, sigma = %s; KL(x_M || x*) = %s%n",
                n(result.exactPotential()), n(result.exactFit().mu()), n(result.exactFit().sigma()),
                n(result.exactGap()));
    }

    private static void writeJson(TheoryResult result, Writer writer) throws IOException {
        LognormalEquilibrium c = result.continuum();
        Json.report(writer, out -> {
            out.writeObjectFieldStart("game");
            Json.game(out, c.game());
            out.writeEndObject();
            out.writeObjectFieldStart("lognormal");
            number(out, "mu", c.mu());
            number(out, "sigma", c.sigma());
            number(out, "median", c.median());
            number(out, "mean", c.mean());
            number(out, "mode", c.mode());
            number(out, "logPartition", c.logPartition());
            number(out, "otherConventionMu", c.otherConventionMu());
            out.writeEndObject();
            out.writeObjectFieldStart("inverse");
            out.writeObjectFieldStart("log");
            Json.game(out, c.logInverse());
            out.writeEndObject();
            out.writeObjectFieldStart("linear");
            Json.game(out, c.linearInverse());
            out.writeEndObject();
            out.writeEndObject();
            out.writeObjectFieldStart("grid");
            Json.bins(out, result.bins());
            number(out, "binWidth", result.binWidth());
            out.writeNumberField("agents", result.agents());
            number(out, "potential", result.potential());
            number(out, "continuumPotential", result.continuumPotential());
            number(out, "equilibriumUtility", result.utility());
            number(out, "mu", result.fit().mu());
            number(out, "sigma", result.fit().sigma());
            number(out, "exactPotential", result.exactPotential());
            number(out, "exactMu", result.exactFit().mu());
            number(out, "exactSigma", result.exactFit().sigma());
            number(out, "exactGap", result.exactGap());
            out.writeEndObject();
            out.writeObjectFieldStart("conventions");
            out.writeStringField("lognormal", "x(w) proportional to exp(alpha ln w - beta (ln w)^2) per unit of "
                    + (c.game().convention() == BinConvention.LOG ? "ln w" : "w") + "; mu, sigma of ln w");
            out.writeStringField("logPartition", "ln Z, Z the integral of exp(u) over ln w (log) or w (linear)");
            out.writeStringField("potential", "phi* per agent for many agents: ln sum_k exp(u_k) on the grid");
            out.writeStringField("equilibriumUtility", "h* = phi* - ln M, every agent's utility at equilibrium");
            out.writeStringField("exactPotential", "max of M phi = sum M_k u_k + ln(M!/prod M_k!), divided by M");
            out.writeStringField("exactGap", "KL(x_M || x*) of the exact finite-M equilibrium, in nats");
            out.writeEndObject();
        });
    }
}
