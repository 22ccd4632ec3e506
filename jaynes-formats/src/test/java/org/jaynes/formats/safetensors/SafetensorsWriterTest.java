package org.jaynes.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes files and reads them back; checks the layout against the reference library's own files. */
class SafetensorsWriterTest {

    private static final long SEED = 7;

    @TempDir
    Path dir;

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    @Test
    void roundTripKeepsNamesShapesTypesAndBytes() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        List<WritableTensor> written = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        Shape[] shapes = {Shape.of(3, 5), Shape.of(), Shape.of(2, 0), Shape.of(2, 3, 4), Shape.of(7)};
        int i = 0;
        for (DType dtype : DType.values()) {
            Shape shape = shapes[i % shapes.length];
            byte[] bytes = randomBytes(random, (int) (shape.elementCount() * dtype.byteSize()));
            written.add(WritableTensor.of("layer." + i++ + ".weight", dtype, shape, HeapBytes.of(bytes)));
            contents.add(bytes);
        }
        Path file = dir.resolve("out.safetensors");
        SafetensorsWriter.write(file, Map.of("format", "pt"), written);

        List<Tensor> read = new SafetensorsReader().read(file).tensors();
        assertEquals(written.size(), read.size());
        for (int k = 0; k < read.size(); k++) {
            Tensor t = read.get(k);
            assertEquals(written.get(k).name(), t.storedName(), "seed " + SEED);
            assertEquals(written.get(k).dtype(), t.dtype());
            assertEquals(written.get(k).shape(), t.shape());
            assertArrayEquals(contents.get(k), bytes(t), t.storedName() + ", seed " + SEED);
        }
        assertEquals(List.of(file.getFileName()), list(dir));
    }

    @Test
    void headerIsPaddedWithSpacesToAMultipleOfEight() throws IOException {
        for (int nameLength = 1; nameLength <= 8; nameLength++) {
            Path file = dir.resolve("p" + nameLength + ".safetensors");
            SafetensorsWriter.write(file, List.of(
                    WritableTensor.of("x".repeat(nameLength), DType.I8, Shape.of(1), HeapBytes.of(new byte[] {1}))));
            byte[] bytes = Files.readAllBytes(file);
            long length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            assertEquals(0, length % 8);
            assertEquals(8 + length + 1, bytes.length);
            String header = new String(bytes, 8, (int) length, StandardCharsets.UTF_8);
            assertEquals("{\"" + "x".repeat(nameLength) + "\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}",
                    header.stripTrailing());
            assertEquals(header.stripTrailing().length() + (8 - header.stripTrailing().length() % 8) % 8, header.length());
        }
    }

    @Test
    void rewritingTheReferenceFilesGivesTheSameBytes() throws Exception {
        for (String name : List.of("mixed.safetensors", "sharded/model-00001-of-00002.safetensors",
                "sharded/model-00002-of-00002.safetensors")) {
            Path reference = Fixtures.path(name);
            List<WritableTensor> tensors = new SafetensorsReader().read(reference).tensors().stream()
                    .map(WritableTensor::of).toList();
            Path copy = dir.resolve("copy.safetensors");
            SafetensorsWriter.write(copy, Fixtures.metadata(), tensors);
            assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(copy), name);
        }
    }

    @Test
    void sourcesAreCopiedWindowByWindow() throws Exception {
        Path source = Files.write(dir.resolve("source.bin"), randomBytes(new SplittableRandom(SEED), 1003));
        FileRegion region = new FileRegion(source, 3, 1000);
        Path file = dir.resolve("out.safetensors");
        SafetensorsWriter.write(file, List.of(new WritableTensor("w", DType.F32, Shape.of(10, 25),
                new ByteSourceWriter(region, 7))));
        Tensor read = new SafetensorsReader().read(file).tensors().get(0);
        assertArrayEquals(bytes(region), bytes(read));
    }

    @Test
    void failedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("out.safetensors"), "the old content");
        TensorBytesWriter failing = out -> {
            out.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            throw new IOException("disk full");
        };
        IOException e = assertThrows(IOException.class, () -> SafetensorsWriter.write(file,
                List.of(new WritableTensor("w", DType.F32, Shape.of(4), failing))));
        assertEquals("disk full", e.getMessage());
        assertEquals("the old content", Files.readString(file));
        assertEquals(List.of(file.getFileName()), list(dir));
    }

    @Test
    void writerOfTheWrongLengthIsAProgrammingError() throws IOException {
        Path file = dir.resolve("out.safetensors");
        TensorBytesWriter tooShort = out -> out.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SafetensorsWriter.write(file,
                List.of(new WritableTensor("w", DType.F16, Shape.of(2), tooShort))));
        assertEquals("tensor w: f16 [2] needs 4 bytes, its writer wrote 3", e.getMessage());
        assertEquals(List.of(), list(dir));
    }

    @Test
    void duplicateAndReservedNamesAreRefused() {
        WritableTensor a = WritableTensor.of("a", DType.I8, Shape.of(1), HeapBytes.of(new byte[1]));
        WritableTensor reserved = WritableTensor.of("__metadata__", DType.I8, Shape.of(1), HeapBytes.of(new byte[1]));
        Path file = dir.resolve("out.safetensors");
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(file, List.of(a, a)));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(file, List.of(reserved)));
        assertThrows(IllegalArgumentException.class,
                () -> WritableTensor.of("b", DType.F32, Shape.of(2), HeapBytes.of(new byte[7])));
    }

    private static byte[] bytes(Tensor tensor) throws IOException {
        return bytes(tensor.data());
    }

    private static byte[] bytes(ByteSource source) throws IOException {
        ByteBuffer window = source.window(0, (int) source.length());
        byte[] bytes = new byte[window.remaining()];
        window.get(bytes);
        return bytes;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).sorted().toList();
        }
    }
}
