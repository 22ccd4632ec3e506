package org.jaynes.nn.data;

import java.util.Optional;
import org.jaynes.nn.tensor.ImageShape;

/**
 * Labelled examples for classification: {@code size} rows of {@code features} values and a class in
 * [0, classes) each. Images are kept as unsigned bytes and scaled to [0, 1] when copied, so 60,000
 * 28×28 images cost 47 MB, not 188. Rows may carry an {@link ImageShape} (C×H×W in NCHW order), which a
 * convolutional network needs. Immutable; thread-safe.
 */
public final class Dataset {

    private final int size;
    private final int features;
    private final int classes;
    private final byte[] bytes;
    private final float[] values;
    private final int[] labels;
    private final ImageShape image;

    private Dataset(int size, int features, int classes, byte[] bytes, float[] values, int[] labels,
                    ImageShape image) {
        if (labels.length != size) {
            throw new IllegalArgumentException("expected " + size + " labels, found " + labels.length);
        }
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is not in [0, "
                        + classes + ")");
            }
        }
        this.size = size;
        this.features = features;
        this.classes = classes;
        this.bytes = bytes;
        this.values = values;
        this.labels = labels;
        this.image = image;
    }

    /** Rows of unsigned bytes (pixels), scaled by 1/255 when copied. */
    public static Dataset ofBytes(byte[] pixels, int features, int[] labels, int classes) {
        if ((long) labels.length * features != pixels.length) {
            throw new IllegalArgumentException("expected " + labels.length + " × " + features + " values, found "
                    + pixels.length);
        }
        return new Dataset(labels.length, features, classes, pixels.clone(), null, labels.clone(), null);
    }

    /** Rows of floats, copied as they are. */
    public static Dataset ofFloats(float[] rows, int features, int[] labels, int classes) {
        if ((long) labels.length * features != rows.length) {
            throw new IllegalArgumentException("expected " + labels.length + " × " + features + " values, found "
                    + rows.length);
        }
        return new Dataset(labels.length, features, classes, null, rows.clone(), labels.clone(), null);
    }

    /**
     * The same rows seen as images of {@code shape} (sharing the storage).
     *
     * @throws IllegalArgumentException when the shape's size is not the number of features
     */
    public Dataset withImageShape(ImageShape shape) {
        if (shape.size() != features) {
            throw new IllegalArgumentException("images of " + shape + " = " + shape.size() + " values do not fit rows "
                    + "of " + features + " features");
        }
        return new Dataset(size, features, classes, bytes, values, labels, shape);
    }

    /** The shape of each row as an image, when the data are images. */
    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(image);
    }

    public int size() {
        return size;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    public int label(int row) {
        return labels[row];
    }

    /** Copies row {@code row} into {@code target} from {@code offset}. */
    public void copyRow(int row, float[] target, int offset) {
        int from = row * features;
        if (values != null) {
            System.arraycopy(values, from, target, offset, features);
            return;
        }
        final float scale = 1f / 255f;
        for (int j = 0; j < features; j++) {
            target[offset + j] = (bytes[from + j] & 0xff) * scale;
        }
    }
}
