package org.jaynes.formats.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.numpy.ZipMember;

/**
 * Inflates a deflated zip entry once into a temporary file, because jHDF needs random access to an HDF5
 * file and deflate gives none. The copy is bounded by the entry's declared size: an entry declaring more
 * than deflate can produce from its compressed bytes, more than the temporary folder has room for, or
 * inflating beyond (or short of) its declared size, or failing its CRC-32, is refused, and the partial
 * copy deleted. A good copy is deleted when the JVM exits (its tensors are read from it until then).
 * Memory: two 64 KiB buffers.
 */
final class InflatedCopy {

    static final String IMPOSSIBLE_SIZE = "entry %s declares %d bytes from %d compressed, more than deflate "
            + "can produce (at most %d:1)";
    static final String NO_ROOM = "entry %s inflates to %d bytes, more than the %d bytes free in %s";
    static final String BEYOND = "entry %s inflates beyond its declared size of %d bytes";
    static final String SHORT = "entry %s inflates to %d bytes, but declares %d";
    static final String BAD_CRC = "entry %s fails its CRC-32 check (declared %08x, computed %08x)";
    static final String CORRUPT = "entry %s is not valid deflate data: %s";

    /** Deflate's best case: a 258-byte match in about two bits. */
    static final int MAX_RATIO = 1032;

    private static final int BUFFER_BYTES = 64 << 10;

    private InflatedCopy() {
    }

    /** The path of a temporary file holding the entry's inflated bytes. */
    static Path extract(Path zip, FileChannel channel, ZipMember member) throws IOException, ModelFormatException {
        if (member.size() / MAX_RATIO > member.compressedSize() + 1) {
            throw error(zip, member, IMPOSSIBLE_SIZE, member.name(), member.size(), member.compressedSize(), MAX_RATIO);
        }
        Path copy = Files.createTempFile("jaynes-", "-" + member.name());
        boolean done = false;
        try {
            long free = Files.getFileStore(copy).getUsableSpace();
            if (member.size() > free) {
                throw error(zip, member, NO_ROOM, member.name(), member.size(), free, copy.getParent());
            }
            inflate(zip, channel, member, copy);
            copy.toFile().deleteOnExit();
            done = true;
            return copy;
        } finally {
            if (!done) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private static void inflate(Path zip, FileChannel channel, ZipMember member, Path copy)
            throws IOException, ModelFormatException {
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        byte[] input = new byte[BUFFER_BYTES];
        byte[] output = new byte[BUFFER_BYTES];
        long consumed = 0;
        long produced = 0;
        boolean padded = false;
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (!inflater.finished()) {
                // ask for one byte more than declared, so that an entry inflating beyond its size shows
                int want = (int) Math.min(output.length, member.size() + 1 - produced);
                int n = inflater.inflate(output, 0, want);
                if (n > 0) {
                    produced += n;
                    if (produced > member.size()) {
                        throw error(zip, member, BEYOND, member.name(), member.size());
                    }
                    crc.update(output, 0, n);
                    ByteBuffer written = ByteBuffer.wrap(output, 0, n);
                    while (written.hasRemaining()) {
                        out.write(written);
                    }
                } else if (inflater.needsDictionary()) {
                    throw error(zip, member, CORRUPT, member.name(), "the stream asks for a preset dictionary");
                } else if (inflater.needsInput()) {
                    if (consumed < member.compressedSize()) {
                        int chunk = (int) Math.min(input.length, member.compressedSize() - consumed);
                        readFully(channel, ByteBuffer.wrap(input, 0, chunk), member.dataAt() + consumed);
                        consumed += chunk;
                        inflater.setInput(input, 0, chunk);
                    } else if (!padded) {
                        // raw inflate may need one byte past the data to finish, as java.util.zip.ZipFile supplies
                        padded = true;
                        input[0] = 0;
                        inflater.setInput(input, 0, 1);
                    } else {
                        throw error(zip, member, CORRUPT, member.name(), "the compressed data ends inside the stream");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw error(zip, member, CORRUPT, member.name(), MessageText.reason(String.valueOf(e.getMessage())));
        } finally {
            inflater.end();
        }
        if (produced != member.size()) {
            throw error(zip, member, SHORT, member.name(), produced, member.size());
        }
        if (crc.getValue() != member.crc()) {
            throw error(zip, member, BAD_CRC, member.name(), member.crc(), crc.getValue());
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the archive shrank while it was read");
            }
        }
    }

    private static ModelFormatException error(Path zip, ZipMember member, String template, Object... args) {
        return ModelFormatException.at(zip, member.localHeaderAt(), template, args);
    }
}
