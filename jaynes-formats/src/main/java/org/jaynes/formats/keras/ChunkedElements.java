package org.jaynes.formats.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.formats.MessageText;

/**
 * Reads elements of a chunked dataset (compressed or not) without holding the dataset in memory: the
 * run of elements is split into {@link RowMajorBoxes}, every chunk a box touches is decompressed once (by
 * jHDF, which knows the filters: deflate, shuffle, Fletcher-32, LZF, LZ4, bitshuffle) and the box's rows
 * are copied out of it.
 *
 * <p>Each read opens the HDF5 file anew, so reads share no state and may run in parallel; opening parses
 * the superblock, the groups on the dataset's path and its chunk index. Cost per read: the chunks it
 * touches, decompressed once each; a chunk that straddles two reads is decompressed by both, so reads of
 * at least a row of chunks cost about one decompression of the dataset in all. Heap: the read's bytes and
 * one chunk. A chunk that was never written (HDF5 would give its fill value) is an error.
 */
final class ChunkedElements implements ElementDecoder.Elements {

    private final HdfLocation location;
    private final String path;
    private final long[] dims;
    private final int[] chunk;
    private final int elementSize;

    /**
     * @param location    where the HDF5 file is
     * @param path        the dataset's path in it
     * @param dims        the dataset's dimensions (rank ≥ 1)
     * @param chunk       its chunk dimensions, each ≥ 1, as many as {@code dims}
     * @param elementSize bytes per element
     */
    ChunkedElements(HdfLocation location, String path, long[] dims, int[] chunk, int elementSize) {
        this.location = location;
        this.path = path;
        this.dims = dims.clone();
        this.chunk = chunk.clone();
        this.elementSize = elementSize;
    }

    @Override
    public ByteBuffer read(long first, int count) throws IOException {
        byte[] out = new byte[Math.multiplyExact(count, elementSize)];
        List<RowMajorBoxes.Box> boxes = RowMajorBoxes.of(dims, first, first + count);
        long[] boxStarts = new long[boxes.size()];
        long at = 0;
        for (int b = 0; b < boxes.size(); b++) {
            boxStarts[b] = at;
            at += boxes.get(b).elements();
        }
        try (RegionChannel channel = location.channel(); HdfFile hdf = location.open(channel)) {
            Dataset dataset = hdf.getDatasetByPath(path);
            if (!(dataset instanceof ChunkedDataset chunked)) {
                throw new IOException(location.describe() + ": dataset " + MessageText.name(path)
                        + " is no longer chunked; the file changed");
            }
            for (Map.Entry<ChunkKey, List<Integer>> touched : chunksTouched(boxes).entrySet()) {
                int[] chunkOffset = touched.getKey().offset();
                byte[] data = chunked.getDecompressedChunk(chunkOffset);
                if (data.length != chunkBytes()) {
                    throw new IOException(location.describe() + MessageText.format(
                            ": dataset %s: chunk at %s decompresses to %d bytes, expected %d",
                            path, Arrays.toString(chunkOffset), data.length, chunkBytes()));
                }
                for (int b : touched.getValue()) {
                    copy(data, chunkOffset, boxes.get(b), boxStarts[b], out);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(location.describe() + ": dataset " + MessageText.name(path) + ": "
                    + MessageText.reason(HdfTensors.describe(e)), e);
        }
        return ByteBuffer.wrap(out);
    }

    /** A chunk, by the element index of its first element. */
    private record ChunkKey(int[] offset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ChunkKey k && Arrays.equals(offset, k.offset);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(offset);
        }

        @Override
        public String toString() {
            return Arrays.toString(offset);
        }
    }

    /** Every chunk a box touches, in order of first touch, with the boxes touching it. */
    private Map<ChunkKey, List<Integer>> chunksTouched(List<RowMajorBoxes.Box> boxes) {
        Map<ChunkKey, List<Integer>> touched = new LinkedHashMap<>();
        int rank = dims.length;
        for (int b = 0; b < boxes.size(); b++) {
            RowMajorBoxes.Box box = boxes.get(b);
            long[] low = new long[rank];
            long[] high = new long[rank];
            for (int d = 0; d < rank; d++) {
                low[d] = box.offset()[d] / chunk[d];
                high[d] = (box.offset()[d] + box.shape()[d] - 1) / chunk[d];
            }
            long[] grid = low.clone();
            while (true) {
                int[] offset = new int[rank];
                for (int d = 0; d < rank; d++) {
                    offset[d] = Math.toIntExact(grid[d] * chunk[d]);
                }
                touched.computeIfAbsent(new ChunkKey(offset), k -> new java.util.ArrayList<>()).add(b);
                int d = rank - 1;
                while (d >= 0 && grid[d] == high[d]) {
                    grid[d] = low[d];
                    d--;
                }
                if (d < 0) {
                    break;
                }
                grid[d]++;
            }
        }
        return touched;
    }

    /** Copies the part of a box inside a chunk, run by run along the last dimension. */
    private void copy(byte[] data, int[] chunkOffset, RowMajorBoxes.Box box, long boxStart, byte[] out) {
        int rank = dims.length;
        long[] low = new long[rank];
        long[] high = new long[rank];
        for (int d = 0; d < rank; d++) {
            low[d] = Math.max(box.offset()[d], chunkOffset[d]);
            high[d] = Math.min(box.offset()[d] + box.shape()[d], (long) chunkOffset[d] + chunk[d]);
            if (low[d] >= high[d]) {
                return;
            }
        }
        int run = (int) (high[rank - 1] - low[rank - 1]) * elementSize;
        long[] index = low.clone();
        while (true) {
            long inChunk = 0;
            long inBox = 0;
            for (int d = 0; d < rank; d++) {
                inChunk = inChunk * chunk[d] + (index[d] - chunkOffset[d]);
                inBox = inBox * box.shape()[d] + (index[d] - box.offset()[d]);
            }
            System.arraycopy(data, (int) (inChunk * elementSize), out, (int) ((boxStart + inBox) * elementSize), run);
            int d = rank - 2;
            while (d >= 0 && index[d] == high[d] - 1) {
                index[d] = low[d];
                d--;
            }
            if (d < 0) {
                return;
            }
            index[d]++;
        }
    }

    private int chunkBytes() {
        int bytes = elementSize;
        for (int c : chunk) {
            bytes = Math.multiplyExact(bytes, c);
        }
        return bytes;
    }
}
