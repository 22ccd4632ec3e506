package org.jaynes.formats.zip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.DataFormatException;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * The inflated bytes of one deflated zip entry, produced on demand with bounded memory and no
 * temporary file.
 *
 * <p>Design: deflate can only be decoded from the start, so the entry keeps a few decoding positions
 * ({@link DeflateCursor}s, at most {@value #MAX_IDLE_CURSORS} kept idle). A window is decoded by the idle
 * cursor furthest along that has not passed the window's start, or by a new cursor from the start; it
 * inflates and discards up to the window, then fills it. Windows read in order (as the analysis reads
 * them) therefore cost one pass over the entry in all; windows read out of order cost a pass from the
 * nearest cursor. The alternative, inflating every entry once into a temporary file
 * ({@link InflatedCopy}), is faster for random access but needs disk space equal to the inflated model.
 *
 * <p>{@link #verify()} inflates the whole entry once when the archive is opened ({@link Inflation}), so
 * that a corrupt stream, an entry that inflates beyond (or short of) its declared size, or a CRC-32
 * mismatch is a {@link ModelFormatException} then rather than an I/O error in the middle of an analysis.
 * Thread-safe: windows may be decoded in parallel, each by its own cursor.
 */
public final class InflatedEntry {

    private static final int MAX_IDLE_CURSORS = 4;

    private final Path file;
    private final ZipMember member;
    private final Deque<DeflateCursor> idle = new ArrayDeque<>();

    /** The deflated entry {@code member} of the archive {@code file}; its declared size is checked at once. */
    public InflatedEntry(Path file, ZipMember member) throws ModelFormatException {
        this.file = file;
        this.member = member;
        Inflation.checkDeclaredSize(file, member);
    }

    /** Inflates the whole entry once: it must be valid deflate data of the declared size and CRC-32. */
    public void verify() throws IOException, ModelFormatException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Inflation.inflateWhole(file, channel, member, (bytes, length) -> { });
        }
    }

    /** The first {@code length} inflated bytes (at most the entry's size); call after {@link #verify()}. */
    public byte[] head(int length) throws IOException {
        byte[] head = new byte[(int) Math.min(length, member.size())];
        read(0, head);
        return head;
    }

    /** Decodes windows of the inflated bytes from {@code start} on: window offset 0 is inflated byte {@code start}. */
    public DecodedBytes.Decoder decoder(long start) {
        return (offset, length) -> {
            byte[] window = new byte[length];
            read(start + offset, window);
            return ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN);
        };
    }

    private void read(long from, byte[] into) throws IOException {
        DeflateCursor cursor = acquire(from);
        boolean healthy = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] scratch = cursor.produced() < from ? new byte[DeflateCursor.BUFFER_BYTES] : null;
            while (cursor.produced() < from) {
                int n = cursor.inflate(channel, scratch, 0, (int) Math.min(scratch.length, from - cursor.produced()));
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
    private synchronized DeflateCursor acquire(long position) {
        DeflateCursor best = null;
        for (DeflateCursor c : idle) {
            if (c.produced() <= position && (best == null || c.produced() > best.produced())) {
                best = c;
            }
        }
        if (best == null) {
            return new DeflateCursor(file, member);
        }
        idle.remove(best);
        return best;
    }

    private synchronized void release(DeflateCursor cursor, boolean healthy) {
        if (!healthy) {
            cursor.close();
            return;
        }
        idle.add(cursor);
        if (idle.size() > MAX_IDLE_CURSORS) {
            DeflateCursor least = idle.stream().min((a, b) -> Long.compare(a.produced(), b.produced())).orElseThrow();
            idle.remove(least);
            least.close();
        }
    }
}
