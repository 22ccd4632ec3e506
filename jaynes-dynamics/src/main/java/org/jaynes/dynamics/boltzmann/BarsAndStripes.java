package org.jaynes.dynamics.boltzmann;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The bars-and-stripes data set (MacKay 2003, §43): D × D images in which every row is all on or all off
 * (stripes) or every column is (bars), 2^{D+1} − 2 distinct images, drawn by picking the
 * orientation, then each line's bit, uniformly (the all-off and all-on images come from either orientation,
 * so they are twice as frequent). A small, exactly known target for a restricted Boltzmann machine.
 */
public final class BarsAndStripes {

    private BarsAndStripes() {
    }

    /** {@code samples} images of {@code side} × {@code side} bits. */
    public static BinaryData generate(int side, int samples, UniformRandomProvider rng) {
        if (side < 2 || side > 16 || samples < 1) {
            throw new IllegalArgumentException("bars and stripes need a side of 2 to 16 and at least one sample, not "
                    + side + " and " + samples);
        }
        int v = side * side;
        byte[] bits = new byte[samples * v];
        for (int r = 0; r < samples; r++) {
            boolean bars = rng.nextBoolean();
            for (int line = 0; line < side; line++) {
                byte on = rng.nextBoolean() ? (byte) 1 : (byte) 0;
                for (int k = 0; k < side; k++) {
                    int row = bars ? k : line;
                    int column = bars ? line : k;
                    bits[r * v + row * side + column] = on;
                }
            }
        }
        return new BinaryData("bars-and-stripes " + side + "x" + side, samples, side, side, bits);
    }
}
