package org.jaynes.formats.safetensors;

import java.util.Objects;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;

/**
 * A tensor to write with {@link SafetensorsWriter}: its header entry and a way to stream its bytes.
 *
 * @param name  the name stored in the file
 * @param dtype its element type
 * @param shape its dimensions
 * @param bytes writes exactly {@link #byteLength()} bytes
 */
public record WritableTensor(String name, DType dtype, Shape shape, TensorBytesWriter bytes) {

    public WritableTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** A tensor whose bytes come from {@code data}, which must be exactly as long as the shape needs. */
    public static WritableTensor of(String name, DType dtype, Shape shape, ByteSource data) {
        WritableTensor tensor = new WritableTensor(name, dtype, shape, TensorBytesWriter.of(data));
        Tensor.checkByteLength(name, dtype, shape, data.length());
        return tensor;
    }

    /** A tensor read from any model file, written under its stored name. */
    public static WritableTensor of(Tensor tensor) {
        return of(tensor.storedName(), tensor.dtype(), tensor.shape(), tensor.data());
    }

    /**
     * Bytes the tensor takes: elements times the dtype's size.
     *
     * @throws ArithmeticException if that overflows a long
     */
    public long byteLength() {
        return Math.multiplyExact(shape.elementCount(), (long) dtype.byteSize());
    }
}
