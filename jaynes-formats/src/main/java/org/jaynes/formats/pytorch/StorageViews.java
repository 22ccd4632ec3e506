package org.jaynes.formats.pytorch;

import java.nio.file.Path;
import java.util.Arrays;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.naming.LayerNames;
import org.jaynes.formats.naming.Roles;

/**
 * A tensor of a {@code torch.save} file, built from its view of a storage once the reader knows where the
 * storage's bytes start in the file: the same for zip checkpoints ({@link TorchCheckpoint}) and legacy files
 * ({@link LegacyCheckpoint}). The view must be contiguous row-major and lie inside the storage's claimed
 * bytes, which each reader has checked against what the file holds; the tensor's bytes stay in the file.
 * A non-contiguous view (a transpose, a strided slice) is refused: its elements would have to be gathered,
 * and {@code t.contiguous()} before saving avoids it.
 */
final class StorageViews {

    static final String OUTSIDE_STORAGE =
            "tensor %s: elements [%d, %d) lie outside its storage %s of %d %s elements";
    static final String NOT_CONTIGUOUS = "tensor %s: size %s with stride %s is not a contiguous row-major view; "
            + "jaynes reads contiguous tensors only (save t.contiguous())";
    static final String TOO_LARGE = "tensor %s: size %s has too many elements";

    private StorageViews() {
    }

    /**
     * The tensor {@code e} names, its storage's bytes starting at {@code storageAt} in {@code file}; errors
     * name the tensor and the pickle byte of its rebuild call.
     */
    static Tensor tensor(Path file, PickleFile source, StateDict.Entry e, long storageAt) throws ModelFormatException {
        Pickled.TensorRef t = e.tensor();
        Pickled.Storage s = t.storage();
        DType dtype = t.dtype();
        Shape shape = Shape.of(t.size());
        if (shape.byteCount(dtype.byteSize()).isEmpty()) {
            throw source.error(t.at(), TOO_LARGE, e.name(), shape);
        }
        long elements = shape.elementCount();
        if (!contiguous(t.size(), t.stride(), elements)) {
            throw source.error(t.at(), NOT_CONTIGUOUS, e.name(), shape, Arrays.toString(t.stride()));
        }
        long capacity = s.byteLength() / dtype.byteSize();
        if (t.offset() > capacity || elements > capacity - t.offset()) {
            throw source.error(t.at(), OUTSIDE_STORAGE, e.name(), t.offset(), t.offset() + elements, s.key(), capacity,
                    dtype.label());
        }
        FileRegion data = new FileRegion(file, storageAt + t.offset() * dtype.byteSize(), elements * dtype.byteSize());
        String name = LayerNames.withoutWeightSuffix(e.name());
        return new Tensor(e.name(), name, Roles.of(name, shape), shape, dtype, data);
    }

    /** The name of a checkpoint that is a single tensor: its file name without the extension. */
    static String stem(Path file) {
        return file.getFileName() == null ? "tensor" : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    /** Whether a view is row-major contiguous, as torch decides it: dimensions of size 1 have any stride. */
    static boolean contiguous(long[] size, long[] stride, long elements) {
        if (elements == 0) {
            return true;
        }
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1) {
                if (stride[i] != expected) {
                    return false;
                }
                expected *= size[i];
            }
        }
        return true;
    }
}
