package org.jaynes.formats.safetensors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.MetadataBudget;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.json.Json;

/**
 * Parses the JSON header of one safetensors file into {@link HeaderEntry} values, in header order,
 * checking every entry's JSON types but not yet its offsets. {@code __metadata__} is skipped, as are
 * fields an entry has beyond {@code dtype}, {@code shape} and {@code data_offsets}. Every tensor is
 * charged to a {@link MetadataBudget} before it is parsed, so a header within the format's 100 MB
 * limit cannot list more tensors than the heap holds.
 *
 * <p>Errors name the byte of the file where they are: the header's first byte is at file offset
 * {@code base}, and Jackson reports byte offsets because the header is parsed from UTF-8 bytes.
 * Not thread-safe: one parser per header.
 */
final class HeaderParser {

    static final String NOT_OBJECT = "header is not a JSON object";
    static final String NOT_JSON = "header is not valid JSON: %s";
    static final String NUL_BYTE = "header is not valid JSON: it contains a NUL byte";
    static final String NOT_UTF8 = "header is not valid UTF-8";
    static final String TRAILING = "header has %s after its closing '}' (only spaces may pad it)";
    static final String DUPLICATE_TENSOR = "tensor %s appears twice in the header";
    static final String ENTRY_NOT_OBJECT = "tensor %s: entry is a JSON %s, expected an object";
    static final String DUPLICATE_FIELD = "tensor %s: \"%s\" appears twice";
    static final String MISSING_FIELD = "tensor %s: no \"%s\"";
    static final String WRONG_TYPE = "tensor %s: \"%s\" is a JSON %s, expected %s";
    static final String UNKNOWN_DTYPE = "tensor %s: unknown dtype \"%s\"%s; accepted: %s";
    static final String BAD_DIMENSION = "tensor %s: shape dimension %d is %s, expected a non-negative integer";
    static final String RANK_TOO_HIGH = "tensor %s: shape has more than %d dimensions";
    static final String BAD_OFFSET = "tensor %s: data_offsets value %d is %s, expected a non-negative integer";
    static final String OFFSET_COUNT = "tensor %s: data_offsets has %d values, expected 2 (begin, end)";

    /** The most dimensions a shape may have, as in numpy; it bounds the memory a hostile header costs. */
    static final int MAX_RANK = 64;

    private static final String METADATA_KEY = "__metadata__";
    private static final String TENSOR = "tensor";

    private final Path file;
    private final byte[] header;
    private final long base;
    private final MetadataBudget budget;
    private JsonParser parser;

    private HeaderParser(Path file, byte[] header, long base, MetadataBudget budget) {
        this.file = file;
        this.header = header;
        this.base = base;
        this.budget = budget;
    }

    /**
     * The entries of a header, in header order.
     *
     * @param file   the file, for error messages
     * @param header the header bytes, without the length before them
     * @param base   the file offset of {@code header[0]}
     * @param budget the heap the entries may take, charged per tensor at its key
     */
    static List<HeaderEntry> parse(Path file, byte[] header, long base, MetadataBudget budget)
            throws ModelFormatException {
        return new HeaderParser(file, header, base, budget).entries();
    }

