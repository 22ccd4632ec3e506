package org.jaynes.formats.safetensors;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a safetensors file, streaming each tensor's bytes so that the file may be far larger than
 * the heap.
 * <pre>{@code
 * SafetensorsWriter.write(Path.of("out.safetensors"), Map.of("format", "pt"),
 *         List.of(WritableTensor.of("fc.weight", DType.F32, Shape.of(2, 3), HeapBytes.of(bytes))));
 * }</pre>
 *
 * <p>The layout is the reference library's: the header lists {@code __metadata__} first (when there
 * is any) and then the tensors in the order given, with contiguous {@code data_offsets} from 0; the
 * compact JSON is padded with spaces to a multiple of 8 bytes, so the data area starts 8-aligned.
 * The reference library orders tensors by dtype alignment, then name; given its order, the output is
 * byte for byte the same.
 *
 * <p>The file is written to a temporary file in the same folder, forced to disk and renamed over the
 * target in one atomic move: an interrupted write leaves the target as it was and no partial file.
 * Stateless and thread-safe; two writes to the same target race, and the last rename wins.
 */
public final class SafetensorsWriter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String METADATA_KEY = "__metadata__";

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors}, with no metadata, to {@code file}. */
    public static void write(Path file, List<WritableTensor> tensors) throws IOException {
        write(file, Map.of(), tensors);
    }

    /**
     * Writes {@code tensors} to {@code file}, replacing it if it exists.
     *
     * @param metadata the {@code __metadata__} entries, in the map's iteration order; none when empty
     * @throws IllegalArgumentException if two tensors share a name, a name is {@code __metadata__}, or
     *                                  a tensor is too large to address
     * @throws IllegalStateException    if a tensor's {@link TensorBytesWriter} writes the wrong number of bytes
     */
    public static void write(Path file, Map<String, String> metadata, List<WritableTensor> tensors)
            throws IOException {
        ByteBuffer header = header(metadata, tensors);
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling(String.format(Locale.ROOT, ".%s.%x.part",
                target.getFileName(), System.nanoTime()));
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                TensorBytesWriter.writeFully(out, header);
                for (WritableTensor tensor : tensors) {
                    long before = out.position();
                    tensor.bytes().write(out);
                    long written = out.position() - before;
                    if (written != tensor.byteLength()) {
                        throw new IllegalStateException(String.format(Locale.ROOT,
                                "tensor %s: %s %s needs %d bytes, its writer wrote %d", tensor.name(),
                                tensor.dtype().label(), tensor.shape(), tensor.byteLength(), written));
                    }
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** The length field and the padded header JSON, ready to write. */
    static ByteBuffer header(Map<String, String> metadata, List<WritableTensor> tensors) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(json, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            Set<String> names = new HashSet<>();
            long offset = 0;
            for (WritableTensor tensor : tensors) {
                if (tensor.name().equals(METADATA_KEY) || !names.add(tensor.name())) {
                    throw new IllegalArgumentException("tensor name used twice or reserved: " + tensor.name());
                }
                long end = Math.addExact(offset, byteLength(tensor));
                g.writeObjectFieldStart(tensor.name());
                g.writeStringField("dtype", SafetensorsDTypes.name(tensor.dtype()));
                g.writeFieldName("shape");
                g.writeArray(tensor.shape().dims(), 0, tensor.shape().rank());
                g.writeFieldName("data_offsets");
                g.writeArray(new long[] {offset, end}, 0, 2);
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        }
        int padding = (8 - json.size() % 8) % 8;
        byte[] spaces = new byte[padding];
        Arrays.fill(spaces, (byte) ' ');
        json.write(spaces);
        ByteBuffer header = ByteBuffer.allocate(SafetensorsHeader.LENGTH_FIELD + json.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(json.size()).put(json.toByteArray());
        return header.flip();
    }

    private static long byteLength(WritableTensor tensor) {
        try {
            return tensor.byteLength();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " is too large: " + tensor.shape(), e);
        }
    }
}
