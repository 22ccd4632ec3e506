package org.jaynes.formats.tfjs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.json.Json;

/**
 * Parses the {@code weightsManifest} of a TF.js {@code model.json} with Jackson's streaming parser: the
 * rest of the file (the model topology, which can be megabytes) is skipped token by token, so memory
 * is the manifest's. A file that is a JSON array is a weights manifest alone (the
 * {@code *-weights_manifest.json} that {@code @vladmandic/face-api} ships instead of a model.json): the
 * same array of groups, with the same checks, and nothing after it. Every JSON type is checked, dtypes are resolved with the rules of tfjs-core's
 * {@code decodeWeight} (uint8/uint16 quantization needs {@code min} and {@code scale} and a float32 or
 * int32 weight; float16 only a float32 weight), and every error names the byte of model.json where it is.
 * Each weight and shard path is charged to a {@link MetadataBudget} as it is met, so a model.json within
 * the size limit cannot list more weights than the heap holds; a weight name listed twice is refused
 * (tfjs would keep one of the two values). Not thread-safe: one parser per file.
 */
final class ManifestParser {

    static final String TOO_LARGE = "the file is %d bytes, more than the %d bytes jaynes reads as a model.json";
    static final String NOT_JSON = "not valid JSON: %s";
    static final String NOT_UTF8 = "not UTF-8 JSON: it has %s here";
    static final String NOT_OBJECT = "neither a JSON object (a TF.js model.json) nor an array (a TF.js weights "
            + "manifest)";
    static final String AFTER_MANIFEST = "JSON after the weights manifest's closing bracket";
    static final String NO_MANIFEST = "no \"weightsManifest\": not a TF.js model.json";
    static final String WRONG_TYPE = "%s is a JSON %s, expected %s";
    static final String MISSING = "%s has no \"%s\"";
    static final String UNKNOWN_DTYPE = "weight %s has unknown dtype \"%s\"; accepted: %s";
    static final String UNKNOWN_QUANTIZATION = "weight %s has unknown quantization dtype \"%s\"; accepted: %s";
    static final String NO_AFFINE = "weight %s is quantized to %s but has no \"%s\"";
    static final String NOT_QUANTIZABLE = "weight %s of dtype %s cannot be quantized to %s";
    static final String BAD_NUMBER = "weight %s: quantization \"%s\" is %s, expected a finite number";
    static final String BAD_DIMENSION = "%s: shape dimension %d is %s, expected a non-negative integer";
    static final String RANK_TOO_HIGH = "%s: shape has more than %d dimensions";
    static final String TOO_MANY_ELEMENTS = "weight %s: shape %s has more than 2^63 elements";
    static final String DUPLICATE_WEIGHT = "weight %s is listed twice (first at byte %d); a model has one value "
            + "per weight name";

    /** The largest model.json read: topologies of real models are a few megabytes. */
    static final long MAX_JSON_BYTES = 1L << 28;

    /** The most dimensions a shape may have, as in numpy. */
    static final int MAX_RANK = 64;

    /** How many first bytes tell Jackson the encoding. */
    private static final int UTF8_CHECKED = 4;

    private static final String WEIGHT = "weight";
    private static final String SHARD_PATH = "shard path";

    private final Path file;
    private final MetadataBudget budget;
    /** The byte where each weight name was first seen. */
    private final Map<String, Long> names = new HashMap<>();
    private JsonParser parser;

    private ManifestParser(Path file, MetadataBudget budget) {
        this.file = file;
        this.budget = budget;
    }

    /** The manifest of {@code file}, its weights and shard paths within a quarter of the heap. */
    static TfjsManifest parse(Path file) throws IOException, ModelFormatException {
        return parse(file, MetadataBudget.ofHeap());
    }

    /** The manifest of {@code file}, its weights and shard paths charged to {@code budget}. */
    static TfjsManifest parse(Path file, MetadataBudget budget) throws IOException, ModelFormatException {
        return new ManifestParser(file, budget).manifest();
    }

