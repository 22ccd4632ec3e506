package org.jaynes.report.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.report.SampleAnalysis;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {

    @Test
    void headerThenOneRowPerPopulationThenPooled() throws IOException {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
        List<String> lines = write(result).lines().toList();
        assertEquals(String.join(",", CsvReportWriter.COLUMNS), lines.get(0));
        assertEquals(result.layers().size() + 2, lines.size());
        assertTrue(lines.get(1).startsWith("layers.0.attn.q_proj,layers.0.attn.q_proj.weight,attention-query,\"[64,96]\",f32,6144,"),
                lines.get(1));
        assertTrue(lines.get(lines.size() - 1).startsWith("pooled,"), lines.get(lines.size() - 1));
        String sigma = Double.toString(result.layers().get(0).stats().sigma());
        assertTrue(lines.get(1).contains("," + sigma + ","), "full precision sigma " + sigma);
    }

    @Test
    void quotesFieldsThatNeedIt() {
        assertEquals("plain", CsvReportWriter.quote("plain"));
        assertEquals("\"a,b\"", CsvReportWriter.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReportWriter.quote("say \"hi\""));
    }

    @Test
    void doesNotChangeWithTheLocale() throws IOException {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = write(result);
            Locale.setDefault(Locale.ROOT);
            assertEquals(write(result), german);
        } finally {
            Locale.setDefault(before);
        }
    }

    private static String write(AnalysisResult result) throws IOException {
        StringWriter out = new StringWriter();
        new CsvReportWriter().write(result, out);
        return out.toString();
    }
}
