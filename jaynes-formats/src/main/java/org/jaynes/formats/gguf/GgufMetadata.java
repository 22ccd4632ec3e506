package org.jaynes.formats.gguf;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The metadata key-value pairs of a GGUF file, in file order; keys are unique.
 *
 * @param entries every pair
 */
public record GgufMetadata(List<Entry> entries) {

    /**
     * One pair.
     *
     * @param key    the key ({@code general.architecture})
     * @param value  its value
     * @param offset the file offset where the pair starts
     */
    public record Entry(String key, GgufValue value, long offset) {
    }

    public GgufMetadata {
        entries = List.copyOf(entries);
    }

    /** The value of a key. */
    public Optional<GgufValue> get(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).findFirst();
    }

    /** The value of a key that holds a (kept) string. */
    public Optional<String> string(String key) {
        return get(key).filter(GgufValue.GgufString.class::isInstance).map(v -> ((GgufValue.GgufString) v).value());
    }

    /** The value of a key that holds a whole number of any integer type (a UINT64 as its 64 bits). */
    public OptionalLong integer(String key) {
        Optional<GgufValue> value = get(key).filter(GgufValue.GgufInteger.class::isInstance);
        return value.isPresent() ? OptionalLong.of(((GgufValue.GgufInteger) value.get()).value()) : OptionalLong.empty();
    }
}
