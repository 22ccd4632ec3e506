package org.jaynes.formats.pytorch;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;

/**
 * The tensors of a legacy {@code torch.save} file: the layout torch wrote before 1.6, and still writes with
 * {@code _use_new_zipfile_serialization=False}.
 *
 * <p>The file is five pickles ({@link PickleSequence}), then the storages ({@link LegacyStorages}):
 * <ol>
 * <li>the magic number {@code 0x1950a86a20f9469cfc6c};
 * <li>the protocol version {@code 1001};
 * <li>the system info, a dict whose {@code little_endian} must not be False;
 * <li>the object, usually a state dict, read by the same allow-listed {@link Unpickler} and {@link StateDict}
 *     walk as a zip checkpoint's {@code data.pkl}; its storages are persistent ids
 *     {@code ('storage', type, key, location, numel, None)};
 * <li>the storage keys, a list of str;
 * </ol>
 * then, for each key in that order, a little-endian int64 element count and the storage's bytes. Tensors are
 * views of storages built as in zip checkpoints ({@link StorageViews}): shared storages give shared regions,
 * offsets are honoured, non-contiguous views refused. Their bytes stay in the file.
 *
 * <p>Refused in one line each: a wrong magic number or protocol version, a big-endian file, storage views
 * (a sixth persistent-id item other than None, from torch before 1.0), keys listed twice or never loaded,
 * storages past the end of the file, and everything a zip checkpoint's pickle is refused for. The older tar
 * layout of the first torch releases is refused by {@link TorchCheckpoint}.
 *
 * @see <a href="https://github.com/pytorch/pytorch/blob/main/torch/serialization.py">torch/serialization.py,
 *      {@code _legacy_save} and {@code _legacy_load}</a>
 */
final class LegacyCheckpoint {

    static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;

    static final String BAD_MAGIC = "the file starts with a pickle of %s, not torch.save's magic number "
            + "0x1950a86a20f9469cfc6c, so it is not a torch.save file";
    static final String BAD_PROTOCOL = "the legacy protocol version is %s, jaynes reads 1001";
    static final String BIG_ENDIAN = "the system info says little_endian is False: jaynes reads checkpoints saved "
            + "little-endian";

    private static final byte[] MAGIC_LONG1 = {(byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9,
        0x20, 0x6a, (byte) 0xa8, 0x50, 0x19};
    private static final int PROTO = 0x80;
    private static final int FRAME = 0x95;

    private LegacyCheckpoint() {
    }

    /**
     * Whether a file's first bytes are the pickled magic number: {@code PROTO} 2 to 5, a {@code FRAME} from
     * protocol 4 on, and the {@code LONG1} of the number.
     */
    static boolean startsWithMagic(ByteBuffer head) {
        if (head.remaining() < 2 || (head.get(0) & 0xff) != PROTO || head.get(1) < 2
                || head.get(1) > Unpickler.HIGHEST_PROTOCOL) {
            return false;
        }
        int at = 2;
        if (head.remaining() > at && (head.get(at) & 0xff) == FRAME) {
            at += 1 + Long.BYTES;
        }
        if (head.remaining() < at + MAGIC_LONG1.length) {
            return false;
        }
        for (int i = 0; i < MAGIC_LONG1.length; i++) {
            if (head.get(at + i) != MAGIC_LONG1[i]) {
                return false;
            }
        }
        return true;
    }

    /** Every tensor of the legacy file {@code file}, in pickle order. */
    static List<Tensor> read(Path file, FileChannel channel) throws IOException, ModelFormatException {
        PickleSequence pickles = new PickleSequence(file, channel);
        PickleSequence.Pickle magic = pickles.next("the magic number pickle");
        if (!MAGIC_NUMBER.equals(magic.value())) {
            throw magic.source().errorInEntry(BAD_MAGIC, describe(magic.value()));
        }
        PickleSequence.Pickle protocol = pickles.next("the protocol version pickle");
        if (!(protocol.value() instanceof Long version && version == PROTOCOL_VERSION)) {
            throw protocol.source().errorInEntry(BAD_PROTOCOL, describe(protocol.value()));
        }
        PickleSequence.Pickle system = pickles.next("the system info pickle");
        if (system.value() instanceof Pickled.Dict info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw system.source().errorInEntry(BIG_ENDIAN);
        }
        PickleSequence.Pickle object = pickles.next("the object pickle");
        List<StateDict.Entry> entries = StateDict.tensors(object.source(), object.value(), StorageViews.stem(file));
        PickleSequence.Pickle keys = pickles.next("the storage key pickle");
        Map<String, String> tensorOf = new HashMap<>();
        for (StateDict.Entry e : entries) {
            tensorOf.putIfAbsent(e.tensor().storage().key(), e.name());
        }
        LegacyStorages storages = LegacyStorages.locate(file, channel, pickles.position(), keys,
                object.loaded().storages(), tensorOf);
        List<Tensor> tensors = new ArrayList<>(entries.size());
        for (StateDict.Entry e : entries) {
            tensors.add(StorageViews.tensor(file, object.source(), e, storages.of(object.source(), e).dataAt()));
        }
        return tensors;
    }

    /** A pickled value in a message: a number as it is, anything else by its kind. */
    private static String describe(Object value) {
        return value instanceof Long || value instanceof BigInteger ? value.toString() : "a " + Pickled.kind(value);
    }
}
