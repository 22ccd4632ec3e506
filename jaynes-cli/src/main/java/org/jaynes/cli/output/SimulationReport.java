package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;
import static org.jaynes.cli.output.Numbers.n;
import static org.jaynes.cli.output.Numbers.percent;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jaynes.cli.output.Json;
import org.jaynes.core.theory.GameParameters;
import org.jaynes.dynamics.game.Game;
import org.jaynes.dynamics.game.MagnitudeFit;
import org.jaynes.dynamics.game.SubPopulation;
import org.jaynes.dynamics.run.Dynamics;
import org.jaynes.dynamics.run.Replay;
import org.jaynes.dynamics.run.SimulationOptions;
import org.jaynes.dynamics.run.SimulationResult;
import org.jaynes.dynamics.run.Snapshot;
import org.jaynes.report.html.SimulationPage;

/** What {@code jaynes simulate} reports of a run: the text table, the page's input and the JSON. */
public final class SimulationReport {

    private static final int MAX_ROWS = 40;

    /**
     * The layer a run started from ({@code --from}).
     *
     * @param model        the model as named
     * @param layer        the layer's name
     * @param tensor       the name stored in the file
     * @param weights      its non-zero finite weights
     * @param mu           mean of their ln|w|
     * @param sigma        standard deviation of their ln|w|
     * @param outsideShare the share of them outside the game's grid
     */
    public record LayerStart(Path model, String layer, String tensor, long weights, double mu, double sigma,
                             double outsideShare) {
    }

    /** The layer started from, or null. */
    private final LayerStart source;

    public SimulationReport(java.util.Optional<LayerStart> source) {
        this.source = source.orElse(null);
    }

