package org.jaynes.core.fit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jaynes.core.stats.FitInput;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.stats.StoredValues;
import org.jaynes.core.tensor.DType;

/**
 * The golden fits of {@code fits/golden-fits.json} and the samples they were made from, written by
 * {@code tools/make_golden_fits.py} with scipy (see there for what each number is).
 */
final class GoldenFits {

    private static final String FOLDER = "/fits/";

    private GoldenFits() {
    }

    /** Every population of the golden file. */
    static List<Map<String, Object>> populations() {
        Map<String, Object> document = Json.object(Json.parse(new String(resource("golden-fits.json"),
                StandardCharsets.UTF_8)));
        return Json.array(document.get("populations")).stream().map(Json::object).toList();
    }

    /** The sample of {@code population}, streamed through an accumulator of its dtype as production does. */
    static FitInput fitInput(Map<String, Object> population) {
        DType dtype = DType.valueOf(((String) population.get("dtype")).toUpperCase(java.util.Locale.ROOT));
        PopulationAccumulator accumulator = PopulationAccumulator.of(dtype);
        accumulator.accept(ByteBuffer.wrap(resource((String) population.get("file"))));
        return accumulator.fitInput();
    }

    /** The stored non-zero values of {@code population}, as doubles (f16 samples only). */
    static double[] values(Map<String, Object> population) {
        if (!"f16".equals(population.get("dtype"))) {
            throw new IllegalArgumentException("values are decoded here for f16 samples only");
        }
        ByteBuffer bytes = ByteBuffer.wrap(resource((String) population.get("file"))).order(ByteOrder.LITTLE_ENDIAN);
        return java.util.stream.IntStream.range(0, bytes.capacity() / 2)
                .mapToDouble(i -> StoredValues.halfToDouble(bytes.getShort(2 * i) & 0xFFFF))
                .filter(v -> v != 0)
                .toArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = GoldenFits.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
