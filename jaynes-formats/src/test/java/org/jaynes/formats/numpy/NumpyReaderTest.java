package org.jaynes.formats.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jaynes.formats.zip.ZipBytes;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.FileRegion;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.testing.TensorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the arrays numpy wrote and checks every value against what numpy recorded. */
class NumpyReaderTest {

    private static final long SEED = 20240608L;

    private final NumpyReader reader = new NumpyReader();

    @TempDir
    Path folder;

    static List<String> fixtureFiles() {
        return NumpyFixtures.files();
    }

    @ParameterizedTest
    @MethodSource("fixtureFiles")
    void everyArrayHoldsTheValuesNumpyWrote(String file) throws Exception {
        Model model = reader.read(NumpyFixtures.path(file));
        assertEquals(ModelFormat.NUMPY, model.format());
        List<NumpyFixtures.Expected> expected = NumpyFixtures.arrays(file);
        assertEquals(expected.size(), model.tensors().size(), file);
        for (int i = 0; i < expected.size(); i++) {
            NumpyFixtures.Expected e = expected.get(i);
            Tensor t = model.tensors().get(i);
            assertEquals(e.name(), t.name(), file);
            assertEquals(file.endsWith(".npz") ? e.name() + ".npy" : file, t.storedName());
            assertEquals(Shape.of(e.shape()), t.shape(), e.name());
            assertEquals(dtype(e.descr()), t.dtype(), e.name());
            double[] values = TensorValues.of(t);
            assertEquals(e.count(), values.length, e.name());
            if (e.values() != null) {
                assertArrayEquals(e.values(), values, e.name());
            }
            for (int v = 0; v < e.first().length; v++) {
                assertEquals(e.first()[v], values[v], e.name() + " value " + v);
            }
            assertEquals(e.sum(), TensorValues.exactSum(values), Math.ulp(e.sum()), e.name() + " sum");
        }
    }

    @Test
    void littleEndianDataStaysInTheFileBigEndianIsConverted() throws Exception {
        assertInstanceOf(FileRegion.class, reader.read(NumpyFixtures.path("f4.npy")).tensors().get(0).data());
        assertInstanceOf(FileRegion.class, reader.read(NumpyFixtures.path("u1.npy")).tensors().get(0).data());
        assertInstanceOf(DecodedBytes.class, reader.read(NumpyFixtures.path("big_f4.npy")).tensors().get(0).data());
        for (Tensor t : reader.read(NumpyFixtures.path("stored.npz")).tensors()) {
            if (t.name().equals("big_endian")) {
                assertInstanceOf(DecodedBytes.class, t.data());
            } else {
                FileRegion region = assertInstanceOf(FileRegion.class, t.data(), t.name());
                assertEquals(NumpyFixtures.path("stored.npz"), region.file());
            }
        }
    }

    @Test
    void bigEndianArraysEqualTheirLittleEndianTwins() throws Exception {
        for (String kind : List.of("f8", "f4", "f2", "i4", "u2")) {
            Tensor little = reader.read(NumpyFixtures.path(kind + ".npy")).tensors().get(0);
            Tensor big = reader.read(NumpyFixtures.path("big_" + kind + ".npy")).tensors().get(0);
            assertEquals(little.data().window(0, (int) little.data().length()),
                    big.data().window(0, (int) big.data().length()), kind);
            assertEquals(little.data().window(3, 5), big.data().window(3, 5), kind + " unaligned window");
        }
    }

    @Test
    void fortranOrderKeepsTheDeclaredShape() throws Exception {
        Tensor t = reader.read(NumpyFixtures.path("fortran.npy")).tensors().get(0);
        NumpyFixtures.Expected e = NumpyFixtures.arrays("fortran.npy").get(0);
        assertTrue(e.fortranOrder());
        assertEquals(Shape.of(4, 3), t.shape());
        assertArrayEquals(e.values(), TensorValues.of(t), "values in column-major order, as stored");
    }

