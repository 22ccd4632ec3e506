package org.jaynes.formats.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.ModelFormatException;

/**
 * How a sparse tensor's stored values map to its dense shape: tflite's variant of the TACO format. The
 * dense tensor of rank {@code n}, optionally cut into blocks along {@code k} of its dimensions, is walked
 * in {@code traversalOrder} ({@code n + k} levels: the dimensions, counted in blocks where blocked, then
 * the dimensions inside a block); a dense level visits every index, a sparse level only those its CSR
 * segments and indices list. The stored values are the leaves of this walk, in order.
 *
 * <p>{@link #parse} checks the whole structure once, so that walking it cannot go wrong later: the
 * orders are permutations, block sizes divide their dimensions, dense sizes agree with the shape, every
 * segment list is non-decreasing from 0, every index is below its level's size, and the walk has exactly
 * as many leaves as the buffer holds values. Its cost is one pass over the index vectors, which stay in
 * the (mapped) file.
 *
 * @param traversalOrder the dimension walked at each level: {@code 0..n-1} for the dense dimensions,
 *                       {@code n + b} for the inside of block dimension {@code b}
 * @param blockMap       the dense dimension each block dimension cuts
 * @param blockSizes     the size of each block dimension
 * @param levels         one per traversal level
 * @param storedValues   the number of values the walk reaches
 */
record TfliteSparsity(int[] traversalOrder, int[] blockMap, int[] blockSizes, List<Level> levels, long storedValues) {

    static final String BAD_ORDER = "tensor %s: sparsity traversal_order %s is not a permutation of the dimensions "
            + "followed by the block dimensions (rank %d, %d blocks)";
    static final String BAD_BLOCK_MAP = "tensor %s: sparsity block_map %s does not name distinct dimensions of rank %d";
    static final String BAD_BLOCK = "tensor %s: sparsity block %d has size %d, which does not divide dimension %d (%d)";
    static final String LEVEL_COUNT = "tensor %s: sparsity has %d dim_metadata entries, expected %d";
    static final String BAD_DENSE = "tensor %s: sparsity level %d is dense of size %d, expected %d";
    static final String BAD_FORMAT = "tensor %s: sparsity level %d has unknown format %d (0 dense, 1 sparse CSR)";
    static final String BAD_INDEX_TYPE = "tensor %s: sparsity level %d %s has type %d, expected 1 (int32), "
            + "2 (uint16) or 3 (uint8)";
    static final String BAD_SEGMENTS = "tensor %s: sparsity level %d has %d segment bounds, expected %d";
    static final String SEGMENT_ORDER = "tensor %s: sparsity level %d segment bound %d is %d, expected a value from "
            + "%d to %d";
    static final String BAD_INDEX = "tensor %s: sparsity level %d index %d is %d, outside 0..%d";
    static final String TOO_DENSE = "tensor %s: its dense shape %s has more than %d elements, too many for a "
            + "sparse tensor";

    /** The most dense elements a sparse tensor may expand to. */
    static final long MAX_DENSE = Integer.MAX_VALUE;

    /**
     * One traversal level.
     *
     * @param sparse   whether only listed indices are visited
     * @param size     the number of indices the level has (its dense size)
     * @param segments for a sparse level, where each parent's indices start and end
     * @param indices  for a sparse level, the visited indices
     */
    record Level(boolean sparse, int size, IndexVector segments, IndexVector indices) {
    }

    /** A vector of int32, uint16 or uint8 indices in the file. */
    record IndexVector(FlatVector values) {

        int length() {
            return values.length();
        }

        int get(int i) {
            return switch (values.elementSize()) {
                case 1 -> values.u8(i);
                case 2 -> values.u16(i);
                default -> values.i32(i);
            };
        }
    }

