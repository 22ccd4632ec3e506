package org.jaynes.formats.gguf;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jaynes.formats.ModelFormatException;

/**
 * Reads a GGUF header front to back through a small buffer, knowing at every step the file offset it
 * is at, so that every error names its byte. A read that would pass the end of the file is a
 * {@link ModelFormatException} naming what was being read; nothing is allocated from a length before
 * the length is checked against the bytes left. Not thread-safe.
 */
final class GgufInput implements Closeable {

    static final String TRUNCATED = "the file ends inside %s: it needs %d bytes, %d are left";
    static final String NOT_UTF8 = "%s is not valid UTF-8";

    private static final int BUFFER_BYTES = 64 << 10;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN).flip();
    /** File offset of {@code buffer}'s byte 0. */
    private long bufferStart;

    GgufInput(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    /** The file offset of the next byte. */
    long position() {
        return bufferStart + buffer.position();
    }

    long remaining() {
        return size - position();
    }

    int u8(String what) throws IOException, ModelFormatException {
        return need(1, what).get() & 0xFF;
    }

    short i16(String what) throws IOException, ModelFormatException {
        return need(2, what).getShort();
    }

    int i32(String what) throws IOException, ModelFormatException {
        return need(4, what).getInt();
    }

    /** An unsigned 32-bit value. */
    long u32(String what) throws IOException, ModelFormatException {
        return need(4, what).getInt() & 0xFFFF_FFFFL;
    }

    /** A 64-bit value; unsigned in the file, so a negative result means at least 2^63. */
    long u64(String what) throws IOException, ModelFormatException {
        return need(8, what).getLong();
    }

    /** Moves past {@code count} bytes, which must be in the file. */
    void skip(long count, String what) throws IOException, ModelFormatException {
        if (count > remaining()) {
            throw error(position(), TRUNCATED, what, count, remaining());
        }
        long target = position() + count;
        if (target <= bufferStart + buffer.limit()) {
            buffer.position((int) (target - bufferStart));
        } else {
            bufferStart = target;
            buffer.clear().flip();
        }
    }

    /**
     * The next {@code length} bytes as UTF-8 text; {@code length} must be checked by the caller against a
     * bound it chooses. Malformed bytes fail when {@code strict}, else become U+FFFD.
     */
    String utf8(int length, boolean strict, String what) throws IOException, ModelFormatException {
        long at = position();
        if (length > remaining()) {
            throw error(at, TRUNCATED, what, length, remaining());
        }
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            int piece = Math.min(length - done, BUFFER_BYTES);
            need(piece, what).get(bytes, done, piece);
            done += piece;
        }
        if (!strict) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return text.toString();
        } catch (CharacterCodingException e) {
            throw error(at, NOT_UTF8, what);
        }
    }

    ModelFormatException error(long offset, String template, Object... args) {
        return ModelFormatException.at(file, offset, template, args);
    }

    /** The buffer, holding at least {@code count} (at most the buffer's size) unread bytes. */
    private ByteBuffer need(int count, String what) throws IOException, ModelFormatException {
        if (buffer.remaining() >= count) {
            return buffer;
        }
        if (count > remaining()) {
            throw error(position(), TRUNCATED, what, count, remaining());
        }
        bufferStart = position();
        buffer.compact();
        while (buffer.position() < count) {
            if (channel.read(buffer, bufferStart + buffer.position()) < 0) {
                throw new EOFException(file + ": the file shrank while its header was read");
            }
        }
        buffer.flip();
        return buffer;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
