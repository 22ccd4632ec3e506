package org.jaynes.formats.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.CompactDataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * Locates a numeric dataset's values, by its storage layout:
 * <ul>
 *   <li>contiguous (what Keras writes): a {@link FileRegion} at the dataset's data address (plus the
 *       file's user block), checked to lie inside the file; byte-swapped window by window when
 *       big-endian;</li>
 *   <li>chunked, with or without filters (compression): {@link DecodedBytes} over
 *       {@link ChunkedElements}; the filters are checked, and every chunk decompressed once
 *       ({@link ChunkCheck}), up front;</li>
 *   <li>compact (at most 64 KiB, inside the object header): copied to the heap.</li>
 * </ul>
 * A dataset with elements but no storage (created, never written) is refused, as is any other layout.
 */
final class DatasetBytes {

    static final String OUTSIDE = "dataset %s: its %d bytes of data at byte %d end past the end of the file "
            + "(%d bytes): the file is truncated or corrupt";
    static final String NEVER_WRITTEN = "dataset %s has no data in the file: it was created but never written";
    static final String BAD_CHUNKS = "dataset %s has chunk dimensions %s for its shape %s";
    static final String FILTERS = "dataset %s: its chunks cannot be decoded: %s";
    static final String SIZE = "dataset %s holds %d bytes, but %s elements of %d bytes need %d";
    static final String LAYOUT = "dataset %s has a storage layout jaynes does not read (%s)";

    private DatasetBytes() {
    }

    /**
     * The dataset's values as little-endian {@code element} values.
     *
     * @param base   the file's base address (the user block's size): HDF5 addresses are relative to it
     * @param at     the dataset's object header offset, for messages
     * @param bytes  {@code shape.elementCount() × element size}
     */
    static ByteSource of(HdfLocation location, RegionChannel channel, long base, String path, Dataset dataset,
                         Shape shape, HdfElement element, long bytes, long at) throws IOException, ModelFormatException {
        if (bytes == 0) {
            return HeapBytes.of(new byte[0]);
        }
        int size = element.dtype().byteSize();
        if (dataset instanceof ContiguousDataset contiguous) {
            if (contiguous.isEmpty()) {
                throw location.error(at, NEVER_WRITTEN, path);
            }
            long address = contiguous.getDataAddress();
            if (address < 0 || base + address > location.length() - bytes) {
                throw location.error(at, OUTSIDE, path, bytes, base + address, location.length());
            }
            FileRegion region = location.region(base + address, bytes);
            return element.bigEndian()
                    ? new DecodedBytes(bytes, region.files(), new ElementDecoder((first, count) -> region.window(first * size,
                            count * size), size, true))
                    : region;
        }
        if (dataset instanceof ChunkedDataset chunked) {
            return chunked(location, channel, path, chunked, shape, element, bytes, at);
        }
        if (dataset instanceof CompactDataset compact) {
            ByteBuffer stored = compact.getDataBuffer();
            if (stored.remaining() != bytes) {
                throw location.error(at, SIZE, path, stored.remaining(), shape.elementCount(), size, bytes);
            }
            byte[] copy = new byte[(int) bytes];
            stored.get(stored.position(), copy);
            if (element.bigEndian()) {
                ElementDecoder.swap(copy, size);
            }
            return HeapBytes.of(copy);
        }
        throw location.error(at, LAYOUT, path, dataset.getDataLayout());
    }

    private static ByteSource chunked(HdfLocation location, RegionChannel channel, String path,
                                      ChunkedDataset dataset, Shape shape, HdfElement element, long bytes, long at)
            throws ModelFormatException {
        int[] chunk = dataset.getChunkDimensions();
        if (chunk.length != shape.rank() || java.util.Arrays.stream(chunk).anyMatch(c -> c < 1)) {
            throw location.error(at, BAD_CHUNKS, path, java.util.Arrays.toString(chunk), shape);
        }
        if (dataset.isEmpty()) {
            throw location.error(at, NEVER_WRITTEN, path);
        }
        try {
            dataset.getFilters();
        } catch (HdfException e) {
            throw location.error(at, FILTERS, path, MessageText.reason(HdfTensors.describe(e)));
        }
        int size = element.dtype().byteSize();
        ChunkCheck.all(location, channel, path, dataset, shape.dims(), chunk, size, at);
        DecodedBytes values = new DecodedBytes(bytes, List.of(location.file()), new ElementDecoder(
                new ChunkedElements(location, path, shape.dims(), chunk, size), size, element.bigEndian()));
        return values;
    }
}
