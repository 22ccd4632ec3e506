package org.jaynes.core.tensor;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Bytes {@code [offset, offset + length)} of a file, memory-mapped one window at a time. The file is
 * opened read-only for each window; the mapping outlives the channel and is released by the garbage
 * collector, so no window pins more than {@link ByteSource#MAX_WINDOW} bytes of address space per call.
 *
 * @param file   the file; readers check that the region lies inside it before handing it out
 * @param offset first byte of the region in the file
 * @param length bytes in the region
 */
public record FileRegion(Path file, long offset, long length) implements ByteSource {

    public FileRegion {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
    }

    @Override
    public List<Path> files() {
        return List.of(file);
    }

    @Override
    public ByteBuffer read(long windowOffset, int windowLength, ByteBuffer scratch) throws IOException {
        ByteSource.checkWindow(windowOffset, windowLength, length);
        if (scratch.capacity() < windowLength) {
            return window(windowOffset, windowLength);
        }
        ByteBuffer target = scratch.clear().limit(windowLength);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (target.hasRemaining()) {
                if (channel.read(target, offset + windowOffset + target.position()) < 0) {
                    throw new EOFException(String.format(Locale.ROOT, "%s ends before byte %d", file,
                            offset + windowOffset + windowLength));
                }
            }
        }
        return target.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer window(long windowOffset, int windowLength) throws IOException {
        ByteSource.checkWindow(windowOffset, windowLength, length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset + windowOffset, windowLength)
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
