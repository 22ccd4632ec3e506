package org.jaynes.formats.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jaynes.core.tensor.Tensor;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The golden files beside the fixtures ({@code {"models": [{"file": ..., "tensors": [...]}, ...]}}, numbers
 * as doubles) as test arguments, and the checks of decoded tensors against what the reference library
 * recorded: first values exactly, sums to {@link #SUM_TOLERANCE} of the sum of |x|.
 */
public final class Goldens {

    /**
     * Python sums exactly (math.fsum) or pairwise, Java here in order or compensated: the two are within
     * this of the sum of |x| (in order, the error is at most n 2^-53 of it, and the fixtures' n is small).
     */
    public static final double SUM_TOLERANCE = 1e-12;

    private Goldens() {
    }

    /** One argument pair per model of a golden resource: its {@code file} and its whole entry. */
    public static Stream<Arguments> models(String resource) throws IOException {
        return JsonTree.array(JsonTree.object(JsonTree.resource(resource)).get("models")).stream()
                .map(model -> Arguments.of(JsonTree.object(model).get("file"), model));
    }

    /** One argument triple per tensor of every model of a golden resource: file, tensor name, tensor entry. */
    public static Stream<Arguments> tensors(String resource) throws IOException {
        return JsonTree.array(JsonTree.object(JsonTree.resource(resource)).get("models")).stream()
                .flatMap(model -> JsonTree.array(JsonTree.object(model).get("tensors")).stream()
                        .map(tensor -> Arguments.of(JsonTree.object(model).get("file"),
                                JsonTree.object(tensor).get("name"), tensor)));
    }

    /**
     * Checks a tensor against its golden entry: dtype label, shape, the CRC-32 of its bytes (every value
     * bit for bit), its first values exactly, and its sum to {@link #SUM_TOLERANCE} of the sum of |x|.
     */
    public static void assertTensorMatches(String name, Tensor tensor, Map<String, Object> want) throws IOException {
        assertEquals(want.get("dtype"), tensor.dtype().label(), name);
        long[] shape = JsonTree.array(want.get("shape")).stream().mapToLong(d -> ((Double) d).longValue()).toArray();
        assertArrayEquals(shape, tensor.shape().dims(), name);
        assertEquals(((Double) want.get("crc32")).longValue(), TensorValues.crc32(tensor), name + " bytes");
        double[] values = TensorValues.of(tensor);
        assertFirstValues(name, values, want);
        double sum = Arrays.stream(values).sum();
        double sumAbs = Arrays.stream(values).map(Math::abs).sum();
        assertEquals((Double) want.get("sum"), sum, SUM_TOLERANCE * sumAbs, name + " sum");
    }

    /**
     * Checks decoded values against a golden entry's {@code first} values (exactly) and its {@code sum},
     * added here in order, to {@link #SUM_TOLERANCE} of the sum of |x| (Python sums in float64 pairwise).
     */
    public static void assertFirstValuesAndSum(String name, double[] values, Map<String, Object> want) {
        assertFirstValues(name, values, want);
        assertSumInOrder((Double) want.get("sum"), values, name + " sum");
    }

    /**
     * Checks decoded values against a reference library's first values (bit-equal as doubles) and its
     * correctly rounded sum, which plain summation here in order may miss by at most n 2^-53 of the sum
     * of |x| (under {@link #SUM_TOLERANCE} of it for the n of the fixtures, at most 512).
     */
    public static void assertFirstAndSum(String name, double[] values, double[] first, double sum) {
        assertArrayEquals(first, Arrays.copyOf(values, first.length), name);
        assertSumInOrder(sum, values, name);
    }

    private static void assertFirstValues(String name, double[] values, Map<String, Object> want) {
        List<Object> first = JsonTree.array(want.get("first"));
        for (int i = 0; i < first.size(); i++) {
            assertEquals((Double) first.get(i), values[i], 0.0, name + "[" + i + "]");
        }
    }

    private static void assertSumInOrder(double want, double[] values, String message) {
        double sum = 0;
        double sumAbs = 0;
        for (double v : values) {
            sum += v;
            sumAbs += Math.abs(v);
        }
        assertEquals(want, sum, SUM_TOLERANCE * sumAbs, message);
    }
}