    private List<HeaderEntry> entries() throws ModelFormatException {
        if (header.length == 0 || header[0] != '{') {
            throw error(base, NOT_OBJECT);
        }
        checkText();
        try (JsonParser p = Json.FACTORY.createParser(header)) {
            parser = p;
            p.nextToken();
            List<HeaderEntry> entries = new ArrayList<>();
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                long keyAt = tokenAt();
                p.nextToken();
                if (name.equals(METADATA_KEY)) {
                    p.skipChildren();
                } else if (!names.add(name)) {
                    throw error(keyAt, DUPLICATE_TENSOR, name);
                } else {
                    budget.chargeEntry(file, keyAt, TENSOR, name);
                    entries.add(entry(name, keyAt));
                }
            }
            checkPadding(tokenAt() - base + 1);
            return entries;
        } catch (JsonProcessingException e) {
            throw error(errorAt(e), NOT_JSON, MessageText.reason(Json.describe(e)));
        } catch (IOException e) {
            // parsing bytes in memory does no I/O: any other IOException is a decoding failure
            throw error(base, NOT_JSON, MessageText.reason(String.valueOf(e.getMessage())));
        }
    }

    private HeaderEntry entry(String name, long keyAt) throws IOException, ModelFormatException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT) {
            throw error(tokenAt(), ENTRY_NOT_OBJECT, name, Json.kind(token));
        }
        DType dtype = null;
        Shape shape = null;
        long[] offsets = null;
        long offsetsAt = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            long fieldAt = tokenAt();
            parser.nextToken();
            switch (field) {
                case "dtype" -> {
                    requireFirst(dtype, name, field, fieldAt);
                    dtype = dtype(name);
                }
                case "shape" -> {
                    requireFirst(shape, name, field, fieldAt);
                    shape = shape(name);
                    budget.charge(file, keyAt, (long) Long.BYTES * shape.rank(), TENSOR, name);
                }
                case "data_offsets" -> {
                    requireFirst(offsets, name, field, fieldAt);
                    offsetsAt = tokenAt();
                    offsets = offsets(name);
                }
                default -> parser.skipChildren();
            }
        }
        requirePresent(dtype, name, "dtype", keyAt);
        requirePresent(shape, name, "shape", keyAt);
        requirePresent(offsets, name, "data_offsets", keyAt);
        return new HeaderEntry(name, dtype, shape, offsets[0], offsets[1], offsetsAt);
    }

    private DType dtype(String name) throws IOException, ModelFormatException {
        expect(JsonToken.VALUE_STRING, name, "dtype", "a string");
        String text = parser.getText();
        return SafetensorsDTypes.parse(text).orElseThrow(() -> error(tokenAt(), UNKNOWN_DTYPE, name, text,
                SafetensorsDTypes.nearest(text).map(n -> " (did you mean " + n + "?)").orElse(""),
                SafetensorsDTypes.accepted()));
    }

    private Shape shape(String name) throws IOException, ModelFormatException {
        expect(JsonToken.START_ARRAY, name, "shape", "an array of integers");
        List<Long> dims = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (dims.size() == MAX_RANK) {
                throw error(tokenAt(), RANK_TOO_HIGH, name, MAX_RANK);
            }
            dims.add(nonNegative(BAD_DIMENSION, name, dims.size()));
        }
        return Shape.of(dims);
    }

    private long[] offsets(String name) throws IOException, ModelFormatException {
        expect(JsonToken.START_ARRAY, name, "data_offsets", "an array of two integers");
        long at = tokenAt();
        long[] offsets = new long[2];
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long value = nonNegative(BAD_OFFSET, name, count);
            if (count < 2) {
                offsets[count] = value;
            }
            count++;
        }
        if (count != 2) {
            throw error(at, OFFSET_COUNT, name, count);
        }
        return offsets;
    }

    /** The current token as a non-negative long, or the error {@code template} names. */
    private long nonNegative(String template, String name, int index) throws IOException, ModelFormatException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long value = parser.getLongValue();
            if (value >= 0) {
                return value;
            }
        }
        throw error(tokenAt(), template, name, index, Json.value(parser));
    }

    private void expect(JsonToken wanted, String name, String field, String description)
            throws ModelFormatException {
        JsonToken token = parser.currentToken();
        if (token != wanted) {
            throw error(tokenAt(), WRONG_TYPE, name, field, Json.kind(token), description);
        }
    }

    private void requireFirst(Object seen, String name, String field, long at) throws ModelFormatException {
        if (seen != null) {
            throw error(at, DUPLICATE_FIELD, name, field);
        }
    }

    private void requirePresent(Object value, String name, String field, long at) throws ModelFormatException {
        if (value == null) {
            throw error(at, MISSING_FIELD, name, field);
        }
    }

    /**
     * The header must be UTF-8 without NUL bytes. A NUL can never be in JSON text; refusing it also
     * keeps Jackson from guessing UTF-16 or UTF-32 from the first bytes. Jackson does not check the
     * UTF-8 of everything it skips, so the decoder does, in small pieces to keep the heap flat.
     */
    private void checkText() throws ModelFormatException {
        for (int i = 0; i < header.length; i++) {
            if (header[i] == 0) {
                throw error(base + i, NUL_BYTE);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw error(base + in.position(), NOT_UTF8);
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    /** The bytes after the closing brace may only be the padding the format allows. */
    private void checkPadding(long from) throws ModelFormatException {
        for (long i = from; i < header.length; i++) {
            byte b = header[(int) i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                throw error(base + i, TRAILING, Json.byteText(b));
            }
        }
    }

    private long tokenAt() {
        return base + byteOffset(parser.currentTokenLocation());
    }

    private long errorAt(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null && parser != null) {
            location = parser.currentLocation();
        }
        return location == null ? base : base + byteOffset(location);
    }

    private static long byteOffset(JsonLocation location) {
        long offset = location.getByteOffset();
        return offset >= 0 ? offset : Math.max(0, location.getCharOffset());
    }

    private ModelFormatException error(long offset, String template, Object... args) {
        return ModelFormatException.at(file, offset, template, args);
    }
}
