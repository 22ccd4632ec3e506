package org.jaynes.formats.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.jaynes.core.model.Model;
import org.jaynes.core.tensor.Tensor;

/**
 * The totals of a real model, gathered tensor by tensor and checked against its entry in a golden file
 * ({@code tensors}, {@code parameters}, {@code dtypes}, {@code crc32}, {@code sum}, {@code sumAbs}, as
 * tools/make_npm_model_golden.py writes them). Every value must be finite. Not thread-safe.
 */
public final class ModelTotals {

    /**
     * Python sums exactly (math.fsum), Java in order, whose error is at most n 2^-53 of the sum of |x| for
     * n values (recursive summation; Higham, Accuracy and Stability, 4.2). The CRC checks every value exactly.
     */
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    private final Map<String, Object> want;
    private final Model model;
    private final Map<String, Integer> dtypes = new TreeMap<>();
    private final CRC32 crc = new CRC32();
    private double sum;
    private double sumAbs;

    private ModelTotals(Map<String, Object> want, Model model) {
        this.want = want;
        this.model = model;
    }

    /** Starts the totals of a model, first checking its tensor count and parameters against its entry. */
    public static ModelTotals of(Map<String, Object> want, Model model) {
        assertEquals(((Double) want.get("tensors")).intValue(), model.tensors().size(), "tensor count");
        assertEquals(((Double) want.get("parameters")).longValue(), model.parameters(), "parameters");
        return new ModelTotals(want, model);
    }

    /** Adds a tensor: its dtype, its bytes to the CRC, and its values (each finite) to the sums. */
    public void add(Tensor tensor, double[] values) throws IOException {
        dtypes.merge(tensor.dtype().label(), 1, Integer::sum);
        crc.update(tensor.data().window(0, Math.toIntExact(tensor.data().length())));
        for (double v : values) {
            assertTrue(Double.isFinite(v), () -> tensor.name() + " holds a value that is not finite");
            sum += v;
            sumAbs += Math.abs(v);
        }
    }

    /**
     * Checks the count per dtype, the CRC-32 and the sums against the entry.
     *
     * @param dtypesMessage what the count per dtype counts, for its failure message
     */
    public void assertMatches(String dtypesMessage) {
        Map<String, Integer> expected = new TreeMap<>();
        JsonTree.object(want.get("dtypes")).forEach((k, v) -> expected.put(k, ((Double) v).intValue()));
        assertEquals(expected, dtypes, dtypesMessage);
        assertEquals(((Double) want.get("crc32")).longValue(), crc.getValue(), "CRC-32 of every value");
        assertEquals((Double) want.get("sum"), sum, UNIT_ROUNDOFF * model.parameters() * sumAbs, "sum");
        assertEquals((Double) want.get("sumAbs"), sumAbs, UNIT_ROUNDOFF * model.parameters() * sumAbs, "sum of |x|");
    }
}
