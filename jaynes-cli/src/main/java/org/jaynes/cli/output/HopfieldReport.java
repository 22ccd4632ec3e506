package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jaynes.cli.output.Json;
import org.jaynes.cli.output.Numbers;
import org.jaynes.dynamics.hopfield.Capacity;
import org.jaynes.dynamics.hopfield.CapacityOptions;
import org.jaynes.dynamics.hopfield.CapacityResult;
import org.jaynes.dynamics.hopfield.Probe;
import org.jaynes.dynamics.hopfield.Recall;
import org.jaynes.dynamics.hopfield.RecallOptions;
import org.jaynes.dynamics.hopfield.RecallResult;
import org.jaynes.dynamics.hopfield.Storage;
import org.jaynes.report.html.NeuronGameInput;

/** What {@code jaynes hopfield} reports of a recall and of the capacity experiment: text, page input, JSON. */
public final class HopfieldReport {

    private HopfieldReport() {
    }

    public static void printRecall(RecallResult r, PrintWriter out) {
        RecallOptions o = r.options();
        out.printf(Locale.ROOT, "Hopfield network: N = %d neurons, P = %d patterns (load %.4f; Hebbian limit 0.138), "
                + "%s storage, %s updates, seed %d%n", o.neurons(), o.patterns(), o.load(), o.storage().label(),
                o.order().label(), o.seed());
        out.printf(Locale.ROOT, "probes: %.1f %% of the bits flipped, relaxed by best response until no neuron gains%n%n",
                100 * o.noise());
        out.printf(Locale.ROOT, "%7s  %6s  %9s  %9s  %6s  %14s  %14s  %s%n", "pattern", "fixed", "overlap0",
                "overlap", "sweeps", "energy0", "energy", "end");
        for (Probe p : r.probes()) {
            double[] trace = p.relaxation().energyTrace();
            out.printf(Locale.ROOT, "%7d  %6s  %9.4f  %9.4f  %6d  %14.6f  %14.6f  %s%n", p.pattern(),
                    p.storedIsFixed() ? "yes" : "no", p.startOverlap(), p.finalOverlap(), p.relaxation().sweeps(),
                    trace[0], trace[trace.length - 1], p.relaxation().end().label());
        }
        out.printf(Locale.ROOT, "%nrecalled (overlap >= %.2f): %.4f   exact: %.4f   stored patterns fixed: %.4f   "
                + "mean overlap %.4f -> %.4f   mean sweeps %.2f%n", RecallOptions.RECALLED, r.recallRate(),
                r.exactRate(), r.fixedPatternRate(), r.meanStartOverlap(), r.meanFinalOverlap(), r.meanSweeps());
    }

    public static void printCapacity(CapacityResult r, PrintWriter out) {
        CapacityOptions o = r.options();
        out.printf(Locale.ROOT, "Hopfield capacity: %s storage, %d probes per point, noise %.3f, recalled = overlap "
                + ">= %.2f, seed %d%n%n", o.storage().label(), o.trials(), o.noise(), RecallOptions.RECALLED, o.seed());
        out.printf(Locale.ROOT, "%6s  %7s  %5s  %8s  %8s  %8s%n", "N", "load", "P", "recall", "fixed", "overlap");
        for (CapacityResult.Point p : r.points()) {
            out.printf(Locale.ROOT, "%6d  %7.4f  %5d  %8.4f  %8.4f  %8.4f%n", p.neurons(), p.load(), p.patterns(),
                    p.recallRate(), p.fixedPatternRate(), p.meanFinalOverlap());
        }
        out.println();
        for (int n : o.sizes()) {
            OptionalDouble critical = r.criticalLoad(n);
            out.printf(Locale.ROOT, "N = %d: recall falls through 1/2 at load %s (N -> infinity, Hebbian: %.3f)%n", n,
                    critical.isPresent() ? String.format(Locale.ROOT, "%.4f", critical.getAsDouble()) : "-",
                    CapacityResult.HEBBIAN_LIMIT);
        }
    }

    public static NeuronGameInput recallPage(RecallResult r) {
        RecallOptions o = r.options();
        List<NeuronGameInput.Trace> traces = new ArrayList<>();
        for (Probe p : r.probes()) {
            traces.add(new NeuronGameInput.Trace("pattern " + p.pattern() + (p.recalled() ? "" : " (not recalled)"),
                    p.relaxation().energyTrace()));
        }
        List<String> findings = List.of(
                String.format(Locale.ROOT, "%d of %d probes recalled (overlap ≥ %.2f), %d bit for bit; %d of the "
                        + "stored patterns are fixed points themselves.", r.probes().stream().filter(Probe::recalled)
                        .count(), r.probes().size(), RecallOptions.RECALLED, r.probes().stream().filter(Probe::exact)
                        .count(), r.probes().stream().filter(Probe::storedIsFixed).count()),
                String.format(Locale.ROOT, "Mean overlap with the stored pattern %.4f before relaxation, %.4f after; "
                        + "%.2f sweeps on average.", r.meanStartOverlap(), r.meanFinalOverlap(), r.meanSweeps()),
                String.format(Locale.ROOT, "Load P/N = %.4f; the Hebbian capacity is %.3f for N → ∞.", o.load(),
                        CapacityResult.HEBBIAN_LIMIT));
        return new NeuronGameInput("Hopfield network · recall", String.format(Locale.ROOT,
                "Recall of %d patterns in %d neurons", o.patterns(), o.neurons()), List.of(
                Map.entry("neurons", Integer.toString(o.neurons())),
                Map.entry("patterns", Integer.toString(o.patterns())),
                Map.entry("noise", Numbers.n(o.noise())),
                Map.entry("storage", o.storage().label()),
                Map.entry("update", o.order().label()),
                Map.entry("sweeps", Integer.toString(o.maxSweeps())),
                Map.entry("seed", Long.toString(o.seed()))),
                findings, traces, Optional.empty(), Optional.empty());
    }

