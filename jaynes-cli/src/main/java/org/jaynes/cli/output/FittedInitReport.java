package org.jaynes.cli.output;

import static org.jaynes.report.json.JsonOutput.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.jaynes.nn.init.FittedSource;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.init.LayerPosition;
import org.jaynes.nn.init.SignedLognormal;

/** How a report shows the {@code fitted} initialiser: which source layer each of ours was drawn from. */
public final class FittedInitReport {

    private FittedInitReport() {
    }

    /** The law of each weight layer of an MLP of {@code widths}. */
    private static SignedLognormal law(Initializer.Fitted fitted, int[] widths, int layer) {
        return fitted.lawAt(new LayerPosition(layer, widths.length - 1, widths[layer], widths[layer + 1]));
    }

    /** One line per layer: ours, the source layer it was drawn from with its fit, and the μ drawn with. */
    public static void print(Initializer.Fitted fitted, int[] widths, List<String> names, PrintWriter out) {
        int count = widths.length - 1;
        List<FittedSource.SourceLayer> sources = fitted.sources(count);
        out.printf(Locale.ROOT, "fitted      from %s, mu rule %s%n", fitted.source().model(), fitted.mu().label());
        for (int l = 0; l < count; l++) {
            FittedSource.SourceLayer s = sources.get(l);
            SignedLognormal law = law(fitted, widths, l);
            out.printf(Locale.ROOT, "            %-16s <- %s (%s, n %d): mu %.4f, sigma %.4f; drawn with mu %.4f%n",
                    names.get(l), s.name(), s.role().label(), s.n(), s.mu(), s.sigma(), law.mu());
        }
    }

    /** The same as a JSON array field {@code fitted}. */
    public static void writeJson(Initializer.Fitted fitted, int[] widths, List<String> names, JsonGenerator out)
            throws IOException {
        int count = widths.length - 1;
        List<FittedSource.SourceLayer> sources = fitted.sources(count);
        out.writeObjectFieldStart("fitted");
        out.writeStringField("model", fitted.source().model());
        out.writeStringField("muRule", fitted.mu().label());
        out.writeArrayFieldStart("layers");
        for (int l = 0; l < count; l++) {
            FittedSource.SourceLayer s = sources.get(l);
            out.writeStartObject();
            out.writeStringField("name", names.get(l));
            out.writeStringField("source", s.name());
            out.writeStringField("sourceRole", s.role().label());
            out.writeNumberField("sourceN", s.n());
            number(out, "sourceMu", s.mu());
            number(out, "sigma", s.sigma());
            number(out, "mu", law(fitted, widths, l).mu());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
