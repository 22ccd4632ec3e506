package org.jaynes.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {

    @TempDir
    Path dir;

    /**
     * The numbers of a saved report read back as the doubles {@link Double#parseDouble} gives for their text,
     * bit for bit: the store's fast number parser changes no value. Random bit patterns (every exponent),
     * the extremes, subnormals and numbers with many digits.
     */
    @Test
    void numbersReadBackAsParseDoubleReadsThem() throws IOException {
        List<String> texts = new ArrayList<>(List.of("4.9E-324", "2.2250738585072014E-308",
                "2.225073858507201E-308", "1.7976931348623157E308", "0.1", "-0.0", "1e23", "8.98846567431158E307",
                "0.30000000000000004", "123456789012345678901234567890e-40", "-3.5760145883541213"));
        SplittableRandom random = new SplittableRandom(7);
        while (texts.size() < 5000) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                texts.add(Double.toString(value));
            }
        }
        StringBuilder json = new StringBuilder("{\"layers\": [");
        for (int i = 0; i < texts.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"mu\": ").append(texts.get(i)).append('}');
        }
        Files.writeString(dir.resolve("model.json"), json.append("]}"));
        JsonNode layers = new ReportStore(dir).readLayers("model").orElseThrow();
        assertEquals(texts.size(), layers.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(texts.get(i))),
                    Double.doubleToRawLongBits(layers.get(i).get("mu").asDouble()), texts.get(i));
        }
    }
}
