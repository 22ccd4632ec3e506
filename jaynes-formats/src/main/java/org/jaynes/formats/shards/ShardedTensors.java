package org.jaynes.formats.shards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFiles;
import org.jaynes.formats.ModelFormatException;

/**
 * The tensors of a sharded model: every tensor of every shard its {@link ShardIndex} names, shards in
 * file-name order, each read once by the format's own reader. The same for safetensors and PyTorch.
 *
 * <p>Checked: each shard must be an existing file inside the index's folder, links followed
 * ({@link ModelFiles#referenced}); each tensor the index maps to a shard must be in it; and no tensor may
 * be in two shards (the index maps it to one, so the other copy would be analysed as a second layer).
 */
public final class ShardedTensors {

    static final String MISSING_SHARD = "weight_map maps tensor %s to %s, which does not exist";
    static final String SHARD_OUTSIDE = "weight_map maps tensor %s to %s, which is not a file in the index's folder";
    static final String NOT_IN_SHARD = "weight_map maps tensor %s to %s, which has no such tensor";
    static final String IN_TWO_SHARDS = "tensor %s is in both %s and %s";

    /** A format's reader of one shard file (or, for {@link #at}, of a folder without an index). */
    @FunctionalInterface
    public interface ShardReader {
        List<Tensor> read(Path shard) throws IOException, ModelFormatException;
    }

    private ShardedTensors() {
    }

    /**
     * The tensors at {@code path} as a sharded format takes it: a folder holding an index named
     * {@code indexName} is read through that index and another folder by {@code folder}; a {@code .json}
     * file is an index; any other file is one file of the format, read by {@code file}.
     */
    public static List<Tensor> at(Path path, String indexName, ShardReader file, ShardReader folder)
            throws IOException, ModelFormatException {
        if (Files.isDirectory(path)) {
            Path index = path.resolve(indexName);
            return Files.isRegularFile(index) ? read(ShardIndex.read(index), file) : folder.read(path);
        }
        if (path.toString().endsWith(".json")) {
            return read(ShardIndex.read(path), file);
        }
        return file.read(path);
    }

    /** Every tensor of every shard {@code index} names, read by {@code reader}. */
    public static List<Tensor> read(ShardIndex index, ShardReader reader) throws IOException, ModelFormatException {
        Map<String, Path> shardFiles = new HashMap<>();
        Map<Path, List<ShardIndex.Mapping>> byShard = new TreeMap<>();
        for (ShardIndex.Mapping m : index.mappings()) {
            Path shard = shardFiles.get(m.shard());
            if (shard == null) {
                shard = shardFile(index.file(), m);
                shardFiles.put(m.shard(), shard);
            }
            byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(m);
        }
        List<Tensor> tensors = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Map.Entry<Path, List<ShardIndex.Mapping>> shard : byShard.entrySet()) {
            List<Tensor> inShard = reader.read(shard.getKey());
            Set<String> names = new HashSet<>();
            for (Tensor t : inShard) {
                names.add(t.storedName());
                Path other = seen.putIfAbsent(t.storedName(), shard.getKey());
                if (other != null) {
                    throw ModelFormatException.at(shard.getKey(), ModelFormatException.NO_OFFSET, IN_TWO_SHARDS,
                            t.storedName(), other.getFileName(), shard.getKey().getFileName());
                }
            }
            for (ShardIndex.Mapping m : shard.getValue()) {
                if (!names.contains(m.tensor())) {
                    throw ModelFormatException.at(index.file(), m.at(), NOT_IN_SHARD, m.tensor(), m.shard());
                }
            }
            tensors.addAll(inShard);
        }
        return tensors;
    }

    /** The shard a mapping names, which must be an existing file inside the index's folder, links followed. */
    private static Path shardFile(Path indexFile, ShardIndex.Mapping m) throws IOException, ModelFormatException {
        return ModelFiles.referenced(indexFile, m.at(), m.shard(),
                () -> MessageText.format(SHARD_OUTSIDE, m.tensor(), m.shard()),
                resolved -> MessageText.format(MISSING_SHARD, m.tensor(), m.shard()));
    }
}
