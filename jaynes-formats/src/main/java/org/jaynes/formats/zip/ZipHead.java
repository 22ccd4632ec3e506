package org.jaynes.formats.zip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the first bytes of a file tell about a zip archive, for the readers that recognise a format by
 * the entry a zip holds first (torch.save writes {@code <archive>/data.pkl} first, Keras 3 one of its
 * metadata files). A head is little-endian and starts at byte 0 of the file. Stateless.
 */
public final class ZipHead {

    /** {@code PK\3\4}, the signature of a local file header, read as a little-endian int. */
    public static final int LOCAL_SIGNATURE = 0x0403_4b50;

    /** The bytes of a local file header before the entry's name. */
    public static final int LOCAL_BYTES = 30;

    private static final int NAME_LENGTH_AT = 26;

    private ZipHead() {
    }

    /** Whether {@code head} opens with a whole local file header. */
    public static boolean opensWithLocalHeader(ByteBuffer head) {
        return head.remaining() >= LOCAL_BYTES && head.getInt(0) == LOCAL_SIGNATURE;
    }

    /** The length in bytes of the first entry's name; only for a head that {@link #opensWithLocalHeader}. */
    public static int firstNameLength(ByteBuffer head) {
        return head.getShort(NAME_LENGTH_AT) & 0xFFFF;
    }

    /**
     * The name of the first entry (UTF-8), when {@code head} opens with a local file header and holds all
     * of the name; else empty.
     */
    public static Optional<String> firstEntryName(ByteBuffer head) {
        if (!opensWithLocalHeader(head)) {
            return Optional.empty();
        }
        int length = firstNameLength(head);
        if (LOCAL_BYTES + length > head.remaining()) {
            return Optional.empty();
        }
        byte[] name = new byte[length];
        head.get(LOCAL_BYTES, name);
        return Optional.of(new String(name, StandardCharsets.UTF_8));
    }
}
