package org.jaynes.formats.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.formats.MessageText;
import org.jaynes.formats.ModelFiles;
import org.jaynes.formats.ModelFormatException;

/**
 * The shard files of one manifest group, seen as one run of bytes: the files one after the other in the
 * order the manifest lists them. A region inside one file is a {@link FileRegion} of it; a region that
 * crosses from one file into the next is decoded on demand, each window read from the files it spans.
 * Shard paths must name files inside the folder of model.json: an absolute path, a URL, a {@code ..}
 * segment or a backslash is refused, and so is a link leading out of the real folder of model.json
 * ({@link ModelFiles#referenced}), so a manifest can make jaynes read nothing outside its folder.
 * Immutable and thread-safe.
 */
final class ShardSet {

    static final String BAD_PATH = "weightsManifest group %d: shard path \"%s\" is not a relative file path inside "
            + "the model's folder";
    static final String NO_SHARD = "weightsManifest group %d: shard \"%s\" is not a file beside the model's JSON file";
    static final String LISTED_TWICE = "weightsManifest group %d: shard \"%s\" is the file already listed as \"%s\"; "
            + "each shard holds its own bytes of the weights";

    private final List<Path> files;
    /** {@code starts[i]} is where file i begins in the run; {@code starts[n]} is the run's length. */
    private final long[] starts;

    private ShardSet(List<Path> files, long[] starts) {
        this.files = List.copyOf(files);
        this.starts = starts;
    }

    /**
     * The shards of a group, each checked to be a file inside the folder of {@code modelJson} and listed
     * nowhere else in the manifest (by real path, so no two names or links reach one file).
     *
     * @param index the group's index, for messages
     * @param seen  the real paths of the shards of the groups before, with the path each was listed as;
     *              this group's are added
     */
    static ShardSet of(Path modelJson, TfjsManifest.Group group, int index, Map<Path, String> seen)
            throws IOException, ModelFormatException {
        List<Path> files = new ArrayList<>();
        long[] starts = new long[group.paths().size() + 1];
        for (int i = 0; i < group.paths().size(); i++) {
            String path = group.paths().get(i);
            long at = group.pathOffsets().get(i);
            Path file = ModelFiles.referenced(modelJson, at, path, () -> MessageText.format(BAD_PATH, index, path),
                    resolved -> MessageText.format(NO_SHARD, index, path));
            String earlier = seen.putIfAbsent(file.toRealPath(), path);
            if (earlier != null) {
                throw ModelFormatException.at(modelJson, at, LISTED_TWICE, index, path, earlier);
            }
            files.add(file);
            starts[i + 1] = starts[i] + Files.size(file);
        }
        return new ShardSet(files, starts);
    }

    /** Bytes in all shards together. */
    long length() {
        return starts[starts.length - 1];
    }

    /** The shard file names, for messages. */
    String names() {
        StringBuilder names = new StringBuilder();
        for (Path file : files) {
            names.append(names.length() == 0 ? "" : ", ").append(file.getFileName());
        }
        return names.toString();
    }

    /** Bytes {@code [offset, offset + length)} of the run, which the caller checked lie inside it. */
    ByteSource region(long offset, long length) {
        if (length == 0) {
            return HeapBytes.of(new byte[0]);
        }
        int shard = shardOf(offset);
        if (offset + length <= starts[shard + 1]) {
            return new FileRegion(files.get(shard), offset - starts[shard], length);
        }
        return new DecodedBytes(length, files.subList(shard, shardOf(offset + length - 1) + 1),
                (at, count) -> read(offset + at, count));
    }

    /** Reads bytes {@code [offset, offset + length)} of the run into memory, across shard boundaries. */
    ByteBuffer read(long offset, int length) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long at = offset;
        while (out.hasRemaining()) {
            int shard = shardOf(at);
            int piece = (int) Math.min(out.remaining(), starts[shard + 1] - at);
            out.put(new FileRegion(files.get(shard), 0, starts[shard + 1] - starts[shard])
                    .window(at - starts[shard], piece));
            at += piece;
        }
        return out.flip();
    }

    /** The shard holding byte {@code offset}, which is inside the run; empty shards are passed over. */
    private int shardOf(long offset) {
        int shard = 0;
        while (offset >= starts[shard + 1]) {
            shard++;
        }
        return shard;
    }
}
