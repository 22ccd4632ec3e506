package org.jaynes.formats.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.naming.Roles;

/**
 * Reads the tensors of an HDF5 file with jHDF: the numeric datasets {@link HdfWalk} finds, named by
 * {@link KerasNames}, with roles from {@link Roles}, their values located by {@link DatasetBytes}.
 * Non-numeric datasets (strings, compounds, booleans...) are left out, as are attributes.
 *
 * <p>Before jHDF sees the file, its signature is looked for where HDF5 allows it (byte 0, 512, 1024,
 * 2048...); once open, the superblock's end-of-file address is checked against the file's size, so a
 * truncated file is named as such. jHDF signals malformed input with unchecked exceptions of many types,
 * and runs out of heap on sizes a corrupt file claims; each becomes a {@link ModelFormatException} naming
 * the file (and the entry of an archive), the byte jHDF was reading ({@link HdfFailure}), the dataset or
 * group when known, and jHDF's reason.
 */
final class HdfTensors {

    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    static final String NO_SIGNATURE = "not an HDF5 file: no HDF5 signature at byte 0 (nor at 512, 1024, 2048... "
            + "after a user block); it starts with %s";
    static final String TRUNCATED = "truncated: the HDF5 superblock says the file ends at byte %d, but it has %d bytes";
    static final String DATASET = "dataset %s: %s";
    static final String UNSUPPORTED = "dataset %s holds %s";
    static final String TOO_LARGE = "dataset %s has shape %s: more elements than a long counts";

    private static final int MAX_CAUSES = 6;

    private HdfTensors() {
    }

    static List<Tensor> read(HdfLocation location) throws IOException, ModelFormatException {
        checkSignature(location);
        try (RegionChannel channel = location.channel()) {
            return HdfFailure.guarded(location, channel, () -> {
                try (HdfFile hdf = location.open(channel)) {
                    return tensors(location, channel, hdf);
                }
            });
        }
    }

    private static List<Tensor> tensors(HdfLocation location, RegionChannel channel, HdfFile hdf)
            throws IOException, ModelFormatException {
        long base = hdf.getUserBlockSize();
        // the end-of-file address is absolute, the user block included
        long end = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
        if (end > location.length()) {
            throw location.error(ModelFormatException.NO_OFFSET, TRUNCATED, end, location.length());
        }
        List<HdfWalk.Found> found = HdfWalk.datasets(hdf, location);
        List<String> names = KerasNames.assign(found);
        List<Tensor> tensors = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            tensor(location, channel, base, found.get(i), names.get(i)).ifPresent(tensors::add);
        }
        return tensors;
    }

    /** The tensor of a numeric dataset; empty for other datasets. */
    private static Optional<Tensor> tensor(HdfLocation location, RegionChannel channel, long base,
                                           HdfWalk.Found found, String name) throws IOException, ModelFormatException {
        String path = found.path();
        Dataset dataset = found.dataset();
        long at = base + dataset.getAddress();
        try {
            Optional<HdfElement> element;
            try {
                element = HdfElement.of(dataset.getDataType());
            } catch (HdfElement.Unsupported e) {
                throw location.error(at, UNSUPPORTED, path, MessageText.reason(String.valueOf(e.getMessage())));
            }
            if (element.isEmpty()) {
                return Optional.empty();
            }
            Shape shape = Shape.of(Arrays.stream(dataset.getDimensions()).asLongStream().toArray());
            long bytes = shape.byteCount(element.get().dtype().byteSize())
                    .orElseThrow(() -> location.error(at, TOO_LARGE, path, shape));
            ByteSource data = DatasetBytes.of(location, channel, base, path, dataset, shape, element.get(), bytes, at);
            return Optional.of(new Tensor(path, name, Roles.of(name, shape), shape, element.get().dtype(), data));
        } catch (RuntimeException e) {
            throw location.error(at, DATASET, path, MessageText.reason(describe(e)));
        }
    }

    /** HDF5 allows a user block of 0, 512, 1024, 2048... bytes before the superblock. */
    private static void checkSignature(HdfLocation location) throws IOException, ModelFormatException {
        for (long offset = 0; offset < location.length(); offset = offset == 0 ? 512 : offset * 2) {
            ByteBuffer head = location.read(offset, SIGNATURE.length);
            byte[] found = new byte[head.remaining()];
            head.get(found);
            if (Arrays.equals(found, SIGNATURE)) {
                return;
            }
        }
        ByteBuffer head = location.read(0, SIGNATURE.length);
        byte[] start = new byte[head.remaining()];
        head.get(start);
        throw location.error(0, NO_SIGNATURE, printable(start));
    }

    /** {@code "PK\x03\x04..."}: the first bytes of a file, for messages. */
    static String printable(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing (the file is empty)";
        }
        StringBuilder text = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            text.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
                    ? Character.toString(c)
                    : String.format(java.util.Locale.ROOT, "\\x%02x", c));
        }
        return text.append('"').toString();
    }

    /**
     * jHDF's reasons on one line: the messages of the exception and its causes (jHDF wraps the real
     * reason a few levels deep), or the exception's type when none gives one.
     */
    static String describe(RuntimeException e) {
        StringBuilder text = new StringBuilder();
        int levels = 0;
        for (Throwable t = e; t != null && levels < MAX_CAUSES; t = t.getCause(), levels++) {
            String message = t.getMessage();
            if (message == null || message.isBlank() || text.indexOf(message) >= 0) {
                continue;
            }
            int newline = message.indexOf('\n');
            text.append(text.length() == 0 ? "" : ": ").append(newline >= 0 ? message.substring(0, newline) : message);
        }
        return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
    }
}
