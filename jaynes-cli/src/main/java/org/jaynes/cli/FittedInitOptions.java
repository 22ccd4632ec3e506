package org.jaynes.cli;

import static org.jaynes.cli.TheoryCommand.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.nn.init.FittedMu;
import org.jaynes.nn.init.FittedSource;
import org.jaynes.nn.init.Initializer;
import org.jaynes.nn.init.LayerPosition;
import org.jaynes.nn.init.SignedLognormal;
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
        try {
            return Initializer.parse(name, sigma);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The law of each weight layer of an MLP of {@code widths}. */
    private static SignedLognormal law(Initializer.Fitted fitted, int[] widths, int layer) {
        return fitted.lawAt(new LayerPosition(layer, widths.length - 1, widths[layer], widths[layer + 1]));
    }

    /** One line per layer: ours, the source layer it was drawn from with its fit, and the μ drawn with. */
    static void print(Initializer.Fitted fitted, int[] widths, List<String> names, PrintWriter out) {
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
    static void writeJson(Initializer.Fitted fitted, int[] widths, List<String> names, JsonGenerator out)
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
