package org.jaynes.formats.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFiles;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.naming.Roles;

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

    static final String NO_MODEL = "no .safetensors file or " + SafetensorsIndex.FILE_NAME + " in this folder";
    static final String MISSING_SHARD = "weight_map maps tensor %s to %s, which does not exist";
    static final String SHARD_OUTSIDE = "weight_map maps tensor %s to %s, which is not a file in the index's folder";
    static final String NOT_IN_SHARD = "weight_map maps tensor %s to %s, which has no such tensor";

    private static final String EXTENSION = ".safetensors";
    private static final String WEIGHT_SUFFIX = ".weight";

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
        Path fileName = file.getFileName();
        String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
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
        if (Files.isRegularFile(folder.resolve(SafetensorsIndex.FILE_NAME))) {
            return true;
        }
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.anyMatch(f -> f.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(f));
        }
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        List<Tensor> tensors;
        if (Files.isDirectory(path)) {
            tensors = readFolder(path);
        } else if (path.toString().endsWith(".json")) {
            tensors = readIndex(SafetensorsIndex.read(path));
        } else {
            tensors = tensors(SafetensorsHeader.read(path));
        }
        return new Model(path.toString(), ModelFormat.SAFETENSORS, tensors);
    }

    private static List<Tensor> readFolder(Path folder) throws IOException, ModelFormatException {
        Path index = folder.resolve(SafetensorsIndex.FILE_NAME);
        if (Files.isRegularFile(index)) {
            return readIndex(SafetensorsIndex.read(index));
        }
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

    /** Every tensor of every shard the index names, shards by file name, each read once. */
    private static List<Tensor> readIndex(SafetensorsIndex index) throws IOException, ModelFormatException {
        Map<String, Path> shardFiles = new HashMap<>();
        Map<Path, List<SafetensorsIndex.Mapping>> byShard = new TreeMap<>();
        for (SafetensorsIndex.Mapping m : index.mappings()) {
            Path shard = shardFiles.get(m.shard());
            if (shard == null) {
                shard = shardFile(index.file(), m);
                shardFiles.put(m.shard(), shard);
            }
            byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(m);
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Map.Entry<Path, List<SafetensorsIndex.Mapping>> shard : byShard.entrySet()) {
            SafetensorsHeader header = SafetensorsHeader.read(shard.getKey());
            Set<String> names = header.entries().stream().map(HeaderEntry::name).collect(Collectors.toSet());
            for (SafetensorsIndex.Mapping m : shard.getValue()) {
                if (!names.contains(m.tensor())) {
                    throw ModelFormatException.at(index.file(), m.at(), NOT_IN_SHARD, m.tensor(), m.shard());
                }
            }
            tensors.addAll(tensors(header));
        }
        return tensors;
    }

    /**
     * The shard a mapping names, which must be an existing file inside the index's folder, links followed
     * ({@link ModelFiles#referenced}).
     */
    private static Path shardFile(Path indexFile, SafetensorsIndex.Mapping m) throws IOException, ModelFormatException {
        return ModelFiles.referenced(indexFile, m.at(), m.shard(),
                () -> MessageText.format(SHARD_OUTSIDE, m.tensor(), m.shard()),
                resolved -> MessageText.format(MISSING_SHARD, m.tensor(), m.shard()));
    }

    private static List<Tensor> tensors(SafetensorsHeader header) {
        List<Tensor> tensors = new ArrayList<>(header.entries().size());
        for (HeaderEntry e : header.entries()) {
            String name = e.name().endsWith(WEIGHT_SUFFIX)
                    ? e.name().substring(0, e.name().length() - WEIGHT_SUFFIX.length())
                    : e.name();
            FileRegion data = new FileRegion(header.file(), header.dataStart() + e.begin(), e.end() - e.begin());
            tensors.add(new Tensor(e.name(), name, Roles.of(name, e.shape()), e.shape(), e.dtype(), data));
        }
        return tensors;
    }
}
