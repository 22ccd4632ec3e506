package org.jaynes.formats.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.zip.ZipHead;

/**
 * Reads Keras models and weights: HDF5 files ({@code .h5}, {@code .hdf5}, {@code .weights.h5}) and
 * Keras 3 {@code .keras} archives, in pure Java (HDF5 through jHDF).
 *
 * <pre>{@code
 * Model model = new KerasReader().read(Path.of("classifier.keras"));
 * model.tensors().get(0).name();   // "conv2d/kernel"
 * }</pre>
 *
 * <p>The tensors are the numeric datasets holding the model's weights, in the order Keras saved them,
 * named {@code <layer>/<weight>} ({@link KerasNames}); a full-model legacy file is read from its
 * {@code model_weights} group, and optimizer state is left out ({@link HdfWalk}). Non-numeric datasets
 * (strings, compounds, booleans) and attributes are not tensors and are ignored. Contiguous datasets,
 * which is how Keras writes every weight, stay in the file as {@link org.jaynes.core.tensor.FileRegion}s
 * (inside a {@code .keras} archive too, whose weights file is stored uncompressed); chunked and compressed
 * datasets are decompressed window by window; big-endian data is byte-swapped window by window
 * ({@link DatasetBytes}). Heap use does not grow with the model.
 *
 * <p>Every malformed input (no HDF5 signature, a truncated file, data outside the file, a numeric type
 * jaynes has no dtype for, an archive without {@code model.weights.h5} or with escaping entry names, an
 * entry inflating beyond its size) is a {@link ModelFormatException} naming the file, the byte or entry,
 * the dataset and the reason. jHDF logs through SLF4J; jaynes configures no logger. Stateless and
 * thread-safe.
 */
public final class KerasReader implements ModelReader {

    private static final List<String> KERAS_FIRST_ENTRIES = List.of("metadata.json", "config.json",
            KerasArchive.WEIGHTS);
    private static final List<String> EXTENSIONS = List.of(".h5", ".hdf5", ".keras");

    @Override
    public ModelFormat format() {
        return ModelFormat.KERAS;
    }

    /**
     * An HDF5 signature at byte 0, a Keras 3 archive (a zip whose first entry is one that Keras writes),
     * or a name ending in {@code .h5}, {@code .hdf5} or {@code .keras} (an HDF5 file with a user block
     * has its signature past the head).
     */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        ByteBuffer bytes = head.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (startsWithSignature(bytes) || isKerasZip(bytes)) {
            return true;
        }
        String name = ModelReader.lowerCaseName(file);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        HdfLocation location = isZip(path) ? KerasArchive.weights(path) : HdfLocation.of(path);
        return new Model(path.toString(), ModelFormat.KERAS, HdfTensors.read(location));
    }

    private static boolean startsWithSignature(ByteBuffer head) {
        if (head.remaining() < HdfTensors.SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < HdfTensors.SIGNATURE.length; i++) {
            if (head.get(i) != HdfTensors.SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKerasZip(ByteBuffer head) {
        return ZipHead.firstEntryName(head).filter(KERAS_FIRST_ENTRIES::contains).isPresent();
    }

    private static boolean isZip(Path path) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (magic.hasRemaining() && channel.read(magic) >= 0) {
                // read until full or end of file
            }
        }
        return magic.position() == 4 && magic.getInt(0) == ZipHead.LOCAL_SIGNATURE;
    }
}
