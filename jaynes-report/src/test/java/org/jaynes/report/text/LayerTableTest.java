package org.jaynes.report.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.report.SampleAnalysis;
import org.junit.jupiter.api.Test;

class LayerTableTest {

    @Test
    void oneRowPerPopulationThenPooledAndSetAside() throws IOException {
        String table = print(SampleAnalysis.of(AnalysisOptions.DEFAULTS));
        assertTrue(table.startsWith("model      sample.safetensors (safetensors, 18,496 parameters in 3 tensors)"), table);
        assertEquals(1, table.lines().filter(l -> l.matches("\\s+1\\s+layers\\.0\\.attn\\.q_proj\\s+attention-query.*"))
                .count(), table);
        assertEquals(1, table.lines().filter(l -> l.matches("\\s+2\\s+layers\\.0\\.mlp\\.up_proj\\s+mlp-up.*")).count(),
                table);
        assertTrue(table.contains("pooled over 2 populations"), table);
        assertTrue(table.contains("set aside  1 tensors, not fitted (1 rank below 2)"), table);
        assertTrue(table.contains("null models: Gaussian weights 1.1107, Laplace 1.2825"), table);
    }

    @Test
    void doesNotChangeWithTheLocale() throws IOException {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = print(result);
            Locale.setDefault(Locale.ROOT);
            assertEquals(print(result), german);
        } finally {
            Locale.setDefault(before);
        }
    }

    private static String print(AnalysisResult result) {
        StringWriter out = new StringWriter();
        LayerTable.print(result, new PrintWriter(out));
        return out.toString();
    }
}
