package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InitExperimentPageTest {

    private static final List<String> INITS = List.of("he", "xavier", "lognormal σ 1");

    static String write(InitExperimentInput input) throws IOException {
        StringWriter out = new StringWriter();
        InitExperimentPage.write(input, "0.1.0", out);
        return out.toString();
    }

    @Test
    void eachInitialiserHasAMeanLineABandAndFaintSeeds() throws IOException {
        String html = write(RunSamples.experiment(INITS, 5, 4));
        PageXml page = PageXml.parse(html);
        assertEquals(4, page.count("//section[@id='curves']//figure/*[local-name()='svg']"),
                "accuracy and loss, from epoch 0 and from epoch 1");
        assertEquals(4, page.count("(//section[@id='curves']//figure/*[local-name()='svg'])[3]"
                + "/*[local-name()='g'][@class='points'][1]/*"), "epochs 1 to 4 of the first initialiser");
        String accuracy = "(//section[@id='curves']//figure/*[local-name()='svg'])[1]";
        assertEquals(INITS.size(), page.count(accuracy + "/*[local-name()='path'][@class='band']"));
        assertEquals(INITS.size() * (5 + 1), page.count(accuracy + "/*[local-name()='path'][@class='line']"),
                "five seeds and the mean per initialiser");
        assertEquals(LinePalette.faint(0).colour(), page.text(accuracy + "/*[local-name()='path'][@class='line'][1]/@stroke"),
                "seeds are drawn first (over the bands), faint");
        for (int i = 0; i < INITS.size(); i++) {
            assertEquals(INITS.get(i), page.text("//section[@id='curves']/ul[@class='legend']/li[" + (i + 1) + "]"));
            assertEquals(2, page.count("//table[@id='final-layers']/tbody/tr[td[1]='" + INITS.get(i) + "']"));
            assertEquals(5, page.count("//table[@id='every-epoch']/tbody/tr[td[1]='" + INITS.get(i) + "']"));
        }
        assertEquals(2, page.count("//table[@id='verdicts']/tbody/tr"));
        assertEquals("lognormal σ 1 vs he", page.text("//table[@id='verdicts']/tbody/tr[1]/td[1]"));
        assertEquals("0.08", page.text("//table[@id='verdicts']/tbody/tr[1]/td[2]"));
        assertEquals("0.0123", page.text("//table[@id='verdicts']/tbody/tr[1]/td[3]"));
        assertEquals("lognormal σ 1 better", page.text("//table[@id='verdicts']/tbody/tr[1]/td[4]"));
        assertEquals("5 of 5", page.text("//table[@id='final-layers']/tbody/tr[1]/td[6]"));
        assertTrue(page.text("//p[@class='meta']").contains("3 initialisers × 5 seeds · 4 epochs"),
                page.text("//p[@class='meta']"));
        assertTrue(page.text("//section[@id='verdicts']/p").startsWith("Rule: a difference when"));
    }

    @Test
    void theMeanAndSdArePrinted() throws IOException {
        InitExperimentInput input = RunSamples.experiment(INITS, 3, 2);
        PageXml page = PageXml.parse(write(input));
        InitExperimentInput.EpochSpread last = input.initializers().get(1).epochs().get(2);
        String row = "//table[@id='every-epoch']/tbody/tr[6]";
        assertEquals("xavier", page.text(row + "/td[1]"));
        assertEquals(HumanNumbers.format(last.testAccuracy().mean()), page.text(row + "/td[3]"));
        assertEquals(HumanNumbers.format(last.testAccuracy().standardDeviation()), page.text(row + "/td[4]"));
        assertTrue(page.text("//section[@id='summary']/ul/li[2]").contains(HumanNumbers.format(
                last.testAccuracy().mean()) + " ± " + HumanNumbers.format(last.testAccuracy().standardDeviation())));
    }

    @Test
    void oneSeedHasNoBandAndPrintsNoNaN() throws IOException {
        String html = write(RunSamples.experiment(INITS, 1, 3));
        PageXml page = PageXml.parse(html);
        assertEquals(0, page.count("//*[local-name()='path'][@class='band']"), "sd is undefined for one seed");
        assertFalse(html.contains("NaN") || html.contains("Infinity"), "undefined values print as a dash");
        assertEquals(HumanNumbers.MISSING, page.text("//table[@id='verdicts']/tbody/tr[1]/td[3]"));
    }

    @Test
    void oneInitialiserHasNothingToCompare() throws IOException {
        PageXml page = PageXml.parse(write(RunSamples.experiment(List.of("he"), 2, 1)));
        assertEquals(2, page.count("//section[@id='curves']//figure"), "one trained epoch: no plots from epoch 1");
        assertEquals(0, page.count("//table[@id='verdicts']"));
        assertEquals("One initialiser: nothing to compare.", page.text("//section[@id='verdicts']/p[2]"));
    }

    @Test
    void escapesLabels() throws IOException {
        String html = write(RunSamples.experiment(List.of("he", "<lognormal & \"wide\">"), 2, 1));
        assertFalse(html.contains("<lognormal"));
        assertEquals("<lognormal & \"wide\">", PageXml.parse(html).text("//table[@id='final-layers']/tbody/tr[3]/td[1]"));
    }

    @Test
    void sameBytesInEveryLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = write(RunSamples.experiment(INITS, 3, 3));
            Locale.setDefault(Locale.ROOT);
            assertEquals(write(RunSamples.experiment(INITS, 3, 3)), german);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void seedsThatDoNotMatchTheEpochsAreRefused() {
        InitExperimentInput.Spread s = new InitExperimentInput.Spread(1, 0.5, Double.NaN);
        List<InitExperimentInput.EpochSpread> two = List.of(new InitExperimentInput.EpochSpread(0, s, s),
                new InitExperimentInput.EpochSpread(1, s, s));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InitExperimentInput.InitializerRuns("he", two, List.of(new double[3]), List.of(new double[2]),
                        List.of()));
        assertEquals("he: a seed has 3 values for 2 epochs", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InitExperimentInput.InitializerRuns("he", two,
                List.of(new double[2]), List.of(), List.of()));
    }
}
