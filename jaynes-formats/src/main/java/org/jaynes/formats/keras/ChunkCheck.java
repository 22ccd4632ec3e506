package org.jaynes.formats.keras;

import io.jhdf.api.dataset.ChunkedDataset;
import java.util.Arrays;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;

/**
 * Decompresses every chunk of a chunked dataset once, when the model is opened, so that a corrupt chunk
 * is bad input named at its byte for {@code inspect} and {@code analyze} alike, not a read failure halfway
 * through an analysis. Every chunk must be in the file (HDF5 would give a chunk never written its fill
 * value; jaynes reads only data the file holds) and decompress to exactly a chunk's size. A chunk over an
 * eighth of the heap is refused before anything is decompressed: the analysis decompresses one per
 * worker at a time, and jHDF holds a chunk whole.
 *
 * <p>The byte named is where jHDF last read ({@link RegionChannel#lastRead}): the chunk's stored bytes
 * when they were read and failed to decompress, else the chunk index or the dataset. Cost: one
 * decompression of the dataset at open (Keras writes contiguous datasets, which need none); heap: one
 * chunk and what jHDF makes of it.
 */
final class ChunkCheck {

    static final String CHUNK_TOO_LARGE = "dataset %s: its chunks of %d bytes are more than jaynes decompresses at "
            + "once (%d MiB, an eighth of the heap)";
    static final String UNREADABLE = "dataset %s: chunk %s cannot be read: %s";
    static final String WRONG_SIZE = "dataset %s: chunk %s decompresses to %d bytes, expected %d";
    static final String OUT_OF_HEAP = "dataset %s: chunk %s decompresses to more than the heap holds (%d MiB; jHDF: %s)";

    /** The share of the maximum heap one chunk may take: one part in this many. */
    static final int HEAP_SHARE = 8;

    private ChunkCheck() {
    }

    /**
     * Checks every chunk of {@code dataset}, read through {@code channel}.
     *
     * @param dims        the dataset's dimensions (rank ≥ 1, each ≥ 1)
     * @param chunk       its chunk dimensions, each ≥ 1, as many as {@code dims}
     * @param elementSize bytes per element
     * @param at          the dataset's object header offset, for a failure that read nothing
     */
    static void all(HdfLocation location, RegionChannel channel, String path, ChunkedDataset dataset, long[] dims,
                    int[] chunk, int elementSize, long at) throws ModelFormatException {
        long chunkBytes = elementSize;
        for (int c : chunk) {
            chunkBytes = chunkBytes > Long.MAX_VALUE / c ? Long.MAX_VALUE : chunkBytes * c;
        }
        long limit = Runtime.getRuntime().maxMemory() / HEAP_SHARE;
        if (chunkBytes > limit) {
            throw location.error(at, CHUNK_TOO_LARGE, path, chunkBytes, limit >> 20);
        }
        int rank = dims.length;
        long[] grid = new long[rank];
        while (true) {
            int[] offset = new int[rank];
            for (int d = 0; d < rank; d++) {
                offset[d] = Math.toIntExact(grid[d] * chunk[d]);
            }
            check(location, channel, path, dataset, offset, chunkBytes, at);
            int d = rank - 1;
            while (d >= 0 && (grid[d] + 1) * chunk[d] >= dims[d]) {
                grid[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
            grid[d]++;
        }
    }

    private static void check(HdfLocation location, RegionChannel channel, String path, ChunkedDataset dataset,
                              int[] offset, long chunkBytes, long at) throws ModelFormatException {
        long readsBefore = channel.reads();
        String chunk = Arrays.toString(offset);
        int decompressed;
        try {
            decompressed = dataset.getDecompressedChunk(offset).length;
        } catch (RuntimeException e) {
            throw placed(location, channel, readsBefore, at, UNREADABLE, path, chunk,
                    MessageText.reason(HdfTensors.describe(e)));
        } catch (OutOfMemoryError e) {
            throw placed(location, channel, readsBefore, at, OUT_OF_HEAP, path, chunk,
                    Runtime.getRuntime().maxMemory() >> 20, MessageText.reason(String.valueOf(e.getMessage())));
        }
        if (decompressed != chunkBytes) {
            throw location.error(channel.lastRead(), WRONG_SIZE, path, chunk, decompressed, chunkBytes);
        }
    }

    /** The failure at the byte last read, if the failed step read anything; else at the dataset. */
    private static ModelFormatException placed(HdfLocation location, RegionChannel channel, long readsBefore,
                                               long at, String template, Object... args) {
        return location.error(channel.reads() > readsBefore ? channel.lastRead() : at, template, args);
    }
}
