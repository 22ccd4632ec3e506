package org.jaynes.survey;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.Baseline;
import org.jaynes.core.stats.Normalization;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.report.json.JsonReportWriter;

/**
 * The analysis options of a survey as JSON, in the shape of a report's {@code "options"} (written by
 * {@link JsonReportWriter#writeOptions}, so the two cannot drift apart), and read back from it: the
 * manifest states them, a rebuild reads them, and a model's key holds those that change the numbers.
 */
final class SurveyOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SurveyOptions() {
    }

    /** {@code options} as a report's {@code "options"} object. */
    static ObjectNode json(AnalysisOptions options) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(text)) {
            json.writeStartObject();
            JsonReportWriter.writeOptions(json, options);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        try {
            return (ObjectNode) JSON.readTree(text.toString()).get("options");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The options that change a report's numbers, as compact JSON: all of them but the threads, which
     * change none (a report made on other threads is still current).
     */
    static String keyText(AnalysisOptions options) {
        ObjectNode json = json(options);
        json.remove("threads");
        return json.toString();
    }

    /**
     * The options stated by {@code json} (a manifest's or a report's {@code "options"}).
     *
     * @throws IllegalArgumentException when a value is missing or not one the command line accepts
     */
    static AnalysisOptions read(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("no \"options\" object");
        }
        return AnalysisOptions.DEFAULTS.withMinElements(json.path("minElements").asLong(0))
                .withInclude(pattern(json.path("include"))).withExclude(pattern(json.path("exclude")))
                .withNormalization(Normalization.valueOf(upper(json, "normalize")))
                .withBins(json.path("bins").asInt(0))
                .withConvention(BinConvention.valueOf(upper(json, "binConvention")))
                .withBaseline(Baseline.valueOf(upper(json, "baseline")))
                .withSeed(json.path("seed").asLong())
                .withThreads(json.path("threads").asInt(AnalysisOptions.DEFAULTS.threads()));
    }

    private static Pattern pattern(JsonNode value) {
        try {
            return value.isTextual() ? Pattern.compile(value.asText()) : null;
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + value.asText(), e);
        }
    }

    private static String upper(JsonNode json, String field) {
        return json.path(field).asText().toUpperCase(Locale.ROOT);
    }
}
