package org.jaynes.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.naming.LayerNames;
import org.jaynes.formats.naming.Roles;
import org.jaynes.formats.shards.ShardedTensors;

/**
 * Reads the Hugging Face safetensors format: one file, a sharded model's index file, or a folder.
 * <pre>{@code
 * Model model = new SafetensorsReader().read(Path.of("llama-3-8b"));   // folder, index or file
 * }</pre>
 *
 * <p>A file is an 8-byte little-endian header length {@code N}, {@code N} bytes of JSON mapping each
 * tensor name to its {@code dtype}, {@code shape} and {@code data_offsets [begin, end)} (relative to
 * the data area at byte {@code 8 + N}), then the data. A tensor's {@link Tensor#storedName()} is its
 * JSON key and its {@link Tensor#name()} the key without a trailing {@code .weight}; its bytes stay in
 * the file as a {@link FileRegion}. Only the header is read (see {@link SafetensorsHeader}).
 *
 * <p>A folder is read through its {@code model.safetensors.index.json} when it has one, else as all its
 * {@code *.safetensors} files. Tensor order is deterministic: shards and files by file name, tensors
 * in each file in data order. Every problem with the input is a {@link ModelFormatException} naming
 * the file and byte. Stateless and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/safetensors">the format's reference implementation</a>
 */
public final class SafetensorsReader implements ModelReader {

    /** The file name a sharded model's index has. */
    static final String INDEX_FILE = "model.safetensors.index.json";

    static final String NO_MODEL = "no .safetensors file or " + INDEX_FILE + " in this folder";

    private static final String EXTENSION = ".safetensors";

    @Override
    public ModelFormat format() {
        return ModelFormat.SAFETENSORS;
    }

    /**
     * True for the format's file names, and for a file whose first 8 bytes give a header length that
     * fits the file and whose ninth byte opens the JSON object.
     */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        String name = ModelReader.lowerCaseName(file);
        if (name.endsWith(EXTENSION) || name.endsWith(EXTENSION + ".index.json")) {
            return true;
        }
        ByteBuffer bytes = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = bytes.position();
        if (bytes.remaining() < SafetensorsHeader.LENGTH_FIELD + 1 || bytes.get(start + 8) != '{') {
            return false;
        }
        long length = bytes.getLong(start);
        if (length < 2 || length > SafetensorsHeader.MAX_HEADER_LENGTH) {
            return false;
        }
        try {
            return length <= Files.size(file) - SafetensorsHeader.LENGTH_FIELD;
        } catch (IOException | SecurityException unknownSize) {
            return true; // the magic alone has to do
        }
    }

    /** A folder with {@code model.safetensors.index.json} or any {@code .safetensors} file. */
    @Override
    public boolean readsFolder(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve(INDEX_FILE))) {
            return true;
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.anyMatch(f -> f.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(f));
        }
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        return new Model(path.toString(), ModelFormat.SAFETENSORS,
                ShardedTensors.at(path, INDEX_FILE, SafetensorsReader::shardTensors, SafetensorsReader::readFolder));
    }

    /** A folder without an index: every {@code .safetensors} file in it, by file name. */
    private static List<Tensor> readFolder(Path folder) throws IOException, ModelFormatException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(f))
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            throw ModelFormatException.at(folder, ModelFormatException.NO_OFFSET, NO_MODEL);
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Path file : files) {
            tensors.addAll(tensors(SafetensorsHeader.read(file)));
        }
        return tensors;
    }

    private static List<Tensor> shardTensors(Path shard) throws IOException, ModelFormatException {
        return tensors(SafetensorsHeader.read(shard));
    }

    private static List<Tensor> tensors(SafetensorsHeader header) {
        List<Tensor> tensors = new ArrayList<>(header.entries().size());
        for (HeaderEntry e : header.entries()) {
            String name = LayerNames.withoutWeightSuffix(e.name());
            FileRegion data = new FileRegion(header.file(), header.dataStart() + e.begin(), e.end() - e.begin());
            tensors.add(new Tensor(e.name(), name, Roles.of(name, e.shape()), e.shape(), e.dtype(), data));
        }
        return tensors;
    }
}
