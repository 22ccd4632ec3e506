package org.jaynes.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Bytes a reader decoded into memory, such as a small ONNX tensor stored in typed fields. Only small
 * tensors are kept this way; large ones stay in the file as a {@link FileRegion}.
 */
public final class HeapBytes implements ByteSource {

    private final ByteBuffer bytes;

    /** Wraps a copy-free read-only little-endian view of {@code bytes} from its position to its limit. */
    public HeapBytes(ByteBuffer bytes) {
        this.bytes = bytes.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public static HeapBytes of(byte[] bytes) {
        return new HeapBytes(ByteBuffer.wrap(bytes));
    }

    @Override
    public List<Path> files() {
        return List.of();
    }

    @Override
    public long length() {
        return bytes.capacity();
    }

    @Override
    public ByteBuffer window(long offset, int length) {
        ByteSource.checkWindow(offset, length, bytes.capacity());
        return bytes.slice((int) offset, length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
