package org.jaynes.nn.tensor;

import java.util.Locale;

/**
 * The shape of one example seen as an image, channels × height × width, stored flat in NCHW order: value
 * (c, y, x) of a row is at {@code (c · height + y) · width + x}, as PyTorch lays out a contiguous
 * {@code [C, H, W]} tensor and as {@code nn.Flatten} reads it.
 *
 * @param channels at least 1
 * @param height   at least 1
 * @param width    at least 1
 */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "an image needs positive channels, height and width, not %dx%dx%d", channels, height, width));
        }
        Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** Values per example: channels · height · width. */
    public int size() {
        return channels * height * width;
    }

    /** Values per channel: height · width. */
    public int plane() {
        return height * width;
    }

    /** {@code 16x7x7}: channels x height x width, in ASCII for terminals of any encoding. */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
