package org.jaynes.report.json;

import static org.jaynes.report.json.JsonOutput.number;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jaynes.core.analysis.ActivationInputs;
import org.jaynes.core.analysis.ActivationLayer;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.CaptureOptions;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.ModelSummary;
import org.jaynes.core.analysis.SetAside;
import org.jaynes.core.analysis.SetAsideSite;
import org.jaynes.core.analysis.TensorInfo;
import org.jaynes.core.analysis.UniversalitySummary;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.Fit;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.fit.Vuong;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.tensor.Role;
import org.jaynes.report.Conventions;
import org.jaynes.core.theory.NullModels;

/**
 * Writes an analysis as JSON: {@code {"tool", "kind", "model", "options", "conventions", "layers", "setAside",
 * "pooled", "universality"}}, described by {@code docs/report.schema.json}; {@code kind} is {@code weights} for
 * {@code analyze} and {@code activations} for the neuron outputs of {@code activations}. Numbers are written in full precision with '.' whatever the locale; values that are not
 * finite (the mean of an empty population) are written as null.
 */
public final class JsonReportWriter {

    private final String toolVersion;

    public JsonReportWriter(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public void write(AnalysisResult result, Writer out) throws IOException {
        try (JsonGenerator json = start(out, "weights", result.model(), result.options())) {
            json.writeArrayFieldStart("layers");
            for (LayerResult layer : result.layers()) {
                writeLayer(json, "weight", layer);
            }
            json.writeEndArray();

            json.writeArrayFieldStart("setAside");
            for (SetAside other : result.setAside()) {
                json.writeStartObject();
                writeTensor(json, other.tensor());
                json.writeStringField("reason", other.reason().description());
                json.writeEndObject();
            }
            json.writeEndArray();
            end(json, result.pooled(), result.universality());
        }
    }

    /**
     * Writes the neuron outputs of a model: the same fields as an analysis, with {@code "kind": "activations"},
     * the {@code inputs} the model was run on, and per layer the activation function, the count of negative
     * outputs and a summary of the paired weights.
     */
    public void write(ActivationResult result, Writer out) throws IOException {
        try (JsonGenerator json = start(out, "activations", result.model())) {
            writeOptions(json, result.capture());
            writeConventions(json, result.options());
            ActivationInputs inputs = result.inputs();
            json.writeObjectFieldStart("inputs");
            json.writeStringField("source", inputs.source());
            json.writeNumberField("inputs", inputs.inputs());
            json.writeNumberField("positions", inputs.positions());
            json.writeNumberField("batches", inputs.batches());
            optionalText(json, "warning", inputs.warning());
            json.writeEndObject();
            json.writeArrayFieldStart("layers");
            for (ActivationLayer layer : result.layers()) {
                json.writeStartObject();
                json.writeStringField("kind", "activation");
                json.writeStringField("function", layer.function());
                writeTensor(json, layer.result().tensor());
                writeStats(json, layer.result().stats());
                json.writeNumberField("negatives", layer.negatives());
                writeMicrostructure(json, layer.result());
                // The neuron game (docs/theory.md §3) has the connection game's form: (η, ζ) are its (α, β).
                number(json, "eta", layer.result().game().game().alpha());
                number(json, "zeta", layer.result().game().game().beta());
                json.writeFieldName("weights");
                if (layer.weights().isPresent()) {
                    writeWeightSummary(json, layer.weights().get());
                } else {
                    json.writeNull();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("setAside");
            for (SetAsideSite site : result.setAside()) {
                json.writeStartObject();
                json.writeStringField("name", site.name());
                json.writeStringField("tensor", site.tensor());
                json.writeStringField("function", site.function());
                json.writeStringField("reason", site.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            end(json, result.pooled(), result.universality());
        }
    }

    private JsonGenerator start(Writer out, String kind, ModelSummary model, AnalysisOptions options)
            throws IOException {
        JsonGenerator json = start(out, kind, model);
        writeOptions(json, options);
        writeConventions(json, options);
        return json;
    }

    /** Opens the report: the tool, the kind and the model; options and conventions follow. */
    private JsonGenerator start(Writer out, String kind, ModelSummary model) throws IOException {
        JsonGenerator json = JsonOutput.open(out);
        json.writeStartObject();
        JsonOutput.tool(json, toolVersion);
        json.writeStringField("kind", kind);

        json.writeObjectFieldStart("model");
        json.writeStringField("path", model.path());
        json.writeStringField("format", model.format().label());
        json.writeNumberField("parameters", model.parameters());
        json.writeNumberField("tensors", model.tensors());
        json.writeEndObject();
        return json;
    }

    private static void end(JsonGenerator json, LayerResult pooled, UniversalitySummary universality)
            throws IOException {
        json.writeFieldName("pooled");
        json.writeStartObject();
        writeStats(json, pooled.stats());
        writeMicrostructure(json, pooled);
        json.writeEndObject();
        writeUniversality(json, universality);
        json.writeEndObject();
        json.writeRaw('\n');
    }

    /** The weights beside an activation layer: who they are and the numbers to compare with its outputs. */
    private static void writeWeightSummary(JsonGenerator json, LayerResult weights) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", weights.tensor().name());
        json.writeStringField("role", weights.tensor().role().label());
        json.writeNumberField("n", weights.stats().n());
        number(json, "mu", weights.stats().mu());
        number(json, "sigma", weights.stats().sigma());
        number(json, "ks", weights.stats().ks());
        number(json, "arbitrageGap", weights.game().arbitrageGap());
        optionalText(json, "best", weights.fits().best().map(Family::key));
        json.writeEndObject();
    }

    /**
     * The field {@code "options"}: the options of an analysis as a report states them (a survey's manifest
     * states its options the same way).
     */
    public static void writeOptions(JsonGenerator json, AnalysisOptions options) throws IOException {
        json.writeObjectFieldStart("options");
        json.writeNumberField("minElements", options.minElements());
        optionalText(json, "include", options.include().map(Pattern::pattern));
        optionalText(json, "exclude", options.exclude().map(Pattern::pattern));
        json.writeStringField("normalize", options.normalization().label());
        json.writeNumberField("bins", options.bins());
        json.writeStringField("binConvention", options.convention().label());
        json.writeStringField("baseline", options.baseline().label());
        json.writeNumberField("seed", options.seed());
        json.writeNumberField("threads", options.threads());
        json.writeEndObject();
    }

    /** The options of a capture, as {@code activations} names them; null where they did not apply. */
    private static void writeOptions(JsonGenerator json, CaptureOptions options) throws IOException {
        json.writeObjectFieldStart("options");
        json.writeNumberField("batch", options.batch());
        optional(json, "maxLength", options.maxLength());
        optional(json, "rows", options.rows());
        optional(json, "seed", options.seed());
        json.writeNumberField("threads", options.threads());
        json.writeEndObject();
    }

    /** A whole-number field; null when {@code value} is empty. */
    private static void optional(JsonGenerator json, String field, Optional<? extends Number> value)
            throws IOException {
        json.writeFieldName(field);
        if (value.isPresent()) {
            json.writeNumber(value.get().longValue());
        } else {
            json.writeNull();
        }
    }

    /** A string field; null when {@code value} is empty. */
    private static void optionalText(JsonGenerator json, String field, Optional<String> value) throws IOException {
        json.writeFieldName(field);
        if (value.isPresent()) {
            json.writeString(value.get());
        } else {
            json.writeNull();
        }
    }

    /** The conventions of docs/theory.md that this report used, stated so a reader need not guess. */
    private static void writeConventions(JsonGenerator json, AnalysisOptions options) throws IOException {
        json.writeObjectFieldStart("conventions");
        for (Conventions.Convention convention : Conventions.of(options)) {
            json.writeStringField(convention.key(), convention.text());
        }
        json.writeObjectFieldStart("nullSigma");
        json.writeNumberField("gaussian", NullModels.GAUSSIAN_SIGMA);
        json.writeNumberField("laplace", NullModels.LAPLACE_SIGMA);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeLayer(JsonGenerator json, String kind, LayerResult layer) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", kind);
        writeTensor(json, layer.tensor());
        writeStats(json, layer.stats());
        writeMicrostructure(json, layer);
        if (layer.baseline().isPresent()) {
            json.writeFieldName("baseline");
            writeLayer(json, kind, layer.baseline().get());
        }
        json.writeEndObject();
    }

    private static void writeMicrostructure(JsonGenerator json, LayerResult layer) throws IOException {
        number(json, "normalizedMu", layer.normalizedMu());
        number(json, "r2", layer.r2());
        number(json, "alpha", layer.game().game().alpha());
        number(json, "beta", layer.game().game().beta());
        number(json, "utilitySpread", layer.game().utilitySpread());
        number(json, "arbitrageGap", layer.game().arbitrageGap());
        writeFits(json, layer.fits());
    }

    private static void writeFits(JsonGenerator json, FitComparison comparison) throws IOException {
        json.writeObjectFieldStart("fits");
        for (Map.Entry<Family, Fit> entry : comparison.fits().entrySet()) {
            Fit fit = entry.getValue();
            json.writeObjectFieldStart(entry.getKey().key());
            json.writeObjectFieldStart("params");
            for (Map.Entry<String, Double> parameter : fit.parameters().entrySet()) {
                number(json, parameter.getKey(), parameter.getValue());
            }
            json.writeEndObject();
            number(json, "loglik", fit.logLikelihood());
            number(json, "aic", fit.aic());
            number(json, "bic", fit.bic());
            number(json, "ks", fit.ks());
            number(json, "ksErrorBound", fit.ksErrorBound());
            json.writeEndObject();
        }
        json.writeEndObject();
        optionalText(json, "best", comparison.best().map(Family::key));
        json.writeObjectFieldStart("vuong");
        for (Map.Entry<Family, Vuong> entry : comparison.vuong().entrySet()) {
            json.writeObjectFieldStart(entry.getKey().key());
            number(json, "z", entry.getValue().z());
            number(json, "p", entry.getValue().p());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeStringField("verdict", comparison.verdict());
    }

    private static void writeUniversality(JsonGenerator json, UniversalitySummary universality) throws IOException {
        json.writeObjectFieldStart("universality");
        json.writeStringField("summary", universality.summary());
        json.writeFieldName("overall");
        writeSpread(json, universality.overall());
        json.writeObjectFieldStart("byRole");
        for (Map.Entry<Role, UniversalitySummary.Spread> entry : universality.byRole().entrySet()) {
            json.writeFieldName(entry.getKey().label());
            writeSpread(json, entry.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("best");
        for (Map.Entry<Family, Integer> entry : universality.bestCounts().entrySet()) {
            json.writeNumberField(entry.getKey().key(), entry.getValue());
        }
        json.writeEndObject();
        number(json, "lognormalBestFraction", universality.lognormalBestFraction());
        json.writeEndObject();
    }

    private static void writeSpread(JsonGenerator json, UniversalitySummary.Spread spread) throws IOException {
        json.writeStartObject();
        json.writeNumberField("layers", spread.layers());
        number(json, "sigmaMean", spread.sigmaMean());
        number(json, "sigmaStd", spread.sigmaStd());
        number(json, "normalizedMuMean", spread.muMean());
        number(json, "normalizedMuStd", spread.muStd());
        json.writeEndObject();
    }

    private static void writeTensor(JsonGenerator json, TensorInfo tensor) throws IOException {
        json.writeStringField("name", tensor.name());
        json.writeStringField("tensor", tensor.tensor());
        json.writeStringField("role", tensor.role().label());
        json.writeFieldName("shape");
        long[] dims = tensor.shape().dims();
        json.writeArray(dims, 0, dims.length);
        json.writeStringField("dtype", tensor.dtype().label());
    }

    private static void writeStats(JsonGenerator json, PopulationStats stats) throws IOException {
        json.writeNumberField("n", stats.n());
        json.writeNumberField("zeros", stats.zeros());
        json.writeNumberField("nonfinite", stats.nonfinite());
        number(json, "mean", stats.mean());
        number(json, "std", stats.std());
        number(json, "mu", stats.mu());
        number(json, "sigma", stats.sigma());
        number(json, "ks", stats.ks());
        number(json, "ksErrorBound", stats.ksErrorBound());
    }
}
