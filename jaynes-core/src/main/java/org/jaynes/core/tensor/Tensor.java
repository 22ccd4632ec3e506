package org.jaynes.core.tensor;

import java.util.Objects;

/**
 * One tensor of a model file, described but not loaded: its values stay in {@link #data()} until a
 * statistic streams over them.
 *
 * @param storedName the name stored in the file ({@code onnx::MatMul_885})
 * @param name       the layer as users know it ({@code encoder.layer.0.attention.self.query})
 * @param role       what the tensor does in the network
 * @param shape      its dimensions
 * @param dtype      its element type
 * @param data       its bytes, little-endian, exactly {@code shape.elementCount() * dtype.byteSize()} long
 */
public record Tensor(String storedName, String name, Role role, Shape shape, DType dtype, ByteSource data) {

    public Tensor {
        Objects.requireNonNull(storedName, "storedName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
        checkByteLength(storedName, dtype, shape, data.length());
    }

    /**
     * Refuses {@code length} bytes as the data of tensor {@code name} unless they are exactly the
     * {@code shape.elementCount() * dtype.byteSize()} it needs.
     *
     * @throws ArithmeticException if that product overflows a long
     */
    public static void checkByteLength(String name, DType dtype, Shape shape, long length) {
        long expected = Math.multiplyExact(shape.elementCount(), (long) dtype.byteSize());
        if (length != expected) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "tensor %s: %s %s needs %d bytes, data has %d", name, dtype.label(), shape, expected, length));
        }
    }

    public long elementCount() {
        return shape.elementCount();
    }
}