    /** The sparsity of a tensor table, checked against its dense shape, or null when it is dense. */
    static TfliteSparsity parse(FlatTable tensor, String name, Shape shape) throws ModelFormatException {
        FlatTable table = tensor.table(TfliteSchema.TENSOR_SPARSITY, "sparsity");
        if (table == null) {
            return null;
        }
        long dense = shape.isCountable() ? shape.elementCount() : Long.MAX_VALUE;
        if (dense > MAX_DENSE) {
            throw table.error(TOO_DENSE, name, shape, MAX_DENSE);
        }
        int rank = shape.rank();
        int[] order = table.vector(TfliteSchema.SPARSITY_TRAVERSAL_ORDER, 4, "traversal_order").ints();
        int[] blockMap = table.vector(TfliteSchema.SPARSITY_BLOCK_MAP, 4, "block_map").ints();
        checkPermutations(table, name, order, blockMap, rank);
        FlatVector metadata = table.vector(TfliteSchema.SPARSITY_DIM_METADATA, 4, "dim_metadata");
        if (metadata.length() != order.length) {
            throw table.error(LEVEL_COUNT, name, metadata.length(), order.length);
        }
        List<FlatTable> dims = new ArrayList<>(order.length);
        for (int p = 0; p < order.length; p++) {
            dims.add(metadata.table(p, tensor.what() + " sparsity level " + p));
        }
        int[] blockSizes = new int[blockMap.length];
        for (int p = rank; p < order.length; p++) {
            int b = order[p] - rank;
            blockSizes[b] = dims.get(p).i32(TfliteSchema.DIMENSION_DENSE_SIZE, 0);
            long dim = shape.dim(blockMap[b]);
            if (blockSizes[b] <= 0 || dim % blockSizes[b] != 0) {
                throw dims.get(p).error(BAD_BLOCK, name, b, blockSizes[b], blockMap[b], dim);
            }
        }
        List<Level> levels = new ArrayList<>(order.length);
        long parents = 1;
        for (int p = 0; p < order.length; p++) {
            int size = p < rank ? levelSize(shape, order[p], blockMap, blockSizes) : blockSizes[order[p] - rank];
            Level level = level(dims.get(p), name, p, size, parents);
            levels.add(level);
            parents = level.sparse() ? level.segments().get((int) parents) : parents * size;
            if (parents > MAX_DENSE) {
                throw table.error(TOO_DENSE, name, shape, MAX_DENSE);
            }
        }
        return new TfliteSparsity(order, blockMap, blockSizes, levels, parents);
    }

    private static void checkPermutations(FlatTable table, String name, int[] order, int[] blockMap, int rank)
            throws ModelFormatException {
        boolean[] mapped = new boolean[rank];
        for (int d : blockMap) {
            if (d < 0 || d >= rank || mapped[d]) {
                throw table.error(BAD_BLOCK_MAP, name, Arrays.toString(blockMap), rank);
            }
            mapped[d] = true;
        }
        boolean ok = order.length == rank + blockMap.length;
        boolean[] seen = new boolean[order.length];
        for (int p = 0; ok && p < order.length; p++) {
            int v = order[p];
            ok = p < rank ? v >= 0 && v < rank && !seen[v] : v >= rank && v < order.length && !seen[v];
            if (ok) {
                seen[v] = true;
            }
        }
        if (!ok) {
            throw table.error(BAD_ORDER, name, Arrays.toString(order), rank, blockMap.length);
        }
    }

    /** The number of indices of dense dimension {@code d}: counted in blocks when it is blocked. */
    private static int levelSize(Shape shape, int d, int[] blockMap, int[] blockSizes) {
        long size = shape.dim(d);
        for (int b = 0; b < blockMap.length; b++) {
            if (blockMap[b] == d) {
                size /= blockSizes[b];
            }
        }
        return (int) size;
    }

    private static Level level(FlatTable dim, String name, int p, int size, long parents)
            throws ModelFormatException {
        int format = dim.i8(TfliteSchema.DIMENSION_FORMAT, 0);
        if (format == 0) {
            int denseSize = dim.i32(TfliteSchema.DIMENSION_DENSE_SIZE, 0);
            if (denseSize != size) {
                throw dim.error(BAD_DENSE, name, p, denseSize, size);
            }
            return new Level(false, size, null, null);
        }
        if (format != 1) {
            throw dim.error(BAD_FORMAT, name, p, format);
        }
        IndexVector segments = indexVector(dim, name, p, TfliteSchema.DIMENSION_SEGMENTS_TYPE, "array_segments");
        IndexVector indices = indexVector(dim, name, p, TfliteSchema.DIMENSION_INDICES_TYPE, "array_indices");
        if (segments.length() != parents + 1) {
            throw dim.error(BAD_SEGMENTS, name, p, segments.length(), parents + 1);
        }
        int previous = 0;
        for (int i = 0; i <= parents; i++) {
            int bound = segments.get(i);
            int lowest = i == 0 ? 0 : previous;
            int highest = i == 0 ? 0 : indices.length();
            if (bound < lowest || bound > highest) {
                throw dim.error(SEGMENT_ORDER, name, p, i, bound, lowest, highest);
            }
            previous = bound;
        }
        for (int i = 0; i < previous; i++) {
            int index = indices.get(i);
            if (index < 0 || index >= size) {
                throw dim.error(BAD_INDEX, name, p, i, index, size - 1);
            }
        }
        return new Level(true, size, segments, indices);
    }

    private static IndexVector indexVector(FlatTable dim, String name, int p, int typeId, String field)
            throws ModelFormatException {
        int type = dim.u8(typeId, 0);
        int size = switch (type) {
            case 1 -> 4;
            case 2 -> 2;
            case 3 -> 1;
            default -> throw dim.error(BAD_INDEX_TYPE, name, p, field, type);
        };
        FlatTable vector = dim.table(typeId + 1, field);
        if (vector == null) {
            throw dim.error(BAD_INDEX_TYPE, name, p, field, 0);
        }
        return new IndexVector(vector.vector(TfliteSchema.INDEX_VECTOR_VALUES, size, "values"));
    }
}
