package org.jaynes.dynamics.boltzmann;

/**
 * Binary training data: {@code rows} samples of {@code width · height} bits (0 or 1), row-major, one byte per
 * bit. Immutable once built (the array is copied in and never handed out).
 *
 * @param name   where it came from, for reports
 * @param rows   number of samples
 * @param width  image width (columns of a sample)
 * @param height image height
 */
public record BinaryData(String name, int rows, int width, int height, byte[] bits) {

    public BinaryData {
        if (rows < 1 || width < 1 || height < 1 || bits.length != (long) rows * width * height) {
            throw new IllegalArgumentException("expected " + rows + " samples of " + width + " x " + height
                    + " bits, found " + bits.length + " bits");
        }
        bits = bits.clone();
        for (int k = 0; k < bits.length; k++) {
            if (bits[k] != 0 && bits[k] != 1) {
                throw new IllegalArgumentException("bit " + k + " is " + bits[k] + ", not 0 or 1");
            }
        }
    }

    @Override
    public byte[] bits() {
        return bits.clone();
    }

    /** Bits per sample. */
    public int columns() {
        return width * height;
    }

    /** Bit j of sample r. */
    public int bit(int row, int column) {
        return bits[row * columns() + column];
    }

    /** The first {@code count} samples (all when count ≥ rows). */
    public BinaryData head(int count) {
        if (count >= rows) {
            return this;
        }
        byte[] part = new byte[count * columns()];
        System.arraycopy(bits, 0, part, 0, part.length);
        return new BinaryData(name, count, width, height, part);
    }

    /** Copies sample r into {@code out} as 0.0 / 1.0. */
    void copyRow(int row, double[] out) {
        int base = row * columns();
        for (int j = 0; j < out.length; j++) {
            out[j] = bits[base + j];
        }
    }
}
