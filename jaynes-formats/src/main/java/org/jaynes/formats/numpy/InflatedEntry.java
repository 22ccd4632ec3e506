package org.jaynes.formats.numpy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * The inflated bytes of one deflated zip entry, produced on demand with bounded memory and no
 * temporary file.
 *
 * <p>Design: deflate can only be decoded from the start, so the entry keeps a few decoding positions
 * ("cursors", each an {@link Inflater} with a 64 KiB input buffer, at most {@value #MAX_IDLE_CURSORS}
 * kept idle). A window is decoded by the idle cursor furthest along that has not passed the window's
 * start, or by a new cursor from the start; it inflates and discards up to the window, then fills it.
 * Windows read in order (as the analysis reads them) therefore cost one pass over the entry in all;
 * windows read out of order cost a pass from the nearest cursor. The alternative, inflating every
 * entry once into a temporary file, would be faster for random access but needs disk space equal to
 * the inflated model and leaves files behind when the JVM is killed.
 *
 * <p>{@link #verify()} inflates the whole entry once when the archive is opened, so that a corrupt
 * stream, an entry that inflates beyond (or short of) its declared size, or a CRC-32 mismatch is a
 * {@link ModelFormatException} then rather than an I/O error in the middle of an analysis. Thread-safe:
 * windows may be decoded in parallel, each by its own cursor.
 */
final class InflatedEntry {

    static final String IMPOSSIBLE_SIZE = "entry %s declares %d bytes from %d compressed, more than deflate "
            + "can produce (at most %d:1)";
    static final String BEYOND = "entry %s inflates beyond its declared size of %d bytes";
    static final String SHORT = "entry %s inflates to %d bytes, but declares %d";
    static final String BAD_CRC = "entry %s fails its CRC-32 check (declared %08x, computed %08x)";
    static final String CORRUPT = "entry %s is not valid deflate data: %s";

    /** Deflate's best case: a 258-byte match in about two bits. */
    static final int MAX_RATIO = 1032;

    private static final int MAX_IDLE_CURSORS = 4;
    private static final int BUFFER_BYTES = 64 << 10;

    private final Path file;
    private final ZipMember member;
    private final Deque<Cursor> idle = new ArrayDeque<>();

    InflatedEntry(Path file, ZipMember member) throws ModelFormatException {
        this.file = file;
        this.member = member;
        if (member.size() / MAX_RATIO > member.compressedSize() + 1) {
            throw ModelFormatException.at(file, member.localHeaderAt(), IMPOSSIBLE_SIZE, member.name(), member.size(),
                    member.compressedSize(), MAX_RATIO);
        }
    }

    /** Inflates the whole entry once: it must be valid deflate data of the declared size and CRC-32. */
    void verify() throws IOException, ModelFormatException {
        Cursor cursor = new Cursor();
        CRC32 crc = new CRC32();
        byte[] scratch = new byte[BUFFER_BYTES];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                // ask for one byte more than declared, so that an entry inflating beyond its size shows
                int want = (int) Math.min(scratch.length, member.size() + 1 - cursor.produced);
                int n = cursor.inflate(channel, scratch, 0, want);
                if (n < 0) {
                    break;
                }
                crc.update(scratch, 0, n);
                if (cursor.produced > member.size()) {
                    throw error(BEYOND, member.name(), member.size());
                }
            }
        } catch (DataFormatException e) {
            throw error(CORRUPT, member.name(), MessageText.reason(String.valueOf(e.getMessage())));
        } finally {
            cursor.inflater.end();
        }
        if (cursor.produced != member.size()) {
            throw error(SHORT, member.name(), cursor.produced, member.size());
        }
        if (crc.getValue() != member.crc()) {
            throw error(BAD_CRC, member.name(), member.crc(), crc.getValue());
        }
    }

    /** The first {@code length} inflated bytes (at most the entry's size); call after {@link #verify()}. */
    byte[] head(int length) throws IOException {
        byte[] head = new byte[(int) Math.min(length, member.size())];
        read(0, head);
        return head;
    }

    /** Decodes windows of the inflated bytes from {@code start} on: window offset 0 is inflated byte {@code start}. */
    DecodedBytes.Decoder decoder(long start) {
        return (offset, length) -> {
            byte[] window = new byte[length];
            read(start + offset, window);
            return ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN);
        };
    }

    private void read(long from, byte[] into) throws IOException {
        Cursor cursor = acquire(from);
        boolean healthy = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] scratch = cursor.produced < from ? new byte[BUFFER_BYTES] : null;
            while (cursor.produced < from) {
                int n = cursor.inflate(channel, scratch, 0, (int) Math.min(scratch.length, from - cursor.produced));
                if (n < 0) {
                    throw endedEarly();
                }
            }
            int done = 0;
            while (done < into.length) {
                int n = cursor.inflate(channel, into, done, into.length - done);
                if (n < 0) {
                    throw endedEarly();
                }
                done += n;
            }
            healthy = true;
        } catch (DataFormatException e) {
            throw new IOException(MessageText.path(file) + ": entry " + MessageText.name(member.name())
                    + " is not valid deflate data: " + MessageText.reason(String.valueOf(e.getMessage())), e);
        } finally {
            release(cursor, healthy);
        }
    }

    private IOException endedEarly() {
        return new IOException(MessageText.path(file) + ": entry " + MessageText.name(member.name())
                + " ended before its declared size; the file changed");
    }

    /** The idle cursor furthest along that has not passed {@code position}, or a new one. */
    private synchronized Cursor acquire(long position) {
        Cursor best = null;
        for (Cursor c : idle) {
            if (c.produced <= position && (best == null || c.produced > best.produced)) {
                best = c;
            }
        }
        if (best == null) {
            return new Cursor();
        }
        idle.remove(best);
        return best;
    }

    private synchronized void release(Cursor cursor, boolean healthy) {
        if (!healthy) {
            cursor.inflater.end();
            return;
        }
        idle.add(cursor);
        if (idle.size() > MAX_IDLE_CURSORS) {
            Cursor least = idle.stream().min((a, b) -> Long.compare(a.produced, b.produced)).orElseThrow();
            idle.remove(least);
            least.inflater.end();
        }
    }

    private ModelFormatException error(String template, Object... args) {
        return ModelFormatException.at(file, member.localHeaderAt(), template, args);
    }

    /** A decoding position in the entry. Used by one thread at a time. */
    private final class Cursor {
        final Inflater inflater = new Inflater(true);
        final byte[] input = new byte[BUFFER_BYTES];
        /** Compressed bytes handed to the inflater. */
        long consumed;
        /** Inflated bytes produced. */
        long produced;
        boolean padded;

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
    }
}
