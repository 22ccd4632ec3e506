package org.jaynes.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.idx.IdxReader;
import org.jaynes.nn.tensor.ImageShape;

/**
 * Loads MNIST-style data from a folder holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or with {@code .gz} (the
 * layout of Debian's {@code dataset-fashion-mnist} in /usr/share/datasets/fashion-mnist). Labels must be
 * in [0, 10). Image files of rank 3 ([N, H, W], as MNIST's) give rows of 1×H×W images.
 */
public final class IdxDirectory {

    /** Where Debian's dataset-fashion-mnist puts the files. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final int CLASSES = 10;

    private IdxDirectory() {
    }

    /** True when {@code directory} holds all four files. */
    public static boolean isPresent(Path directory) {
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            if (find(directory, name) == null) {
                return false;
            }
        }
        return true;
    }

    /** The training and test sets in {@code directory}. */
    public static DataSplit load(Path directory) throws IOException, ModelFormatException {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory, ModelFormatException.NO_OFFSET, "not a folder of IDX files");
        }
        Dataset train = load(directory, "train");
        Dataset test = load(directory, "t10k");
        if (train.features() != test.features() || !train.imageShape().equals(test.imageShape())) {
            throw ModelFormatException.at(require(directory, "t10k-images-idx3-ubyte"), 4, "the test images are %s, "
                    + "the training images %s", shapeText(test), shapeText(train));
        }
        return new DataSplit(directory.getFileName() == null ? directory.toString()
                : directory.getFileName().toString(), train, test);
    }

    private static Dataset load(Path directory, String prefix) throws IOException, ModelFormatException {
        Path imageFile = require(directory, prefix + "-images-idx3-ubyte");
        Path labelFile = require(directory, prefix + "-labels-idx1-ubyte");
        IdxReader.IdxArray images = IdxReader.read(imageFile);
        IdxReader.IdxArray labels = IdxReader.read(labelFile);
        if (labels.dimensions().length != 1) {
            throw ModelFormatException.at(labelFile, 3, "labels must have rank 1, not %d", labels.dimensions().length);
        }
        if (images.dimensions()[0] != labels.dimensions()[0]) {
            throw ModelFormatException.at(labelFile, 4, "%d labels for %d images in %s", labels.dimensions()[0],
                    images.dimensions()[0], imageFile.getFileName());
        }
        int[] classes = new int[labels.data().length];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = labels.data()[i] & 0xff;
            if (classes[i] >= CLASSES) {
                throw ModelFormatException.at(labelFile, ModelFormatException.NO_OFFSET, "label %d of item %d is not in "
                        + "[0, %d)", classes[i], i, CLASSES);
            }
        }
        Dataset data = Dataset.ofBytes(images.data(), images.rowSize(), classes, CLASSES);
        int[] dims = images.dimensions();
        return dims.length == 3 && dims[1] > 0 && dims[2] > 0
                ? data.withImageShape(new ImageShape(1, dims[1], dims[2])) : data;
    }

    private static String shapeText(Dataset data) {
        return data.imageShape().map(ImageShape::toString).orElse(data.features() + " values");
    }

    private static Path require(Path directory, String name) throws ModelFormatException {
        Path file = find(directory, name);
        if (file == null) {
            throw new ModelFormatException(directory, ModelFormatException.NO_OFFSET, "no " + name + " or " + name
                    + ".gz in this folder");
        }
        return file;
    }

    private static Path find(Path directory, String name) {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }
}
