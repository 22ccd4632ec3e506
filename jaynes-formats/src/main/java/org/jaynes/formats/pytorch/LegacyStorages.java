package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.zip.ZipDirectory;

/**
 * Where each storage's bytes are in a legacy {@code torch.save} file: after the pickles, every storage of
 * the key list in list order, each an element count (a little-endian int64) followed by that many elements.
 * An element's size is that of the storage type the pickle's persistent id gave the key (one byte for an
 * untyped storage), so every key listed must have been loaded by the pickle; the count must be the one the
 * persistent id claims, as torch requires.
 *
 * <p>Nothing is allocated by what the file claims: each count is checked against the file's size before
 * the next header is read (8 bytes each), so a storage that runs past the end is refused at its header,
 * naming the storage and the first tensor that views it. Costs one 8-byte read per storage.
 */
final class LegacyStorages {

    static final String LIST_NOT_STRINGS = "the storage key list must be a list of str, found %s";
    static final String UNKNOWN_KEY = "storage %s is listed but the pickle never loaded it, so its element size is unknown";
    static final String LISTED_TWICE = "storage %s is listed twice";
    static final String NO_COUNT = "%s: its element count needs 8 bytes at byte %d, the file ends at byte %d";
    static final String PAST_END = "%s: %d %s elements (%s bytes) from byte %d run past the end of the file at byte %d";
    static final String COUNT_MISMATCH = "%s: the pickle claims %d %s elements, the file stores %d";
    static final String CLAIMS_MORE = "tensor %s: storage %s (%s) claims %d bytes, the file stores %d";
    static final String NOT_LISTED = "tensor %s: storage %s is not in the file's list of storages";

    /**
     * A stored storage.
     *
     * @param dataAt     the file offset of its first element
     * @param byteLength its bytes
     */
    record Stored(long dataAt, long byteLength) {
    }

    private final Map<String, Stored> byKey = new HashMap<>();

    private LegacyStorages() {
    }

    /**
     * The storages of a file, their bytes from {@code dataAt} on.
     *
     * @param keys      the pickle of the key list
     * @param loaded    the storages the object's pickle loaded, in pickle order
     * @param tensorOf  for messages, the first tensor viewing each storage key
     */
    static LegacyStorages locate(Path file, FileChannel channel, long dataAt, PickleSequence.Pickle keys,
            List<Pickled.Storage> loaded, Map<String, String> tensorOf) throws IOException, ModelFormatException {
        if (!(keys.value() instanceof Pickled.PyList list) || !list.items.stream().allMatch(String.class::isInstance)) {
            throw keys.source().errorInEntry(LIST_NOT_STRINGS, "a " + Pickled.kind(keys.value())
                    + (keys.value() instanceof Pickled.PyList ? " holding other values" : ""));
        }
        Map<String, Pickled.Storage> firstLoad = new HashMap<>();
        for (Pickled.Storage s : loaded) {
            firstLoad.putIfAbsent(s.key(), s);
        }
        LegacyStorages storages = new LegacyStorages();
        long size = channel.size();
        long at = dataAt;
        for (Object item : list.items) {
            String key = (String) item;
            Pickled.Storage s = firstLoad.get(key);
            if (s == null) {
                throw keys.source().errorInEntry(UNKNOWN_KEY, key);
            }
            MessageText.Shown storage = describe(key, tensorOf.get(key));
            if (size - at < Long.BYTES) {
                throw ModelFormatException.at(file, at, NO_COUNT, storage, at, size);
            }
            long count = ZipDirectory.readFully(file, channel, at, Long.BYTES).getLong(0);
            int itemSize = s.dtype() == null ? 1 : s.dtype().byteSize();
            String unit = s.dtype() == null ? "byte" : s.dtype().label();
            long room = size - at - Long.BYTES;
            if (count < 0 || count > room / itemSize) {
                String bytes = count < 0 || count > Long.MAX_VALUE / itemSize ? "too many" : Long.toString(count * itemSize);
                throw ModelFormatException.at(file, at, PAST_END, storage, count, unit, bytes, at + Long.BYTES, size);
            }
            if (count * itemSize != s.byteLength()) {
                throw ModelFormatException.at(file, at, COUNT_MISMATCH, storage, s.byteLength() / itemSize, unit,
                        count);
            }
            if (storages.byKey.putIfAbsent(key, new Stored(at + Long.BYTES, count * itemSize)) != null) {
                throw keys.source().errorInEntry(LISTED_TWICE, key);
            }
            at += Long.BYTES + count * itemSize;
        }
        return storages;
    }

    /** {@code storage KEY of tensor NAME}, or without the tensor when none views it: each name shown safely. */
    private static MessageText.Shown describe(String key, String tensor) {
        String storage = "storage " + MessageText.name(key);
        return new MessageText.Shown(tensor == null ? storage : storage + " of tensor " + MessageText.name(tensor));
    }

    /**
     * Where the storage a tensor views is stored; refused when the key list does not hold it, or when this
     * persistent id of it claims more bytes than the file stores (a later id of a key may claim anything).
     */
    Stored of(PickleFile source, StateDict.Entry e) throws ModelFormatException {
        Pickled.Storage s = e.tensor().storage();
        Stored stored = byKey.get(s.key());
        if (stored == null) {
            throw source.error(s.at(), NOT_LISTED, e.name(), s.key());
        }
        if (s.byteLength() > stored.byteLength()) {
            throw source.error(s.at(), CLAIMS_MORE, e.name(), s.key(), s.type(), s.byteLength(), stored.byteLength());
        }
        return stored;
    }
}
