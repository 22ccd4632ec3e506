package org.jaynes.formats.pytorch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a legacy {@code torch.save} file part by part, as torch does, so that tests can make any such file,
 * broken or hostile, without Python: the magic number, protocol version and system info pickles, the object
 * pickle, the storage key list, then each storage's element count and bytes. {@link #objectAt()} gives the
 * file offset of the object pickle, {@link #dataAt()} that of the first storage.
 */
final class LegacyFile {

    /** {@code pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2)}. */
    static final byte[] MAGIC = {(byte) 0x80, 2, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9,
        0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, '.'};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int objectAt = -1;
    private int dataAt = -1;

    /** A file up to its object pickle: the magic number, protocol 1001 and a little-endian system info. */
    static LegacyFile header() {
        return header(MAGIC, 1001, true);
    }

    static LegacyFile header(byte[] magic, int protocol, boolean littleEndian) {
        LegacyFile file = new LegacyFile();
        file.out.writeBytes(magic);
        file.out.writeBytes(PickleBytes.protocol2().integer(protocol).op('.').toByteArray());
        file.out.writeBytes(PickleBytes.protocol2().op('}').op('(').unicode("protocol_version").integer(protocol)
                .unicode("little_endian").op(littleEndian ? 0x88 : 0x89).op('u').op('.').toByteArray());
        return file;
    }

    /** A file with the object {@code pickle} and the storage key list {@code keys}; storages to follow. */
    static LegacyFile of(PickleBytes pickle, String... keys) {
        return header().object(pickle.toByteArray()).keys(keys);
    }

    LegacyFile object(byte[] pickle) {
        objectAt = out.size();
        out.writeBytes(pickle);
        return this;
    }

    LegacyFile keys(String... keys) {
        PickleBytes list = PickleBytes.protocol2().op(']').op('(');
        for (String key : keys) {
            list.unicode(key);
        }
        out.writeBytes(list.op('e').op('.').toByteArray());
        dataAt = out.size();
        return this;
    }

    /** A storage: its element count, then {@code bytes}. */
    LegacyFile storage(long count, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(count).array());
        out.writeBytes(bytes);
        return this;
    }

    /** A storage of {@code count} float32 elements 1, 2, 3, ... */
    LegacyFile floats(int count) {
        ByteBuffer values = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            values.putFloat(i + 1);
        }
        return storage(count, values.array());
    }

    int objectAt() {
        return objectAt;
    }

    int dataAt() {
        return dataAt;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, out.toByteArray());
    }
}
