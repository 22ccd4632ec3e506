package org.jaynes.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.jaynes.formats.safetensors.SafetensorsWriter;
import org.jaynes.formats.safetensors.WritableTensor;

/**
 * The models the Spark tests survey, written with the project's safetensors writer from seeded
 * Gaussian values, and one fixture of the formats' tests (a GGUF file of quantized types).
 */
final class TestModels {

    /** Fewer than the default minimum, so that the GGUF fixture's small tensors are populations. */
    static final long MIN_ELEMENTS = 256;

    private TestModels() {
    }

    /**
     * Three models and a file that is no model: one with an f32 tensor of two segments beside bf16 and
     * f64 tensors; one of 70 f32 tensors, more than wait for the pool's cells; the GGUF fixture.
     */
    static List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path big = folder.resolve("big.safetensors");
        SafetensorsWriter.write(big, List.of(
                tensor("encoder.big.weight", DType.F32, 5_000_000, 1, 0.05),
                tensor("encoder.half.weight", DType.BF16, 64 * 256, 2, 0.2),
                tensor("decoder.double.weight", DType.F64, 64 * 128, 3, 0.02)));
        Path many = folder.resolve("many.safetensors");
        List<WritableTensor> tensors = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            tensors.add(tensor("layers." + i + ".dense.weight", DType.F32, 64 * 64, 10 + i, 0.01 * (1 + i % 7)));
        }
        SafetensorsWriter.write(many, tensors);
        Path gguf = folder.resolve("types.gguf");
        try (var in = TestModels.class.getResourceAsStream("/gguf/types.gguf")) {
            Files.copy(in, gguf);
        }
        Path broken = folder.resolve("broken.safetensors");
        Files.write(broken, new byte[] {(byte) 200, 0, 0, 0, 0, 0, 0, 0, '{'});
        return List.of(big, many, gguf, broken);
    }

    /** A rank-2 tensor of {@code n} values from N(0, std²), seeded. */
    private static WritableTensor tensor(String name, DType dtype, int n, long seed, double std) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer bytes = ByteBuffer.allocate(n * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            double w = std * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
            switch (dtype) {
                case F64 -> bytes.putDouble(w);
                case BF16 -> bytes.putShort((short) (Float.floatToIntBits((float) w) >>> 16));
                default -> bytes.putFloat((float) w);
            }
        }
        return WritableTensor.of(name, dtype, Shape.of(n / 64, 64), HeapBytes.of(bytes.array()));
    }
}
