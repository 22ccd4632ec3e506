package org.jaynes.report.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.SetAside;
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
 * Writes an analysis as JSON: {@code {"tool", "model", "options", "conventions", "layers", "setAside",
 * "pooled"}}. Numbers are written in full precision with '.' whatever the locale; values that are not
 * finite (the mean of an empty population) are written as null.
 */
public final class JsonReportWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final String toolVersion;

    public JsonReportWriter(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public void write(AnalysisResult result, Writer out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeObjectFieldStart("tool");
            json.writeStringField("name", "jaynes");
            json.writeStringField("version", toolVersion);
            json.writeEndObject();

            json.writeObjectFieldStart("model");
            json.writeStringField("path", result.model().path());
            json.writeStringField("format", result.model().format().label());
            json.writeNumberField("parameters", result.model().parameters());
            json.writeNumberField("tensors", result.model().tensors());
            json.writeEndObject();

            writeOptions(json, result.options());
            writeConventions(json, result.options());

            json.writeArrayFieldStart("layers");
            for (LayerResult layer : result.layers()) {
                writeLayer(json, layer);
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

            json.writeFieldName("pooled");
            json.writeStartObject();
            writeStats(json, result.pooled().stats());
            writeMicrostructure(json, result.pooled());
            json.writeEndObject();
            writeUniversality(json, result.universality());
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writeOptions(JsonGenerator json, AnalysisOptions options) throws IOException {
        json.writeObjectFieldStart("options");
        json.writeNumberField("minElements", options.minElements());
        json.writeFieldName("include");
        if (options.include().isPresent()) {
            json.writeString(options.include().get().pattern());
        } else {
            json.writeNull();
        }
        json.writeFieldName("exclude");
        if (options.exclude().isPresent()) {
            json.writeString(options.exclude().get().pattern());
        } else {
            json.writeNull();
        }
        json.writeStringField("normalize", options.normalization().label());
        json.writeNumberField("bins", options.bins());
        json.writeStringField("binConvention", options.convention().label());
        json.writeStringField("baseline", options.baseline().label());
        json.writeNumberField("seed", options.seed());
        json.writeNumberField("threads", options.threads());
        json.writeEndObject();
    }

    /** The conventions of THEORY.md that this report used, stated so a reader need not guess. */
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

    private static void writeLayer(JsonGenerator json, LayerResult layer) throws IOException {
        json.writeStartObject();
        writeTensor(json, layer.tensor());
        writeStats(json, layer.stats());
        writeMicrostructure(json, layer);
        if (layer.baseline().isPresent()) {
            json.writeFieldName("baseline");
            writeLayer(json, layer.baseline().get());
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
        json.writeFieldName("best");
        if (comparison.best().isPresent()) {
            json.writeString(comparison.best().get().key());
        } else {
            json.writeNull();
        }
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

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }
}
