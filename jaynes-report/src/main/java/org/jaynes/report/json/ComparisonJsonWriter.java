package org.jaynes.report.json;

import static org.jaynes.report.json.JsonOutput.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.ModelComparison;

/**
 * Writes a comparison of models as JSON: {@code {"tool", "options", "models": [{"label", "path", "format",
 * "parameters", "populations", "lognormalBestFraction", "sigmaMean", "sigmaStd", "muMean", "muStd",
 * "gapMean", "series": [{"depth", "sigma", "normalizedMu", "arbitrageGap"}]}]}}. μ is relative to
 * {@code options.normalize}. Numbers in full precision with '.' whatever the locale; values that are not
 * finite (means over no populations) as null. Thread-safe.
 */
public final class ComparisonJsonWriter {

    private final String toolVersion;

    public ComparisonJsonWriter(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    /** Writes the comparison to {@code out}; does not close it. */
    public void write(ModelComparison comparison, AnalysisOptions options, Writer out) throws IOException {
        try (JsonGenerator json = JsonOutput.open(out)) {
            json.writeStartObject();
            JsonOutput.tool(json, toolVersion);

            json.writeObjectFieldStart("options");
            json.writeNumberField("minElements", options.minElements());
            pattern(json, "include", options.include());
            pattern(json, "exclude", options.exclude());
            json.writeStringField("normalize", comparison.normalization().label());
            json.writeNumberField("bins", options.bins());
            json.writeStringField("binConvention", options.convention().label());
            json.writeEndObject();

            json.writeArrayFieldStart("models");
            for (ModelComparison.Entry entry : comparison.models()) {
                writeEntry(json, entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeEntry(JsonGenerator json, ModelComparison.Entry entry) throws IOException {
        ModelComparison.Summary s = entry.summary();
        json.writeStartObject();
        json.writeStringField("label", s.label());
        json.writeStringField("path", s.path());
        json.writeStringField("format", s.format().label());
        json.writeNumberField("parameters", s.parameters());
        json.writeNumberField("populations", s.populations());
        number(json, "lognormalBestFraction", s.lognormalBestFraction());
        number(json, "sigmaMean", s.sigmaMean());
        number(json, "sigmaStd", s.sigmaStd());
        number(json, "muMean", s.muMean());
        number(json, "muStd", s.muStd());
        number(json, "gapMean", s.gapMean());
        json.writeArrayFieldStart("series");
        for (ModelComparison.DepthPoint point : entry.series()) {
            json.writeStartObject();
            number(json, "depth", point.relativeDepth());
            number(json, "sigma", point.sigma());
            number(json, "normalizedMu", point.normalizedMu());
            number(json, "arbitrageGap", point.arbitrageGap());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void pattern(JsonGenerator json, String name, Optional<Pattern> pattern) throws IOException {
        if (pattern.isPresent()) {
            json.writeStringField(name, pattern.get().pattern());
        } else {
            json.writeNullField(name);
        }
    }
}
