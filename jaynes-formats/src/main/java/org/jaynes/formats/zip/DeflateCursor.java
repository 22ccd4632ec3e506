package org.jaynes.formats.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jaynes.formats.MessageText;

/**
 * A decoding position in a deflated entry: an {@link Inflater} fed from the archive in pieces of
 * {@value #BUFFER_BYTES} bytes, never past the entry's compressed size. Deflate can only be decoded from
 * the start, so whoever needs a later byte inflates up to it. Used by one thread at a time; {@link #close}
 * frees the inflater's native memory.
 */
final class DeflateCursor implements AutoCloseable {

    static final int BUFFER_BYTES = 64 << 10;

    private final Path file;
    private final ZipMember member;
    private final Inflater inflater = new Inflater(true);
    private final byte[] input = new byte[BUFFER_BYTES];
    /** Compressed bytes handed to the inflater. */
    private long consumed;
    /** Inflated bytes produced. */
    private long produced;
    private boolean padded;

    DeflateCursor(Path file, ZipMember member) {
        this.file = file;
        this.member = member;
    }

    /** Inflated bytes produced so far: the position of the next byte {@link #inflate} gives. */
    long produced() {
        return produced;
    }

    /** Inflates up to {@code length} bytes into {@code out}; returns how many, or -1 at the end of the stream. */
    int inflate(FileChannel channel, byte[] out, int offset, int length) throws IOException, DataFormatException {
        while (true) {
            int n = inflater.inflate(out, offset, length);
            if (n > 0) {
                produced += n;
                return n;
            }
            if (inflater.finished()) {
                return -1;
            }
            if (inflater.needsDictionary()) {
                throw new DataFormatException("the stream asks for a preset dictionary");
            }
            if (inflater.needsInput()) {
                feed(channel);
            }
        }
    }

    private void feed(FileChannel channel) throws IOException, DataFormatException {
        if (consumed < member.compressedSize()) {
            int chunk = (int) Math.min(input.length, member.compressedSize() - consumed);
            ByteBuffer buffer = ByteBuffer.wrap(input, 0, chunk);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, member.dataAt() + consumed + buffer.position()) < 0) {
                    throw new IOException(MessageText.path(file) + ": the file shrank while entry "
                            + MessageText.name(member.name()) + " was read");
                }
            }
            consumed += chunk;
            inflater.setInput(input, 0, chunk);
        } else if (!padded) {
            // raw inflate may need one byte past the data to finish, as java.util.zip.ZipFile supplies
            padded = true;
            input[0] = 0;
            inflater.setInput(input, 0, 1);
        } else {
            throw new DataFormatException("the compressed data ends inside the deflate stream");
        }
    }

    @Override
    public void close() {
        inflater.end();
    }
}
