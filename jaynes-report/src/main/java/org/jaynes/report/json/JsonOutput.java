package org.jaynes.report.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/**
 * What every JSON document jaynes writes shares: a pretty-printing generator that leaves its target open,
 * the {@code tool} object a report opens with, and numbers that are not finite written as null (JSON has
 * no NaN). Used by this package's writers and by the command-line reports.
 */
public final class JsonOutput {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonOutput() {
    }

    /** A pretty-printing generator on {@code out}; closing it flushes it and leaves {@code out} open. */
    public static JsonGenerator open(Writer out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.useDefaultPrettyPrinter();
        return json;
    }

    /** The {@code tool} object: {@code {"name": "jaynes", "version": version}}. */
    public static void tool(JsonGenerator json, String version) throws IOException {
        json.writeObjectFieldStart("tool");
        json.writeStringField("name", "jaynes");
        json.writeStringField("version", version);
        json.writeEndObject();
    }

    /** A number field; null when the value is not finite. */
    public static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }
}
