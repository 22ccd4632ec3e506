package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Optional;
import org.jaynes.core.analysis.ActivationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActivationPageTest {

    private static ActivationResult result;
    private static String page;

    @BeforeAll
    static void write() throws IOException {
        result = ActivationSample.of(Optional.of("the inputs were random <noise>"));
        StringWriter out = new StringWriter();
        ActivationPage.write(result, "0.1.0", out);
        page = out.toString();
    }

    @Test
    void isWellFormedWithEveryLayerInBothTablesAndItsOwnPlots() throws IOException {
        PageXml xml = PageXml.parse(page);
        assertEquals(3, xml.count("//table[@id='two-lognormals-table']/tbody/tr"));
        assertEquals(3, xml.count("//table[@id='layers']/tbody/tr"));
        assertEquals(3, xml.count("//section[@id='plots']//details"));
        assertTrue(xml.text("//table[@id='two-lognormals-table']/tbody/tr[2]").contains("blocks.5.weight"),
                "the GELU layer is paired with the weights that share its name");
    }

    @Test
    void statesTheInputsAndTheirCaveat() {
        assertTrue(page.contains("sentences &lt;test&gt;.txt"), "the input source, escaped");
        assertTrue(page.contains("Caution:</strong> the inputs were random &lt;noise&gt;"));
        assertTrue(page.contains("blocks.0.relu &lt;a&amp;b&gt;") || page.contains("blocks.<wbr/>0.<wbr/>relu &lt;a&amp;b&gt;"));
        assertFalse(page.contains(">NaN<"), "missing numbers are shown as a dash");
    }

    @Test
    void sameResultSamePage() throws IOException {
        StringWriter again = new StringWriter();
        ActivationPage.write(result, "0.1.0", again);
        assertEquals(page, again.toString());
    }
}
