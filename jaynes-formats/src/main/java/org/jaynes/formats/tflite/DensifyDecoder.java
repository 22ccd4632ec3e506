package org.jaynes.formats.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.ElementWindow;
import org.jaynes.core.tensor.Shape;

/**
 * The dense bytes of a sparse tensor, any window on demand, as tflite's DENSIFY operator computes them:
 * every element the sparsity does not list is zero (all bytes 0), every listed one is the next stored
 * value in traversal order.
 *
 * <p>Algorithm: the walk of {@link TfliteSparsity} is replayed for each window, and each leaf whose
 * dense position falls in the window is copied there. A leaf's position among the leaves is the position
 * the last level reached, which is the index of its stored value; its dense index comes from the level
 * indices ({@code index[d] = index[d] * blockSize + inner} for blocked dimensions). Cost per window: one
 * walk, linear in the stored values and the dense levels' sizes; heap: the window and the stored values
 * window. Stateless and thread-safe.
 *
 * @see <a href="https://github.com/tensorflow/tensorflow/blob/master/tensorflow/lite/kernels/internal/utils/sparsity_format_converter.cc">
 *      tflite's FormatConverter</a>
 */
final class DensifyDecoder implements DecodedBytes.Decoder {

    private final ByteSource stored;
    private final int elementSize;
    private final TfliteSparsity sparsity;
    private final long[] strides;

    /**
     * @param stored      the stored values, {@code sparsity.storedValues()} elements
     * @param elementSize bytes per element
     * @param sparsity    the checked sparsity
     * @param shape       the dense shape
     */
    DensifyDecoder(ByteSource stored, int elementSize, TfliteSparsity sparsity, Shape shape) {
        this.stored = stored;
        this.elementSize = elementSize;
        this.sparsity = sparsity;
        this.strides = new long[shape.rank()];
        long stride = 1;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape.dim(d);
        }
    }

    static DecodedBytes source(ByteSource stored, int elementSize, TfliteSparsity sparsity, Shape shape) {
        return new DecodedBytes(shape.elementCount() * elementSize, stored.files(),
                new DensifyDecoder(stored, elementSize, sparsity, shape));
    }

    @Override
    public ByteBuffer decode(long offset, int length) throws IOException {
        ElementWindow window = ElementWindow.of(offset, length, elementSize);
        Walk walk = new Walk(window.first(), window.end(), stored.window(0, Math.toIntExact(stored.length())));
        walk.visit(0, 0);
        return window.cut(walk.out);
    }

    /** One replay of the walk, filling the elements {@code [first, end)}. */
    private final class Walk {

        private final long first;
        private final long end;
        private final ByteBuffer values;
        private final ByteBuffer out;
        private final int[] indices;
        private final long[] dense;

        Walk(long first, long end, ByteBuffer values) {
            this.first = first;
            this.end = end;
            this.values = values;
            this.out = ByteBuffer.allocate(Math.toIntExact((end - first) * elementSize)).order(ByteOrder.LITTLE_ENDIAN);
            this.indices = new int[sparsity.traversalOrder().length];
            this.dense = new long[strides.length];
        }

        /** Visits level {@code p} under the parent at position {@code parent} of level {@code p - 1}. */
        void visit(int p, long parent) {
            List<TfliteSparsity.Level> levels = sparsity.levels();
            if (p == levels.size()) {
                leaf(parent);
                return;
            }
            TfliteSparsity.Level level = levels.get(p);
            if (level.sparse()) {
                int from = level.segments().get((int) parent);
                int to = level.segments().get((int) parent + 1);
                for (int i = from; i < to; i++) {
                    indices[p] = level.indices().get(i);
                    visit(p + 1, i);
                }
            } else {
                for (int i = 0; i < level.size(); i++) {
                    indices[p] = i;
                    visit(p + 1, parent * level.size() + i);
                }
            }
        }

        private void leaf(long storedIndex) {
            int[] order = sparsity.traversalOrder();
            int rank = strides.length;
            for (int p = 0; p < rank; p++) {
                dense[order[p]] = indices[p];
            }
            for (int p = rank; p < order.length; p++) {
                int b = order[p] - rank;
                int d = sparsity.blockMap()[b];
                dense[d] = dense[d] * sparsity.blockSizes()[b] + indices[p];
            }
            long flat = 0;
            for (int d = 0; d < rank; d++) {
                flat += dense[d] * strides[d];
            }
            if (flat >= first && flat < end) {
                int to = (int) ((flat - first) * elementSize);
                int from = (int) (storedIndex * elementSize);
                for (int b = 0; b < elementSize; b++) {
                    out.put(to + b, values.get(from + b));
                }
            }
        }
    }
}
