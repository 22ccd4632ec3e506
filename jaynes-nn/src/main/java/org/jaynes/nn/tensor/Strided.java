package org.jaynes.nn.tensor;

/**
 * A matrix seen through an array and two strides: element (i, j) is {@code values[i·row + j·column]}. A
 * row-major m×n matrix is (n, 1), its transpose (1, n). Mutable and reused by {@link MatrixProduct}, so that
 * a product allocates nothing.
 */
final class Strided {

    private float[] values;
    private int row;
    private int column;

    Strided set(float[] values, int row, int column) {
        this.values = values;
        this.row = row;
        this.column = column;
        return this;
    }

    float[] values() {
        return values;
    }

    int row() {
        return row;
    }

    int column() {
        return column;
    }
}
