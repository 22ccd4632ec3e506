package org.jaynes.formats.tfjs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.ModelFormatException;
import org.jaynes.formats.ModelReader;
import org.jaynes.formats.naming.Roles;

/**
 * Reads TensorFlow.js models: a {@code model.json} (graph model or layers model) whose
 * {@code weightsManifest} lists the weights, or a weights manifest alone (a JSON array of groups, as
 * {@code @vladmandic/face-api} ships its models: {@code age_gender_model-weights_manifest.json}), and the
 * shard files beside it.
 * <pre>{@code
 * Model selfie = new TfjsReader().read(Path.of("selfie.json"));     // or the folder holding model.json
 * }</pre>
 *
 * <p>Layout: each manifest group's weights lie back to back, in manifest order, across the group's shard
 * files taken one after the other; a weight may straddle two files. Each weight is handed over as:
 * <ul>
 * <li>float32, int32, bool: in place, F32, I32 or BOOL ({@link org.jaynes.core.tensor.FileRegion}; a
 *     weight that crosses into the next shard is read across it on demand);
 * <li>complex64: F32 with a last dimension of 2 (real, imaginary), as stored;
 * <li>quantized to float16: F16 in place;
 * <li>quantized to uint8 or uint16: {@code q * scale + min} ({@link AffineDecoder}), F32 for a float32
 *     weight, I32 ({@code Math.round}) for an int32 one;
 * <li>string: left out (strings hold no numbers), its bytes (a 32-bit length before each string)
 *     stepped over.
 * </ul>
 * Names: {@link Tensor#storedName()} and {@link Tensor#name()} are the manifest's name; roles follow
 * {@link Roles}. model.json is parsed with a streaming parser ({@link ManifestParser}); shard files are
 * never read whole. Every problem (a missing shard, shards shorter than the manifest needs, an unknown
 * dtype, an absurd shape, a shard path leaving the folder, a shard or weight name listed twice, more
 * weights than the heap holds) is a {@link ModelFormatException} naming the byte of model.json that says
 * what cannot be. Stateless and thread-safe.
 *
 * @see <a href="https://github.com/tensorflow/tfjs/blob/master/tfjs-core/src/io/io_utils.ts">tfjs-core's
 *      decodeWeights</a>
 */
public final class TfjsReader implements ModelReader {

    static final String SHORT_SHARDS = "weight %s needs bytes %d to %d of weightsManifest group %d, but its shards "
            + "(%s) hold %d bytes";
    static final String TOO_LARGE = "weight %s: %s %s needs more than 2^63 bytes";

    /** The file a TF.js model folder holds. */
    static final String MODEL_JSON = "model.json";

    private static final byte[] MANIFEST_KEY = "\"weightsManifest\"".getBytes(StandardCharsets.US_ASCII);
    /** The key every group of a weights manifest has. */
    private static final byte[] PATHS_KEY = "\"paths\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SCAN_CHUNK = 1 << 16;
    /** Bytes of a string weight's lengths read at once. */
    private static final int STRING_WINDOW = 1 << 16;

    @Override
    public ModelFormat format() {
        return ModelFormat.TFJS;
    }

    /**
     * A {@code .json} file that starts as a JSON object and has a {@code "weightsManifest"} key (a model.json),
     * or that starts as a JSON array and has a {@code "paths"} key (a weights manifest alone).
     */
    @Override
    public boolean recognizes(Path file, ByteBuffer head) {
        if (!ModelReader.lowerCaseName(file).endsWith(".json")) {
            return false;
        }
        int at = head.position();
        while (at < head.limit() && Character.isWhitespace(head.get(at))) {
            at++;
        }
        int first = at < head.limit() ? head.get(at) : '{';
        if (first != '{' && first != '[') {
            return false;
        }
        try {
            return holds(file, first == '{' ? MANIFEST_KEY : PATHS_KEY);
        } catch (IOException e) {
            return false;
        }
    }

    /** A folder holding a TF.js {@code model.json}. */
    @Override
    public boolean readsFolder(Path folder) throws IOException {
        Path json = folder.resolve(MODEL_JSON);
        return Files.isRegularFile(json) && holds(json, MANIFEST_KEY);
    }