    @Test
    void compressedWindowsInAnyOrderAndInParallel() throws Exception {
        Tensor large = reader.read(NumpyFixtures.path("compressed.npz")).tensors().stream()
                .filter(t -> t.name().equals("large")).findFirst().orElseThrow();
        ByteBuffer whole = large.data().window(0, (int) large.data().length());
        int total = whole.capacity();
        SplittableRandom random = new SplittableRandom(SEED);
        List<int[]> windows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int offset = random.nextInt(total + 1);
            windows.add(new int[] {offset, random.nextInt(Math.min(40_000, total - offset) + 1)});
        }
        for (int[] w : windows) {
            assertEquals(whole.slice(w[0], w[1]), large.data().window(w[0], w[1]),
                    "seed " + SEED + ", window at " + w[0] + " of " + w[1]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ByteBuffer>> parts = new ArrayList<>();
            for (int[] w : windows) {
                parts.add(pool.submit(() -> large.data().window(w[0], w[1])));
            }
            for (int i = 0; i < windows.size(); i++) {
                int[] w = windows.get(i);
                assertEquals(whole.slice(w[0], w[1]), parts.get(i).get(), "parallel window at " + w[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void zip64ArchivesRead() throws Exception {
        byte[] first = NpyBytes.f32("(2,)", 1.5f, -2f);
        byte[] second = NpyBytes.f32("(1, 3)", 0.25f, 0f, 8f);
        byte[] zip = new ZipBytes().stored("a.npy", first).deflated("dir/b.npy", second).finish(true);
        Path file = Files.write(folder.resolve("zip64.npz"), zip);
        Model model = reader.read(file);
        assertEquals(List.of("a", "dir/b"), model.tensors().stream().map(Tensor::name).toList());
        assertArrayEquals(new double[] {1.5, -2}, TensorValues.of(model.tensors().get(0)));
        assertArrayEquals(new double[] {0.25, 0, 8}, TensorValues.of(model.tensors().get(1)));
        assertEquals(Shape.of(1, 3), model.tensors().get(1).shape());
    }

    @Test
    void entriesThatAreNotArraysAreLeftOut() throws Exception {
        byte[] zip = new ZipBytes().stored("notes.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .stored("dir/", new byte[0]).stored("w.npy", NpyBytes.f32("()", 3f)).finish(false);
        Model model = reader.read(Files.write(folder.resolve("mixed.npz"), zip));
        assertEquals(1, model.tensors().size());
        assertEquals("w", model.tensors().get(0).name());
        assertEquals(Shape.of(), model.tensors().get(0).shape());
    }

    @Test
    void emptyArchive() throws Exception {
        Model model = reader.read(Files.write(folder.resolve("empty.npz"), new ZipBytes().finish(false)));
        assertTrue(model.tensors().isEmpty());
    }

    @Test
    void recognizesTheNpyMagicAndNpzArchives() {
        assertTrue(reader.recognizes(Path.of("w.bin"), head("\u0093NUMPY\u0001\u0000")));
        assertTrue(reader.recognizes(Path.of("w.npz"), head("PK\u0003\u0004")));
        assertTrue(reader.recognizes(Path.of("W.NPZ"), head("PK\u0005\u0006")));
        assertFalse(reader.recognizes(Path.of("model.pt"), head("PK\u0003\u0004")), "other zips belong to other readers");
        assertFalse(reader.recognizes(Path.of("w.npy"), head("NUMPY")));
    }

    private static ByteBuffer head(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static DType dtype(String descr) {
        return switch (descr.substring(1)) {
            case "f8" -> DType.F64;
            case "f4" -> DType.F32;
            case "f2" -> DType.F16;
            case "i8" -> DType.I64;
            case "i4" -> DType.I32;
            case "i2" -> DType.I16;
            case "i1" -> DType.I8;
            case "u2" -> DType.U16;
            case "u1" -> DType.U8;
            case "b1" -> DType.BOOL;
            default -> throw new AssertionError(descr);
        };
    }
}
