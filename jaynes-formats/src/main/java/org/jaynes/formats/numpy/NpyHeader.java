package org.jaynes.formats.numpy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.ModelFormatException;

/**
 * The checked header of one {@code .npy} array: the magic {@code \x93NUMPY}, a major and minor
 * version (1.0, 2.0 or 3.0), the header length (u16 for 1.0, u32 after), the header dict
 * ({@link NpyHeaderParser}) padded with spaces, then the data.
 *
 * @param version      the format version, {@code "1.0"}, {@code "2.0"} or {@code "3.0"}
 * @param descr        the element type
 * @param fortranOrder whether the values are stored column-major
 * @param shape        the shape as declared
 * @param dataOffset   where the values start, relative to the array's first byte
 * @param dataBytes    how many bytes the values take
 */
record NpyHeader(String version, NpyDescr descr, boolean fortranOrder, Shape shape, long dataOffset, long dataBytes) {

    static final String BAD_MAGIC = "not a .npy array: it starts with %s, expected \\x93NUMPY";
    static final String TRUNCATED = "truncated: %d bytes, too short for the .npy preamble (%d bytes)";
    static final String BAD_VERSION = "format version %d.%d is not supported (jaynes reads 1.0, 2.0 and 3.0)";
    static final String HEADER_TOO_LONG = "header length %s is over the limit of %d bytes";
    static final String HEADER_PAST_END = "header length %d runs past the end of the array's %d bytes";
    static final String UNSUPPORTED_DESCR = "unsupported descr '%s'%s; jaynes reads %s";
    static final String TOO_LARGE = "shape %s has more bytes than a file can hold";
    static final String SHORT_DATA = "the data holds %d bytes, but %s %s needs %d";

    /** The longest header accepted: numpy itself refuses headers over 10,000 bytes by default. */
    static final int MAX_HEADER_LENGTH = 1 << 16;
    /** The bytes a caller must hand to {@link #parse} (or all the array has, if fewer). */
    static final int MAX_PREFIX = 12 + MAX_HEADER_LENGTH;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Whether bytes start with the .npy magic. */
    static boolean hasMagic(ByteBuffer head) {
        if (head.remaining() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head.get(head.position() + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses and checks a header.
     *
     * @param prefix    the array's first bytes: all of them, or at least {@link #MAX_PREFIX}
     * @param available how many bytes the array has in all (the file's or the zip entry's size)
     * @param where     where the array is, for errors
     */
    static NpyHeader parse(byte[] prefix, long available, NpyLocation where) throws ModelFormatException {
        ByteBuffer bytes = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
        if (!hasMagic(bytes)) {
            throw where.error(0, BAD_MAGIC, printable(Arrays.copyOf(prefix, Math.min(prefix.length, MAGIC.length))));
        }
        if (available < 10) {
            throw where.error(0, TRUNCATED, available, 10);
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw where.error(6, BAD_VERSION, major, minor);
        }
        int preamble = major == 1 ? 10 : 12;
        if (available < preamble) {
            throw where.error(0, TRUNCATED, available, preamble);
        }
        long length = major == 1 ? bytes.getShort(8) & 0xFFFF : bytes.getInt(8) & 0xFFFF_FFFFL;
        if (length > MAX_HEADER_LENGTH) {
            throw where.error(8, HEADER_TOO_LONG, length, MAX_HEADER_LENGTH);
        }
        if (preamble + length > available) {
            throw where.error(8, HEADER_PAST_END, length, available);
        }
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        byte[] dict = Arrays.copyOfRange(prefix, preamble, preamble + (int) length);
        NpyHeaderParser.Fields fields = NpyHeaderParser.parse(dict, charset, where, preamble);
        NpyDescr descr = NpyDescr.parse(fields.descr()).orElseThrow(() -> where.error(preamble + fields.descrAt(),
                UNSUPPORTED_DESCR, fields.descr(), NpyDescr.describe(fields.descr()).map(d -> " (" + d + ")").orElse(""),
                NpyDescr.ACCEPTED));
        Shape shape = Shape.of(fields.shape());
        long dataBytes = shape.byteCount(descr.dtype().byteSize())
                .orElseThrow(() -> where.error(preamble + fields.shapeAt(), TOO_LARGE, shape));
        long dataOffset = preamble + length;
        if (available - dataOffset < dataBytes) {
            throw where.error(dataOffset, SHORT_DATA, available - dataOffset, descr.text(), shape, dataBytes);
        }
        return new NpyHeader(major + ".0", descr, fields.fortranOrder(), shape, dataOffset, dataBytes);
    }

    /** Bytes as a message shows them: printable ASCII as is, others as \xNN. */
    static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xFF;
            text.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? String.valueOf((char) c)
                    : String.format(Locale.ROOT, "\\x%02x", c));
        }
        return text.append('"').toString();
    }
}