    public static NeuronGameInput capacityPage(CapacityResult r) {
        CapacityOptions o = r.options();
        List<NeuronGameInput.Curve> curves = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (int n : o.sizes()) {
            List<CapacityResult.Point> points = r.points().stream().filter(p -> p.neurons() == n).toList();
            OptionalDouble critical = r.criticalLoad(n);
            curves.add(new NeuronGameInput.Curve("N = " + n, points.stream().mapToDouble(CapacityResult.Point::load)
                    .toArray(), points.stream().mapToDouble(CapacityResult.Point::recallRate).toArray(),
                    critical.orElse(Double.NaN)));
            findings.add(critical.isPresent()
                    ? String.format(Locale.ROOT, "N = %d: recall falls through ½ at load %.4f.", n,
                            critical.getAsDouble())
                    : String.format(Locale.ROOT, "N = %d: recall does not fall through ½ within the loads tried.", n));
        }
        findings.add(String.format(Locale.ROOT, "Hebbian storage holds about %.3f N patterns for N → ∞ (Amit, "
                + "Gutfreund and Sompolinsky 1987).", CapacityResult.HEBBIAN_LIMIT));
        String sizes = o.sizes().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        return new NeuronGameInput("Hopfield network · capacity", "Recall rate against load, N = " + sizes,
                List.of(Map.entry("storage", o.storage().label()),
                        Map.entry("sizes", sizes),
                        Map.entry("trials", Integer.toString(o.trials())),
                        Map.entry("noise", Numbers.n(o.noise())),
                        Map.entry("sweeps", Integer.toString(o.maxSweeps())),
                        Map.entry("seed", Long.toString(o.seed()))),
                findings, List.of(), Optional.of(new NeuronGameInput.Capacity(curves,
                        o.storage() == Storage.HEBBIAN ? CapacityResult.HEBBIAN_LIMIT : Double.NaN)),
                Optional.empty());
    }

    public static void writeRecall(RecallResult r, Writer writer) throws IOException {
        RecallOptions o = r.options();
        Json.report(writer, out -> {
            out.writeObjectFieldStart("options");
            out.writeNumberField("neurons", o.neurons());
            out.writeNumberField("patterns", o.patterns());
            number(out, "load", o.load());
            number(out, "noise", o.noise());
            out.writeStringField("storage", o.storage().label());
            out.writeStringField("update", o.order().label());
            out.writeNumberField("maxSweeps", o.maxSweeps());
            out.writeNumberField("seed", o.seed());
            out.writeEndObject();
            writeConventions(out);
            out.writeObjectFieldStart("recall");
            number(out, "recallRate", r.recallRate());
            number(out, "exactRate", r.exactRate());
            number(out, "fixedPatternRate", r.fixedPatternRate());
            number(out, "meanStartOverlap", r.meanStartOverlap());
            number(out, "meanFinalOverlap", r.meanFinalOverlap());
            number(out, "meanSweeps", r.meanSweeps());
            out.writeEndObject();
            out.writeArrayFieldStart("probes");
            for (Probe p : r.probes()) {
                out.writeStartObject();
                out.writeNumberField("pattern", p.pattern());
                out.writeBooleanField("storedIsFixedPoint", p.storedIsFixed());
                number(out, "startOverlap", p.startOverlap());
                number(out, "finalOverlap", p.finalOverlap());
                out.writeBooleanField("recalled", p.recalled());
                out.writeNumberField("sweeps", p.relaxation().sweeps());
                out.writeNumberField("flips", p.relaxation().flips());
                out.writeStringField("end", p.relaxation().end().label());
                out.writeArrayFieldStart("energyTrace");
                for (double e : p.relaxation().energyTrace()) {
                    out.writeNumber(e);
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    public static void writeCapacity(CapacityResult r, Writer writer) throws IOException {
        CapacityOptions o = r.options();
        Json.report(writer, out -> {
            out.writeObjectFieldStart("options");
            out.writeStringField("storage", o.storage().label());
            number(out, "noise", o.noise());
            out.writeNumberField("trials", o.trials());
            out.writeNumberField("maxSweeps", o.maxSweeps());
            out.writeNumberField("seed", o.seed());
            out.writeEndObject();
            writeConventions(out);
            number(out, "hebbianLimit", CapacityResult.HEBBIAN_LIMIT);
            out.writeArrayFieldStart("points");
            for (CapacityResult.Point p : r.points()) {
                out.writeStartObject();
                out.writeNumberField("neurons", p.neurons());
                number(out, "load", p.load());
                out.writeNumberField("patterns", p.patterns());
                out.writeNumberField("probes", p.probes());
                number(out, "recallRate", p.recallRate());
                number(out, "fixedPatternRate", p.fixedPatternRate());
                number(out, "meanFinalOverlap", p.meanFinalOverlap());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("criticalLoads");
            for (int n : o.sizes()) {
                out.writeStartObject();
                out.writeNumberField("neurons", n);
                OptionalDouble critical = r.criticalLoad(n);
                number(out, "load", critical.orElse(Double.NaN));
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    private static void writeConventions(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("conventions");
        out.writeStringField("game", "u_i = s_i (sum_j w_ij s_j + theta_i), potential phi = -E");
        out.writeStringField("dynamics", "best response: s_i <- sign h_i, h_i = 0 keeps s_i; asynchronous sweeps "
                + "in a random order");
        number(out, "recalledOverlap", RecallOptions.RECALLED);
        out.writeStringField("energy", "E = -1/2 sum_ij w_ij s_i s_j - sum_i theta_i s_i");
        out.writeEndObject();
    }
}
