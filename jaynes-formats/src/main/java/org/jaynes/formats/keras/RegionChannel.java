package org.jaynes.formats.keras;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Bytes {@code [start, start + length)} of a file as a read-only channel of their own, position 0 being
 * byte {@code start}: how jHDF reads an HDF5 file, whole or stored uncompressed inside a zip archive,
 * without a copy. It remembers where the last read started and counts reads: jHDF reports a malformed
 * structure, or runs out of heap allocating the size one claims, without saying where it is, and the
 * structure it was reading is the one it read last ({@link HdfFailure}). A read asking for more bytes than
 * the region holds from its position is refused (an {@link EOFException}), not shortened: jHDF asks for
 * exactly the size a structure claims. Not thread-safe (a channel has one position); jHDF wraps it in a
 * locking {@code FileChannel}.
 */
final class RegionChannel implements SeekableByteChannel {

    private final FileChannel channel;
    private final long start;
    private final long length;
    private long position;
    private long lastRead;
    private long reads;

    RegionChannel(Path file, long start, long length) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.start = start;
        this.length = length;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        ensureOpen();
        if (position >= length) {
            return -1;
        }
        lastRead = position;
        reads++;
        if (destination.remaining() > length - position) {
            // jHDF reads a structure of the size its header claims, and retries a short read at the same
            // position until its buffer is full: a size past the end would fill hundreds of MB with copies
            throw new EOFException(String.format(Locale.ROOT, "a structure of %d bytes at byte %d runs past the "
                    + "end of the file (%d bytes)", destination.remaining(), position, length));
        }
        ByteBuffer bounded = destination.slice();
        bounded.limit((int) Math.min(bounded.remaining(), length - position));
        int n = channel.read(bounded, start + position);
        if (n > 0) {
            destination.position(destination.position() + n);
            position += n;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    /** Where the last read started, relative to the region; 0 before any. */
    long lastRead() {
        return lastRead;
    }

    /** How many reads there have been. */
    long reads() {
        return reads;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
    }
}
