package org.jaynes.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.jaynes.core.analysis.ActivationResult;
import org.jaynes.report.html.ActivationSample;
import org.junit.jupiter.api.Test;

class ActivationTableTest {

    @Test
    void oneRowPerLayerWithZerosNegativesAndTheWeightsBeside() throws IOException {
        ActivationResult result = ActivationSample.of(Optional.empty());
        StringWriter text = new StringWriter();
        ActivationTable.print(result, new PrintWriter(text));
        String[] lines = text.toString().split("\n");
        String gelu = java.util.Arrays.stream(lines).filter(l -> l.contains(ActivationSample.GELU)).findFirst()
                .orElseThrow();
        long n = result.layers().get(1).result().stats().n();
        String negatives = String.format(java.util.Locale.ROOT, "%.1f", 100.0 * result.layers().get(1).negatives() / n);
        assertTrue(gelu.contains(" " + negatives + " "), gelu);
        assertTrue(gelu.contains(String.format(java.util.Locale.ROOT, "%.4f",
                result.layers().get(1).weights().orElseThrow().stats().sigma())), gelu);
        assertEquals(1, java.util.Arrays.stream(lines).filter(l -> l.contains("pooled over 3 layers")).count());
        assertTrue(text.toString().contains("inputs     12 inputs, 96 positions from sentences <test>.txt, 4 batches"));
    }
}
