package org.jaynes.formats.gguf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaynes.formats.ModelFormatException;

/**
 * Parses the metadata key-value pairs of a GGUF header, every value checked against the bytes left in
 * the file before anything is allocated for it.
 *
 * <p>Memory is bounded whatever the file claims: keys are at most {@value #MAX_KEY_BYTES} bytes (as
 * the format specifies); strings longer than {@value #MAX_KEPT_STRING} bytes and arrays of more than
 * {@value #MAX_KEPT_ELEMENTS} elements are walked over and kept only as their length; everything kept
 * counts against a budget of {@value #BUDGET_BYTES} bytes, beyond which values are skipped likewise
 * (keys beyond it are an error). Arrays may nest at most {@value #MAX_DEPTH} deep. Not thread-safe.
 */
final class MetadataParser {

    static final String KEY_TOO_LONG = "metadata key %d is %s bytes long; keys are at most %d bytes";
    static final String DUPLICATE_KEY = "metadata key %s appears twice";
    static final String UNKNOWN_VALUE_TYPE = "metadata key %s has unknown value type %d (known: 0 to 12)";
    static final String STRING_PAST_END = "%s is %s bytes long, but only %d bytes are left in the file";
    static final String ARRAY_PAST_END = "metadata key %s: an array of %s %s values needs at least %s bytes, "
            + "only %d are left in the file";
    static final String TOO_DEEP = "metadata key %s: arrays nest more than %d deep";
    static final String KEYS_TOO_LARGE = "metadata keys take more than %d bytes";

    static final int MAX_KEY_BYTES = 65_535;
    static final int MAX_KEPT_STRING = 1 << 16;
    static final int MAX_KEPT_ELEMENTS = 4096;
    static final int BUDGET_BYTES = 32 << 20;
    static final int MAX_DEPTH = 4;

    /** Heap a kept value costs beyond its text, for the budget. */
    private static final int OVERHEAD = 32;

    private final GgufInput in;
    private long budget = BUDGET_BYTES;

    private MetadataParser(GgufInput in) {
        this.in = in;
    }

    /** Reads {@code count} pairs, which the caller has checked against the bytes left. */
    static GgufMetadata parse(GgufInput in, long count) throws IOException, ModelFormatException {
        return new MetadataParser(in).pairs(count);
    }

    private GgufMetadata pairs(long count) throws IOException, ModelFormatException {
        List<GgufMetadata.Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (long i = 0; i < count; i++) {
            long at = in.position();
            String key = key(i);
            long typeAt = in.position();
            long code = in.u32("the value type of metadata key " + key);
            GgufValueType type = GgufValueType.of(code)
                    .orElseThrow(() -> in.error(typeAt, UNKNOWN_VALUE_TYPE, key, code));
            GgufValue value = value(key, type, 0, true);
            if (!keys.add(key)) {
                throw in.error(at, DUPLICATE_KEY, key);
            }
            entries.add(new GgufMetadata.Entry(key, value, at));
        }
        return new GgufMetadata(entries);
    }

    private String key(long index) throws IOException, ModelFormatException {
        long at = in.position();
        long length = in.u64("the length of metadata key " + index);
        if (length < 0 || length > MAX_KEY_BYTES) {
            throw in.error(at, KEY_TOO_LONG, index, Long.toUnsignedString(length), MAX_KEY_BYTES);
        }
        if (length + OVERHEAD > budget) {
            throw in.error(at, KEYS_TOO_LARGE, BUDGET_BYTES);
        }
        budget -= length + OVERHEAD;
        return in.utf8((int) length, true, "metadata key " + index);
    }

    /** A value of a known type; {@code keep} false walks over it, keeping nothing. */
    private GgufValue value(String key, GgufValueType type, int depth, boolean keep)
            throws IOException, ModelFormatException {
        String what = "the value of metadata key " + key;
        return switch (type) {
            case UINT8 -> new GgufValue.GgufInteger(type, in.u8(what));
            case INT8 -> new GgufValue.GgufInteger(type, (byte) in.u8(what));
            case UINT16 -> new GgufValue.GgufInteger(type, in.i16(what) & 0xFFFF);
            case INT16 -> new GgufValue.GgufInteger(type, in.i16(what));
            case UINT32 -> new GgufValue.GgufInteger(type, in.u32(what));
            case INT32 -> new GgufValue.GgufInteger(type, in.i32(what));
            case UINT64, INT64 -> new GgufValue.GgufInteger(type, in.u64(what));
            case FLOAT32 -> new GgufValue.GgufFloat(type, Float.intBitsToFloat(in.i32(what)));
            case FLOAT64 -> new GgufValue.GgufFloat(type, Double.longBitsToDouble(in.u64(what)));
            case BOOL -> new GgufValue.GgufBool(in.u8(what) != 0);
            case STRING -> string(what, keep);
            case ARRAY -> array(key, depth, keep);
        };
    }

    private GgufValue string(String what, boolean keep) throws IOException, ModelFormatException {
        long at = in.position();
        long length = in.u64("the length of " + what);
        if (length < 0 || length > in.remaining()) {
            throw in.error(at, STRING_PAST_END, what, Long.toUnsignedString(length), in.remaining());
        }
        if (!keep || length > MAX_KEPT_STRING || length + OVERHEAD > budget) {
            in.skip(length, what);
            return new GgufValue.GgufSkippedString(length);
        }
        budget -= length + OVERHEAD;
        return new GgufValue.GgufString(in.utf8((int) length, false, what));
    }

    private GgufValue array(String key, int depth, boolean keep) throws IOException, ModelFormatException {
        if (depth == MAX_DEPTH) {
            throw in.error(in.position(), TOO_DEEP, key, MAX_DEPTH);
        }
        long typeAt = in.position();
        long code = in.u32("the element type of metadata key " + key);
        GgufValueType elementType = GgufValueType.of(code)
                .orElseThrow(() -> in.error(typeAt, UNKNOWN_VALUE_TYPE, key, code));
        long lengthAt = in.position();
        long length = in.u64("the length of metadata key " + key);
        long room = in.remaining();
        if (length < 0 || length > room / elementType.minimumBytes()) {
            throw in.error(lengthAt, ARRAY_PAST_END, key, Long.toUnsignedString(length), elementType,
                    length < 0 ? "2^63" : Long.toString(length * elementType.minimumBytes()), room);
        }
        boolean keepElements = keep && length <= MAX_KEPT_ELEMENTS && length * OVERHEAD <= budget;
        if (keepElements) {
            budget -= length * OVERHEAD;
        }
        if (!keepElements && elementType != GgufValueType.STRING && elementType != GgufValueType.ARRAY) {
            in.skip(length * elementType.minimumBytes(), "the value of metadata key " + key);
            return new GgufValue.GgufArray(elementType, length, List.of());
        }
        List<GgufValue> elements = new ArrayList<>(keepElements ? (int) length : 0);
        for (long i = 0; i < length; i++) {
            GgufValue element = value(key, elementType, depth + 1, keepElements);
            if (keepElements) {
                elements.add(element);
            }
        }
        return new GgufValue.GgufArray(elementType, length, elements);
    }
}
