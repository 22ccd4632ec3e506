package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jaynes.cli.output.Json;
import org.jaynes.cli.output.Numbers;
import org.jaynes.dynamics.boltzmann.Annealing;
import org.jaynes.dynamics.boltzmann.AnnealingSchedule;
import org.jaynes.report.html.NeuronGameInput;

/** What {@code jaynes boltzmann} reports of a spin glass: the text, the page's input and the JSON. */
public final class SpinGlassReport {

    private SpinGlassReport() {
    }

    /** Gibbs sampling at T and annealing of one SK spin glass. */
    public record Run(int neurons, double temperature, int sweeps, AnnealingSchedule schedule, long seed,
                             double meanEnergy, double meanMagnetisation, double quenchEnergy,
                             Annealing.Result annealed) {
    }

    public static void print(Run r, PrintWriter out) {
        out.printf(Locale.ROOT, "Sherrington-Kirkpatrick spin glass: N = %d, w ~ N(0, 1/N), seed %d%n", r.neurons(),
                r.seed());
        out.printf(Locale.ROOT, "Gibbs sampling (logit response) at T = %s, %d sweeps after %d of burn-in:%n",
                Numbers.n(r.temperature()), r.sweeps(), r.sweeps() / 10);
        out.printf(Locale.ROOT, "  mean energy per neuron %.6f, mean |magnetisation| %.6f%n",
                r.meanEnergy() / r.neurons(), r.meanMagnetisation());
        out.printf(Locale.ROOT, "zero-temperature quench (best response) from the start: energy per neuron %.6f%n",
                r.quenchEnergy() / r.neurons());
        out.printf(Locale.ROOT, "annealing T = %s -> %s over %d sweeps, then best response: energy per neuron %.6f "
                + "(%s)%n", Numbers.n(r.schedule().initialTemperature()),
                Numbers.n(r.schedule().finalTemperature()), r.schedule().sweeps(),
                r.annealed().energy() / r.neurons(), r.annealed().quench().end().label());
    }

    public static NeuronGameInput page(Run r) {
        AnnealingSchedule s = r.schedule();
        List<String> findings = List.of(
                String.format(Locale.ROOT, "Gibbs sampling at T = %s: mean energy per neuron %.6f, mean "
                        + "|magnetisation| %.6f.", Numbers.n(r.temperature()), r.meanEnergy() / r.neurons(),
                        r.meanMagnetisation()),
                String.format(Locale.ROOT, "Zero-temperature quench from the start: energy per neuron %.6f.",
                        r.quenchEnergy() / r.neurons()),
                String.format(Locale.ROOT, "Annealing T = %s → %s over %d sweeps, then best response: energy per "
                        + "neuron %.6f (%s).", Numbers.n(s.initialTemperature()),
                        Numbers.n(s.finalTemperature()), s.sweeps(), r.annealed().energy() / r.neurons(),
                        r.annealed().quench().end().label()));
        String label = "annealing T " + Numbers.n(s.initialTemperature()) + " → "
                + Numbers.n(s.finalTemperature());
        return new NeuronGameInput("Boltzmann machine · spin glass", String.format(Locale.ROOT,
                "Sherrington–Kirkpatrick spin glass, N = %d", r.neurons()), List.of(
                Map.entry("neurons", Integer.toString(r.neurons())),
                Map.entry("temperature", Numbers.n(r.temperature())),
                Map.entry("sweeps", Integer.toString(r.sweeps())),
                Map.entry("anneal", Arrays.stream(new String[] {Numbers.n(s.initialTemperature()),
                        Numbers.n(s.finalTemperature()), Integer.toString(s.sweeps())})
                        .collect(Collectors.joining(":"))),
                Map.entry("seed", Long.toString(r.seed()))),
                findings, List.of(new NeuronGameInput.Trace(label, r.annealed().energyTrace())), Optional.empty(),
                Optional.empty());
    }

    public static void writeJson(Run r, Writer writer) throws IOException {
        Json.report(writer, out -> {
            out.writeObjectFieldStart("options");
            out.writeNumberField("neurons", r.neurons());
            number(out, "temperature", r.temperature());
            out.writeNumberField("sweeps", r.sweeps());
            out.writeNumberField("seed", r.seed());
            out.writeStringField("couplings", "Sherrington-Kirkpatrick, w ~ N(0, 1/N), no thresholds");
            out.writeEndObject();
            out.writeObjectFieldStart("gibbs");
            number(out, "meanEnergy", r.meanEnergy());
            number(out, "meanAbsMagnetisation", r.meanMagnetisation());
            out.writeEndObject();
            number(out, "quenchEnergy", r.quenchEnergy());
            out.writeObjectFieldStart("annealing");
            number(out, "initialTemperature", r.schedule().initialTemperature());
            number(out, "finalTemperature", r.schedule().finalTemperature());
            out.writeNumberField("sweeps", r.schedule().sweeps());
            number(out, "finalEnergy", r.annealed().energy());
            out.writeStringField("end", r.annealed().quench().end().label());
            out.writeArrayFieldStart("trace");
            double[] t = r.annealed().temperatures();
            double[] e = r.annealed().energyTrace();
            for (int i = 0; i < t.length; i++) {
                out.writeStartObject();
                number(out, "temperature", t[i]);
                number(out, "energy", e[i]);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }
}