    @Override
    public Model read(Path path) throws IOException, ModelFormatException {
        Path json = Files.isDirectory(path) ? path.resolve(MODEL_JSON) : path;
        TfjsManifest manifest = ManifestParser.parse(json);
        List<Tensor> tensors = new ArrayList<>();
        Map<Path, String> shardFiles = new HashMap<>();
        for (int g = 0; g < manifest.groups().size(); g++) {
            TfjsManifest.Group group = manifest.groups().get(g);
            ShardSet shards = ShardSet.of(json, group, g, shardFiles);
            long offset = 0;
            for (TfjsManifest.Weight weight : group.weights()) {
                if (weight.stored() == TfjsType.STRING) {
                    offset = afterStrings(json, shards, g, weight, offset);
                    continue;
                }
                long bytes = weight.shape().byteCount(weight.stored().byteSize())
                        .orElseThrow(() -> ModelFormatException.at(json, weight.jsonOffset(), TOO_LARGE,
                                weight.name(), weight.stored().label(), weight.shape()));
                if (bytes > shards.length() - offset) {
                    throw shortShards(json, shards, g, weight, offset, bytes);
                }
                tensors.add(tensor(weight, shards.region(offset, bytes)));
                offset += bytes;
            }
        }
        return new Model(path.toString(), ModelFormat.TFJS, tensors);
    }

    private static Tensor tensor(TfjsManifest.Weight weight, ByteSource stored) {
        Shape shape = weight.shape();
        DType dtype;
        ByteSource data = stored;
        switch (weight.stored()) {
            case FLOAT32 -> dtype = DType.F32;
            case INT32 -> dtype = DType.I32;
            case BOOL -> dtype = DType.BOOL;
            case FLOAT16 -> dtype = DType.F16;
            case COMPLEX64 -> {
                dtype = DType.F32;
                long[] dims = Arrays.copyOf(shape.dims(), shape.rank() + 1);
                dims[shape.rank()] = 2;
                shape = Shape.of(dims);
            }
            case UINT8, UINT16 -> {
                boolean integers = weight.dtype() == TfjsType.INT32;
                dtype = integers ? DType.I32 : DType.F32;
                data = AffineDecoder.source(stored, weight.stored().byteSize(), weight.quantization().min(),
                        weight.quantization().scale(), integers);
            }
            default -> throw new IllegalStateException("no dtype for " + weight.stored());
        }
        return new Tensor(weight.name(), weight.name(), Roles.of(weight.name(), shape), shape, dtype, data);
    }

    /** The offset after a string weight: each of its strings is a 32-bit length and that many bytes. */
    private static long afterStrings(Path json, ShardSet shards, int g, TfjsManifest.Weight weight, long offset)
            throws IOException, ModelFormatException {
        long count = weight.shape().elementCount();
        long at = offset;
        if (count > (shards.length() - offset) / 4) {
            throw shortShards(json, shards, g, weight, offset, count > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : count * 4);
        }
        ByteBuffer window = ByteBuffer.allocate(0);
        long windowStart = at;
        for (long i = 0; i < count; i++) {
            if (shards.length() - at < 4) {
                throw shortShards(json, shards, g, weight, offset, at + 4 - offset);
            }
            if (at + 4 > windowStart + window.limit()) {
                // one read per window, not per string: a weight may hold millions of strings
                windowStart = at;
                window = shards.read(at, (int) Math.min(STRING_WINDOW, shards.length() - at));
            }
            long length = window.getInt((int) (at - windowStart)) & 0xffff_ffffL;
            if (length > shards.length() - at - 4) {
                throw shortShards(json, shards, g, weight, offset, at + 4 + length - offset);
            }
            at += 4 + length;
        }
        return at;
    }

    private static ModelFormatException shortShards(Path json, ShardSet shards, int g, TfjsManifest.Weight weight,
            long offset, long bytes) {
        long end = bytes > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + bytes;
        return ModelFormatException.at(json, weight.jsonOffset(), SHORT_SHARDS, weight.name(), offset, end, g,
                shards.names(), shards.length());
    }

    /** Whether the file's first {@link ManifestParser#MAX_JSON_BYTES} bytes hold {@code key}. */
    private static boolean holds(Path file, byte[] key) throws IOException {
        byte[] buffer = new byte[SCAN_CHUNK + key.length];
        int kept = 0;
        long scanned = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (scanned < ManifestParser.MAX_JSON_BYTES) {
                int read = in.read(buffer, kept, SCAN_CHUNK);
                if (read < 0) {
                    return false;
                }
                int filled = kept + read;
                if (indexOf(buffer, filled, key) >= 0) {
                    return true;
                }
                kept = Math.min(filled, key.length - 1);
                System.arraycopy(buffer, filled - kept, buffer, 0, kept);
                scanned += read;
            }
        }
        return false;
    }

    private static int indexOf(byte[] buffer, int filled, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= filled; i++) {
            for (int j = 0; j < key.length; j++) {
                if (buffer[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
