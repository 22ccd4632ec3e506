package org.jaynes.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.formats.safetensors.SafetensorsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Writes small synthetic models, reads them back with the safetensors reader and checks the values. */
class SyntheticModelTest {

    private static final long SEED = 11;
    private static final double STD = 0.02;
    private static final long TENSOR_BYTES = 256 << 10;
    /** Two full tensors and half of one. */
    private static final long TOTAL_BYTES = 640 << 10;
    /** Sampling tolerance in standard errors: a false failure has probability about 6e-7 per check. */
    private static final double Z = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F16", "BF16"})
    void readsBackWithNamesShapesDtypeAndGaussianValues(DType dtype) throws Exception {
        Path file = dir.resolve("m.safetensors");
        List<Shape> shapes = SyntheticModel.write(file, dtype, TOTAL_BYTES, TENSOR_BYTES, STD, SEED);

        long rows = TENSOR_BYTES / (SyntheticModel.COLUMNS * dtype.byteSize());
        assertEquals(List.of(Shape.of(rows, 4096), Shape.of(rows, 4096), Shape.of(rows / 2, 4096)), shapes);
        List<Tensor> tensors = new SafetensorsReader().read(file).tensors();
        assertEquals(3, tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            assertEquals("layers." + i + ".weight", t.storedName());
            assertEquals(shapes.get(i), t.shape());
            assertEquals(dtype, t.dtype());
            assertGaussian(t, "seed " + SEED + ", " + dtype + ", " + t.storedName());
        }
    }

    private static void assertGaussian(Tensor t, String what) throws Exception {
        ByteBuffer bytes = t.data().window(0, (int) t.data().length());
        long n = t.elementCount();
        double sum = 0;
        double squares = 0;
        long withinOneStd = 0;
        for (int i = 0; i < n; i++) {
            double w = switch (t.dtype()) {
                case F32 -> bytes.getFloat(4 * i);
                case F16 -> Decoding.halfToDouble(bytes.getShort(2 * i));
                default -> Decoding.bfloat16ToDouble(bytes.getShort(2 * i));
            };
            sum += w;
            squares += w * w;
            withinOneStd += Math.abs(w) < STD ? 1 : 0;
        }
        double mean = sum / n;
        double std = Math.sqrt(squares / n - mean * mean);
        // Standard errors of a normal sample: σ/√n for the mean, σ/√(2n) for the standard deviation.
        // Rounding to bf16 (8 significant bits) moves each value by at most 2^-9 relative, hence the slack.
        double roundingSlack = STD * 0x1p-9;
        assertEquals(0, mean, Z * STD / Math.sqrt(n) + roundingSlack, what + ": mean");
        assertEquals(STD, std, Z * STD / Math.sqrt(2.0 * n) + roundingSlack, what + ": std");
        double p = 0.6826894921370859; // P(|Z| < 1)
        assertEquals(p, (double) withinOneStd / n, Z * Math.sqrt(p * (1 - p) / n) + 0.002,
                what + ": share within one std");
    }

    @Test
    void sameArgumentsWriteTheSameBytes() throws Exception {
        Path first = dir.resolve("a.safetensors");
        Path second = dir.resolve("b.safetensors");
        SyntheticModel.write(first, DType.BF16, TOTAL_BYTES, TENSOR_BYTES, STD, SEED);
        SyntheticModel.write(second, DType.BF16, TOTAL_BYTES, TENSOR_BYTES, STD, SEED);
        assertEquals(-1, Files.mismatch(first, second));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F16", "BF16"})
    void smallFloatBitsRoundTripsEveryFinitePattern(DType dtype) {
        int exponentBits = dtype == DType.F16 ? 5 : 8;
        for (int pattern = 0; pattern < 1 << 16; pattern++) {
            double value = Decoding.patternToDouble(dtype, pattern);
            if (Double.isFinite(value)) {
                int bits = SyntheticModel.smallFloatBits(value, exponentBits, 15 - exponentBits);
                assertEquals(pattern, bits, () -> dtype + " value " + value);
            }
        }
    }

    @Test
    void smallFloatBitsRoundsTiesToEvenAndOverflowsToInfinity() {
        assertEquals(0x3C00, half(1 + 0x1p-11), "tie between 1 and its successor: even is 1");
        assertEquals(0x3C02, half(1 + 3 * 0x1p-11), "tie between two successors of 1: even is the upper");
        assertEquals(0x3C01, half(1 + 0x1p-11 + 0x1p-30), "just above a tie");
        assertEquals(0x0000, half(0x1p-25), "half the smallest subnormal: ties to zero");
        assertEquals(0x0002, half(3 * 0x1p-25), "tie between the first two subnormals");
        assertEquals(0x0400, half(0x1p-14 - 0x1p-26), "rounds up from the subnormals to the smallest normal");
        assertEquals(0x7BFF, half(65519.99), "largest finite");
        assertEquals(0x7C00, half(65520), "rounds past the largest finite");
        assertEquals(0xFC00, half(Double.NEGATIVE_INFINITY));
        assertEquals(0x8000, half(-0.0));
        assertEquals(0x7E00, half(Double.NaN));
        assertEquals(0x3F80, SyntheticModel.smallFloatBits(1 + 0x1p-8, 8, 7), "bf16 tie: even is 1");
        assertEquals(0xBF81, SyntheticModel.smallFloatBits(-(1 + 0x1p-8 + 0x1p-20), 8, 7), "bf16 above a tie");
    }

    private static int half(double x) {
        return SyntheticModel.smallFloatBits(x, 5, 10);
    }

    @Test
    void layoutRoundsToWholeRowsAndRejectsBadArguments() {
        assertEquals(List.of(Shape.of(1, 4096)), SyntheticModel.layout(DType.F32, 1, 1));
        assertEquals(List.of(Shape.of(4096, 4096), Shape.of(4096, 4096)),
                SyntheticModel.layout(DType.F32, 128L << 20, SyntheticModel.TENSOR_BYTES));
        assertThrows(IllegalArgumentException.class, () -> SyntheticModel.layout(DType.I8, 1024, 1024));
        assertThrows(IllegalArgumentException.class, () -> SyntheticModel.layout(DType.F32, 0, 1024));
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticModel.write(dir.resolve("x"), DType.F32, 1024, 1024, Double.NaN, SEED));
    }

    @Test
    void parseBytesTakesBinaryMultiples() {
        assertEquals(1000, SyntheticModel.parseBytes("1000"));
        assertEquals(512 << 10, SyntheticModel.parseBytes("512k"));
        assertEquals(64L << 20, SyntheticModel.parseBytes("64M"));
        assertEquals(1L << 30, SyntheticModel.parseBytes("1G"));
        assertThrows(NumberFormatException.class, () -> SyntheticModel.parseBytes("1T"));
        assertTrue(SyntheticModel.USAGE.startsWith("usage: "));
    }
}