    private TfjsManifest manifest() throws IOException, ModelFormatException {
        long size = Files.size(file);
        if (size > MAX_JSON_BYTES) {
            throw ModelFormatException.at(file, ModelFormatException.NO_OFFSET, TOO_LARGE, size, MAX_JSON_BYTES);
        }
        try (InputStream in = utf8(new BufferedInputStream(Files.newInputStream(file)));
             JsonParser p = Json.FACTORY.createParser(in)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                // a weights manifest alone (face-api's *-weights_manifest.json): model.json's weightsManifest
                TfjsManifest manifest = groups();
                if (p.nextToken() != null) {
                    throw error(tokenAt(), AFTER_MANIFEST);
                }
                return manifest;
            }
            if (first != JsonToken.START_OBJECT) {
                throw error(0, NOT_OBJECT);
            }
            TfjsManifest manifest = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("weightsManifest") && manifest == null) {
                    manifest = groups();
                } else {
                    p.skipChildren();
                }
            }
            if (manifest == null) {
                throw error(0, NO_MANIFEST);
            }
            return manifest;
        } catch (JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            int newline = message.indexOf('\n');
            long at = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            throw error(at, NOT_JSON, MessageText.reason(newline < 0 ? message : message.substring(0, newline)));
        } catch (CharConversionException e) {
            // Jackson's decoders of other encodings report bad input so; refused above, kept as a guard
            throw error(0, NOT_JSON, MessageText.reason(String.valueOf(e.getMessage())));
        }
    }

    /**
     * {@code in}, after checking that its first bytes are those of UTF-8 text: JSON files are UTF-8, and
     * Jackson, given a NUL among the first four bytes or a UTF-16 byte-order mark, would read the file as
     * UTF-16 or UTF-32 (with char offsets, and failing with exceptions of its own).
     */
    private InputStream utf8(BufferedInputStream in) throws IOException, ModelFormatException {
        in.mark(UTF8_CHECKED);
        byte[] first = in.readNBytes(UTF8_CHECKED);
        in.reset();
        if (first.length >= 2 && ((first[0] & 0xff) == 0xfe && (first[1] & 0xff) == 0xff
                || (first[0] & 0xff) == 0xff && (first[1] & 0xff) == 0xfe)) {
            throw error(0, NOT_UTF8, "a UTF-16 byte-order mark");
        }
        for (int i = 0; i < first.length; i++) {
            if (first[i] == 0) {
                throw error(i, NOT_UTF8, "a NUL byte");
            }
        }
        return in;
    }

    private TfjsManifest groups() throws IOException, ModelFormatException {
        expect(JsonToken.START_ARRAY, "\"weightsManifest\"", "an array of groups");
        List<TfjsManifest.Group> groups = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            groups.add(group(groups.size()));
        }
        return new TfjsManifest(groups);
    }

    private TfjsManifest.Group group(int index) throws IOException, ModelFormatException {
        String what = "weightsManifest group " + index;
        long at = tokenAt();
        expect(JsonToken.START_OBJECT, what, "an object");
        List<String> paths = null;
        List<Long> pathOffsets = new ArrayList<>();
        List<TfjsManifest.Weight> weights = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("paths") && paths == null) {
                expect(JsonToken.START_ARRAY, what + " \"paths\"", "an array of file names");
                paths = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    expect(JsonToken.VALUE_STRING, what + " path " + paths.size(), "a file name");
                    budget.chargeEntry(file, tokenAt(), SHARD_PATH, parser.getText());
                    pathOffsets.add(tokenAt());
                    paths.add(parser.getText());
                }
            } else if (field.equals("weights") && weights == null) {
                expect(JsonToken.START_ARRAY, what + " \"weights\"", "an array of weights");
                weights = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    weights.add(weight(what + " weight " + weights.size()));
                }
            } else {
                parser.skipChildren();
            }
        }
        if (paths == null) {
            throw error(at, MISSING, what, "paths");
        }
        if (weights == null) {
            throw error(at, MISSING, what, "weights");
        }
        return new TfjsManifest.Group(paths, pathOffsets, weights);
    }

    private TfjsManifest.Weight weight(String what) throws IOException, ModelFormatException {
        long at = tokenAt();
        expect(JsonToken.START_OBJECT, what, "an object");
        String name = null;
        List<Long> dims = null;
        String dtype = null;
        String quantizedType = null;
        double min = Double.NaN;
        double scale = Double.NaN;
        boolean quantized = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "name" -> name = text(what + " \"name\"");
                case "dtype" -> dtype = text(what + " \"dtype\"");
                case "shape" -> dims = dims(name == null ? what : "weight " + name);
                case "quantization" -> {
                    expect(JsonToken.START_OBJECT, what + " \"quantization\"", "an object");
                    quantized = true;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        parser.nextToken();
                        switch (key) {
                            case "dtype" -> quantizedType = text(what + " quantization \"dtype\"");
                            case "min" -> min = number(name == null ? what : name, "min");
                            case "scale" -> scale = number(name == null ? what : name, "scale");
                            default -> parser.skipChildren();
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (name == null) {
            throw error(at, MISSING, what, "name");
        }
        budget.chargeEntry(file, at, WEIGHT, name);
        budget.charge(file, at, dims == null ? 0 : (long) Long.BYTES * dims.size(), WEIGHT, name);
        Long first = names.putIfAbsent(name, at);
        if (first != null) {
            throw error(at, DUPLICATE_WEIGHT, name, first);
        }
        if (dims == null) {
            throw error(at, MISSING, "weight " + name, "shape");
        }
        if (dtype == null) {
            throw error(at, MISSING, "weight " + name, "dtype");
        }
        Shape shape = Shape.of(dims);
        if (!shape.isCountable()) {
            throw error(at, TOO_MANY_ELEMENTS, name, shape);
        }
        String weightName = name;
        String label = dtype;
        TfjsType type = TfjsType.weight(dtype)
                .orElseThrow(() -> error(at, UNKNOWN_DTYPE, weightName, Json.shortened(label), TfjsType.accepted(true)));
        TfjsManifest.Quantization quantization = null;
        if (quantized) {
            quantization = quantization(name, at, type, quantizedType, min, scale);
        }
        return new TfjsManifest.Weight(name, shape, type, quantization, at);
    }

    private TfjsManifest.Quantization quantization(String name, long at, TfjsType type, String label, double min,
            double scale) throws ModelFormatException {
        if (label == null) {
            throw error(at, MISSING, "the quantization of weight " + name, "dtype");
        }
        TfjsType stored = TfjsType.quantized(label)
                .orElseThrow(() -> error(at, UNKNOWN_QUANTIZATION, name, Json.shortened(label), TfjsType.accepted(false)));
        if (stored == TfjsType.FLOAT16) {
            if (type != TfjsType.FLOAT32) {
                throw error(at, NOT_QUANTIZABLE, name, type.label(), stored.label());
            }
            return new TfjsManifest.Quantization(stored, 0, 1);
        }
        if (type != TfjsType.FLOAT32 && type != TfjsType.INT32) {
            throw error(at, NOT_QUANTIZABLE, name, type.label(), stored.label());
        }
        if (Double.isNaN(min) || Double.isNaN(scale)) {
            throw error(at, NO_AFFINE, name, stored.label(), Double.isNaN(min) ? "min" : "scale");
        }
        return new TfjsManifest.Quantization(stored, min, scale);
    }

    private List<Long> dims(String what) throws IOException, ModelFormatException {
        expect(JsonToken.START_ARRAY, what + " \"shape\"", "an array of integers");
        List<Long> dims = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (dims.size() == MAX_RANK) {
                throw error(tokenAt(), RANK_TOO_HIGH, what, MAX_RANK);
            }
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || parser.getLongValue() < 0) {
                throw error(tokenAt(), BAD_DIMENSION, what, dims.size(), Json.value(parser));
            }
            dims.add(parser.getLongValue());
        }
        return dims;
    }

    private double number(String name, String field) throws IOException, ModelFormatException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (Double.isFinite(value)) {
                return value;
            }
        }
        throw error(tokenAt(), BAD_NUMBER, name, field, Json.value(parser));
    }

    private String text(String what) throws IOException, ModelFormatException {
        expect(JsonToken.VALUE_STRING, what, "a string");
        return parser.getText();
    }

    private void expect(JsonToken wanted, String what, String description) throws IOException, ModelFormatException {
        JsonToken token = parser.currentToken();
        if (token != wanted) {
            throw error(tokenAt(), WRONG_TYPE, what, Json.kind(token), description);
        }
    }

    private long tokenAt() {
        return Math.max(0, parser.currentTokenLocation().getByteOffset());
    }

    private ModelFormatException error(long offset, String template, Object... args) {
        return ModelFormatException.at(file, offset, template, args);
    }
}
