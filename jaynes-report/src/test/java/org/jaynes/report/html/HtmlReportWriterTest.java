package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.Baseline;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.stats.Normalization;
import org.jaynes.report.SampleAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {

    private static AnalysisResult sample;
    private static AnalysisResult layered;
    private static AnalysisResult withBaseline;

    @BeforeAll
    static void analyse() throws IOException {
        sample = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
        layered = LayeredSample.of(AnalysisOptions.DEFAULTS);
        withBaseline = SampleAnalysis.of(AnalysisOptions.DEFAULTS.withBaseline(Baseline.GAUSSIAN));
    }

    @Test
    void isWellFormedWithASectionAndATableRowPerLayer() throws IOException {
        PageXml page = PageXml.parse(write(layered));
        List<LayerResult> layers = layered.layers();
        assertEquals(layers.size(), page.count("//table[@id='layers']/tbody/tr"));
        for (int i = 1; i <= layers.size(); i++) {
            LayerResult layer = layers.get(i - 1);
            String row = "//table[@id='layers']/tbody/tr[" + i + "]";
            assertEquals(Integer.toString(i), page.text(row + "/@data-layer"));
            assertEquals(layer.tensor().name(), page.text(row + "/td[2]"));
            assertEquals("#layer-" + i, page.text(row + "/td[2]/a/@href"));
            assertEquals(Double.toString(layer.stats().sigma()), page.text(row + "/td[@data-v][7]/@data-v"));
            String section = "//details[@id='layer-" + i + "']";
            assertEquals(1, page.count(section), "section of layer " + i);
            assertEquals(3, page.count(section + "//figure/*[local-name()='svg']"), "plots of layer " + i);
            assertEquals(layer.tensor().name(), page.text(section + "/summary/span[@class='name']"));
        }
        assertEquals("pooled", page.text("//table[@id='layers']/tfoot/tr/td[2]"));
        assertEquals(4 + 3 * layers.size(), page.count("//figure/*[local-name()='svg']"));
    }

    @Test
    void escapesLayerNamesAndTheModelPath() throws IOException {
        String html = write(layered);
        assertFalse(html.contains(LayeredSample.AWKWARD_NAME), "a raw < & \" would break the markup");
        assertTrue(html.contains("blocks.3.&lt;attn&gt; &amp; &quot;proj&quot; &#39;o&#39;"));
        PageXml page = PageXml.parse(html);
        assertEquals("layered <sample>.safetensors", page.text("//h1"));
        assertEquals(LayeredSample.AWKWARD_NAME, page.text("//details[@id='layer-4']/summary/span[@class='name']"));
    }

    @Test
    void sameBytesInEveryLocaleAndOnEveryRun() throws IOException {
        AnalysisResult result = sample;
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = write(result);
            Locale.setDefault(Locale.ROOT);
            String root = write(result);
            assertEquals(root, german);
            assertEquals(root, write(SampleAnalysis.of(AnalysisOptions.DEFAULTS)), "the same analysis, the same page");
            assertTrue(german.contains("π/√8 = 1.11"), "decimal point, not comma");
            assertFalse(Pattern.compile("\\d,\\d").matcher(german).find(), "no decimal comma anywhere");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void fetchesNothing() throws IOException {
        String html = write(withBaseline);
        assertFalse(html.contains("http"), "no URL of any kind");
        assertFalse(Pattern.compile("\\b(src|srcset|action|poster|xlink:href)\\s*=", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "no attribute that loads a resource");
        Matcher href = Pattern.compile("\\bhref\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (href.find()) {
            assertTrue(href.group(1).startsWith("#"), "link inside the page only: " + href.group(1));
        }
        for (String tag : new String[] {"<link", "<img", "<iframe", "<object", "<embed", "<base", "@import", "url("}) {
            assertFalse(html.contains(tag), "contains " + tag);
        }
    }

    @Test
    void statesTheModelOptionsAndConventions() throws IOException {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS.withNormalization(Normalization.RMS));
        PageXml page = PageXml.parse(write(result));
        String header = page.text("//header");
        for (String fact : new String[] {"sample.safetensors", "safetensors", "jaynes test-version", "--min-elements4096",
                "--normalizerms", "--bins100", "--bin-conventionlog", "--baselinenone", "--seed1", "arbitrage gap",
                "π/√8", "KL(x ‖ x*)"}) {
            assertTrue(header.contains(fact), "header lacks " + fact);
        }
        assertFalse(page.text("//body").matches("(?s).*\\b20\\d\\d-\\d\\d-\\d\\d\\b.*"), "no date");
        assertEquals(1, page.count("//table[@id='layers']/thead/tr/th[@data-key='normalizedMu']"));
    }

    @Test
    void summarisesAndListsTheTensorsSetAside() throws IOException {
        AnalysisResult result = sample;
        PageXml page = PageXml.parse(write(result));
        String summary = page.text("//section[@id='summary']");
        assertTrue(summary.contains(result.universality().summary().substring(1)), summary);
        assertTrue(summary.contains(result.pooled().fits().verdict()), summary);
        assertEquals("layers.0.norm", page.text("//table[@id='set-aside-table']/tbody/tr[1]/td[1]"));
        assertEquals("rank below 2", page.text("//table[@id='set-aside-table']/tbody/tr[1]/td[6]"));
        assertEquals(0, page.count("//details[@open]"), "everything folded is folded");
    }

    @Test
    void showsTheBaselineBesideEachLayer() throws IOException {
        AnalysisResult result = withBaseline;
        PageXml page = PageXml.parse(write(result));
        assertEquals(result.layers().size(), page.count("//details[@class='layer']//p[@class='baseline']"));
        assertTrue(page.text("//ul[@class='legend']").contains("baseline"));
    }

    @Test
    void aModelWithoutPopulationsStillGivesAPage() throws IOException {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS.withMinElements(1_000_000));
        assertTrue(result.layers().isEmpty());
        PageXml page = PageXml.parse(write(result));
        assertEquals(0, page.count("//table[@id='layers']/tbody/tr"));
        assertTrue(page.text("//section[@id='universality']").contains("No populations"));
        assertEquals(3, page.count("//table[@id='set-aside-table']/tbody/tr"));
    }

    @Test
    void degenerateLayersGiveAPageWithoutPlotsOfNothing() throws IOException {
        AnalysisResult result = LayeredSample.degenerate();
        PageXml page = PageXml.parse(write(result));
        assertEquals(result.layers().size(), page.count("//table[@id='layers']/tbody/tr"));
        assertEquals(result.layers().size(), page.count("//details[@class='layer']"));
        assertFalse(write(result).contains("NaN\u003c"), "no NaN shown to people");
    }

    static String write(AnalysisResult result) throws IOException {
        StringWriter out = new StringWriter();
        HtmlReportWriter.write(result, "test-version", out);
        return out.toString();
    }
}