    /** The run's description, line by line: the table's header and the page's. */
    private List<Map.Entry<String, String>> facts(SimulationResult result) {
        Game played = result.game();
        SimulationOptions options = result.options();
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        StringBuilder kinds = new StringBuilder();
        for (SubPopulation kind : played.populations()) {
            GameParameters g = kind.game();
            kinds.append(kinds.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "h = %s ln w - %s (ln w)^2 - ln M_k", n(g.alpha()), n(g.beta())));
            if (played.kinds() > 1) {
                kinds.append(String.format(Locale.ROOT, " for %s of the agents", n(kind.share())));
            }
        }
        facts.add(fact("game", kinds.toString()));
        facts.add(fact("grid", String.format(Locale.ROOT, "%s; M = %,d", played.bins(), options.agents())));
        played.budget().ifPresent(b -> facts.add(fact("budget", String.format(Locale.ROOT, "sum of w = %s (%s per "
                + "agent), multiplier lambda = %s", n(b.meanStrength() * options.agents()), n(b.meanStrength()),
                n(b.multiplier())))));
        facts.add(fact("dynamics", options.dynamics().label() + ": " + options.dynamics().rule()));
        if (source != null) {
            facts.add(fact("layer", String.format(Locale.ROOT, "%s of %s: %,d non-zero weights, ln|w| mu = %s, "
                    + "sigma = %s; %s of them outside the grid", source.layer(), source.model(), source.weights(),
                    n(source.mu()), n(source.sigma()), percent(source.outsideShare()))));
        }
        facts.add(fact("run", String.format(Locale.ROOT, "start %s, seed %d, at most %d sweeps, gap tolerance %s%s",
                source != null ? "layer " + source.layer() : options.start().label(), options.seed(),
                options.sweepLimit(), n(options.gapTolerance()), options.shock().map(s -> String.format(Locale.ROOT,
                        ", shock of %s after %d sweeps", n(s.fraction()), s.sweep())).orElse(""))));
        facts.add(fact("predicted", String.format(Locale.ROOT, "%s; on the grid x*: mu = %s, sigma = %s",
                Double.isNaN(result.prediction().mu()) ? "no lognormal (two kinds or a budget)"
                        : "LN(mu = " + n(result.prediction().mu()) + ", sigma = " + n(result.prediction().sigma()) + ")",
                n(result.equilibriumFit().mu()), n(result.equilibriumFit().sigma()))));
        return facts;
    }

    private static Map.Entry<String, String> fact(String label, String text) {
        return new AbstractMap.SimpleImmutableEntry<>(label, text);
    }

    private static String stopped(SimulationResult result) {
        Snapshot last = result.last();
        return String.format(Locale.ROOT, "%s after %s sweeps (%,d revisions, %,d moves)",
                result.stopReason().description(), n(last.time()), result.revisions(), last.moves());
    }

    /** The text report: the facts, a table of at most {@value #MAX_ROWS} rows of the trace, the end. */
    public void print(SimulationResult result, PrintWriter out) {
        Game played = result.game();
        for (Map.Entry<String, String> fact : facts(result)) {
            out.printf(Locale.ROOT, "%-10s %s%n", fact.getKey(), fact.getValue());
        }
        out.println();
        boolean spend = played.budget().isPresent();
        String header = "%9s %14s %15s %11s %11s %10s %10s" + (spend ? " %11s" : "") + "%n";
        out.printf(Locale.ROOT, header, "sweep", "moves", "potential", "gap", "spread", "mu", "sigma", "spend");
        List<Snapshot> trace = result.trace();
        int every = Math.max(1, (trace.size() + MAX_ROWS - 1) / MAX_ROWS);
        for (int i = 0; i < trace.size(); i++) {
            Snapshot s = trace.get(i);
            boolean shockRow = result.shockTime().isPresent() && s.time() == result.shockTime().getAsDouble();
            if (i % every != 0 && i != trace.size() - 1 && !shockRow) {
                continue;
            }
            String row = String.format(Locale.ROOT, "%9.3f %14d %15.9f %11.4e %11.4e %10.6f %10.6f", s.time(),
                    s.moves(), s.potential(), s.arbitrageGap(), s.utilitySpread(), s.fit().mu(), s.fit().sigma());
            out.println(spend ? row + String.format(Locale.ROOT, " %11.5g", s.meanStrength()) : row);
        }
        Snapshot last = result.last();
        out.printf(Locale.ROOT, "%nstopped    %s%n", stopped(result));
        out.printf(Locale.ROOT, "final      mu = %.6f, sigma = %.6f (x*: %.6f, %.6f), gap %.4e, spread %.4e%n",
                last.fit().mu(), last.fit().sigma(), result.equilibriumFit().mu(), result.equilibriumFit().sigma(),
                last.arbitrageGap(), last.utilitySpread());
        for (int t = 0; t < last.kindFits().size(); t++) {
            MagnitudeFit fit = last.kindFits().get(t);
            GameParameters g = played.populations().get(t).game();
            out.printf(Locale.ROOT, "kind %d     alpha %s: mu = %.6f, sigma = %.6f (alone it would be %s, %s)%n", t + 1,
                    n(g.alpha()), fit.mu(), fit.sigma(), n(g.mu()), n(g.sigma()));
        }
    }

    /** The page's input: the header facts, the monitors against time, and the distribution at a few moments. */
    public SimulationPage.Input page(SimulationResult result) {
        List<Snapshot> trace = result.trace();
        double[] time = new double[trace.size()];
        double[] potential = new double[trace.size()];
        double[] gap = new double[trace.size()];
        for (int i = 0; i < time.length; i++) {
            time[i] = trace.get(i).time();
            potential[i] = trace.get(i).potential();
            gap[i] = trace.get(i).arbitrageGap();
        }
        List<SimulationPage.Fact> facts = new ArrayList<>();
        facts(result).forEach(f -> facts.add(new SimulationPage.Fact(f.getKey(), f.getValue())));
        Snapshot last = result.last();
        facts.add(new SimulationPage.Fact("stopped", stopped(result)));
        facts.add(new SimulationPage.Fact("final", String.format(Locale.ROOT, "mu = %.6f, sigma = %.6f (x*: %.6f, "
                + "%.6f), gap %.4e, spread %.4e", last.fit().mu(), last.fit().sigma(), result.equilibriumFit().mu(),
                result.equilibriumFit().sigma(), last.arbitrageGap(), last.utilitySpread())));
        double[] lnStrength = result.game().bins().lnStrength();
        double[] predicted = result.equilibriumShares();
        List<Replay.Moment> moments = Replay.moments(result);
        List<SimulationPage.Distribution> distributions = new ArrayList<>();
        for (int i = 0; i < moments.size(); i++) {
            Replay.Moment moment = moments.get(i);
            String when = "sweep " + n(moment.time());
            String label = i == 0 ? "start (" + when + ")" : i == moments.size() - 1 ? "final (" + when + ")" : when;
            distributions.add(new SimulationPage.Distribution(label, lnStrength, moment.shares(), predicted));
        }
        String title = "simulate: " + result.options().dynamics().label() + ", "
                + String.format(Locale.ROOT, "M = %,d", result.options().agents())
                + (source != null ? ", from " + source.layer() : "");
        return new SimulationPage.Input(title, facts, time, potential, gap, result.game().equilibrium().potential(),
                distributions);
    }

    /** The JSON report. */
    public void writeJson(SimulationResult result, Writer writer) throws IOException {
        Game played = result.game();
        SimulationOptions options = result.options();
        Json.report(writer, out -> {
            out.writeObjectFieldStart("game");
            out.writeArrayFieldStart("kinds");
            for (SubPopulation kind : played.populations()) {
                out.writeStartObject();
                Json.game(out, kind.game());
                number(out, "share", kind.share());
                out.writeEndObject();
            }
            out.writeEndArray();
            Json.bins(out, played.bins());
            Json.optionalObject(out, "budget", played.budget(), (budget, json) -> {
                number(json, "total", budget.meanStrength() * options.agents());
                number(json, "perAgent", budget.meanStrength());
                number(json, "multiplier", budget.multiplier());
            });
            out.writeEndObject();
            writeOptions(out, options);
            writeSource(out);
            out.writeObjectFieldStart("conventions");
            out.writeStringField("dynamics", options.dynamics().rule());
            out.writeStringField("time", options.dynamics().agents() ? "sweeps: M revisions each"
                    : "sweeps: units of time of the replicator");
            out.writeStringField("potential", options.dynamics().agents()
                    ? "exact: (sum M_k u_k + ln(M!/prod M_k!)) / M" : "large M: sum x_k u_k + H(x)");
            out.writeStringField("arbitrageGap", "phi* - phi of the large-M potential, KL(x || x*) for one kind, nats");
            out.writeStringField("utilitySpread", "count-weighted std of h = u - ln M_k about each kind's mean");
            out.writeStringField("fit", "mu, sigma = count-weighted mean and std (ddof 0) of ln w_k");
            out.writeEndObject();
            out.writeObjectFieldStart("prediction");
            number(out, "mu", result.prediction().mu());
            number(out, "sigma", result.prediction().sigma());
            out.writeEndObject();
            out.writeObjectFieldStart("equilibrium");
            number(out, "mu", result.equilibriumFit().mu());
            number(out, "sigma", result.equilibriumFit().sigma());
            number(out, "potential", played.equilibrium().potential());
            out.writeEndObject();
            out.writeArrayFieldStart("trace");
            for (Snapshot s : result.trace()) {
                writeSnapshot(out, s);
            }
            out.writeEndArray();
            out.writeObjectFieldStart("stop");
            out.writeStringField("reason", result.stopReason().label());
            number(out, "time", result.last().time());
            out.writeNumberField("revisions", result.revisions());
            out.writeNumberField("moves", result.last().moves());
            out.writeFieldName("shockTime");
            if (result.shockTime().isPresent()) {
                out.writeNumber(result.shockTime().getAsDouble());
            } else {
                out.writeNull();
            }
            out.writeEndObject();
            out.writeFieldName("final");
            writeSnapshot(out, result.last());
            out.writeArrayFieldStart("bins");
            double[] shares = result.finalShares();
            double[] equilibrium = result.equilibriumShares();
            for (int k = 0; k < shares.length; k++) {
                out.writeStartObject();
                number(out, "w", played.bins().strength(k));
                number(out, "lnW", played.bins().lnStrength(k));
                number(out, "share", shares[k]);
                number(out, "equilibrium", equilibrium[k]);
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    /** The layer started from, or null. */
    private void writeSource(JsonGenerator out) throws IOException {
        out.writeFieldName("from");
        if (source == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        out.writeStringField("model", source.model().toString());
        out.writeStringField("layer", source.layer());
        out.writeStringField("tensor", source.tensor());
        out.writeNumberField("weights", source.weights());
        number(out, "mu", source.mu());
        number(out, "sigma", source.sigma());
        number(out, "outsideGrid", source.outsideShare());
        out.writeEndObject();
    }

    private static void writeOptions(JsonGenerator out, SimulationOptions options) throws IOException {
        out.writeObjectFieldStart("options");
        out.writeNumberField("agents", options.agents());
        out.writeStringField("dynamics", options.dynamics().label());
        if (options.dynamics() instanceof Dynamics.Logit logit) {
            number(out, "temperature", logit.temperature());
        }
        if (options.dynamics() instanceof Dynamics.Replicator replicator) {
            number(out, "step", replicator.step());
        }
        out.writeStringField("start", options.start().label());
        out.writeNumberField("seed", options.seed());
        out.writeNumberField("maxSweeps", options.sweepLimit());
        number(out, "tolerance", options.gapTolerance());
        Json.optionalObject(out, "shock", options.shock(), (shock, json) -> {
            json.writeNumberField("sweep", shock.sweep());
            number(json, "fraction", shock.fraction());
        });
        out.writeEndObject();
    }

    private static void writeSnapshot(JsonGenerator out, Snapshot s) throws IOException {
        out.writeStartObject();
        number(out, "time", s.time());
        out.writeNumberField("moves", s.moves());
        number(out, "potential", s.potential());
        number(out, "arbitrageGap", s.arbitrageGap());
        number(out, "utilitySpread", s.utilitySpread());
        number(out, "meanStrength", s.meanStrength());
        number(out, "mu", s.fit().mu());
        number(out, "sigma", s.fit().sigma());
        if (!s.kindFits().isEmpty()) {
            out.writeArrayFieldStart("kinds");
            for (MagnitudeFit fit : s.kindFits()) {
                out.writeStartObject();
                number(out, "mu", fit.mu());
                number(out, "sigma", fit.sigma());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }
}
