package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrainingPageTest {

    private static final List<String> LAYERS = List.of("layers.0.weight", "layers.2.weight", "layers.4.weight");

    static String write(TrainingInput input) throws IOException {
        StringWriter out = new StringWriter();
        TrainingPage.write(input, "0.1.0", out);
        return out.toString();
    }

    @Test
    void hasTheLearningCurvesFiveTrajectoriesAndEveryLayerEverywhere() throws IOException {
        String html = write(RunSamples.training("teacher · 16,64,4 · he", LAYERS, 4, true));
        PageXml page = PageXml.parse(html);
        assertEquals(2, page.count("//section[@id='learning']//figure/*[local-name()='svg']"));
        assertEquals(5, page.count("//section[@id='trajectories']//figure/*[local-name()='svg']"));
        assertEquals(LAYERS.size(), page.count("//section[@id='trajectories']/ul[@class='legend']/li"));
        for (int l = 0; l < LAYERS.size(); l++) {
            String name = LAYERS.get(l);
            assertEquals(name, page.text("//section[@id='trajectories']/ul/li[" + (l + 1) + "]"));
            assertEquals(name, page.text("//table[@id='best-laws']/thead/tr/th[" + (l + 2) + "]"));
            assertEquals(name, page.text("//table[@id='final']/tbody/tr[" + (l + 1) + "]/td[1]"));
            assertEquals(5, page.count("//table[@id='every-epoch']/tbody/tr[td[2]='" + name + "']"), "epochs 0 to 4");
        }
        assertEquals(5, page.count("//table[@id='best-laws']/tbody/tr"), "one row per epoch");
        assertEquals("weibull", page.text("//table[@id='best-laws']/tbody/tr[3]/td[3]"));
        // one line per layer in each trajectory, three layers
        assertEquals(3, page.count("(//section[@id='trajectories']//figure/*[local-name()='svg'])[2]"
                + "/*[local-name()='path'][@class='line']"));
        assertTrue(html.contains("Gaussian weights π/√8 = 1.11"), "the null line on σ");
        assertEquals(2, page.count("//section[@id='saved']//li"));
        assertEquals("runs/a/epoch-4.safetensors", page.text("//section[@id='saved']//li[2]/code"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
                "nothing fetched, no script");
    }

    @Test
    void theNumbersArePrintedAsTheyAre() throws IOException {
        TrainingInput input = RunSamples.training("run", LAYERS, 4, false);
        String html = write(input);
        PageXml page = PageXml.parse(html);
        TrainingInput.Layer last = input.last().layers().get(1);
        String row = "//table[@id='final']/tbody/tr[2]";
        assertEquals(HumanNumbers.format(last.sigma()), page.text(row + "/td[5]"));
        assertEquals(HumanNumbers.format(last.arbitrageGap()), page.text(row + "/td[8]"));
        assertEquals("2 048", page.text(row + "/td[2]").replace('\u2009', ' '));
        assertTrue(page.text("//section[@id='summary']/ul/li[1]").contains("test accuracy "
                + HumanNumbers.format(input.last().testAccuracy())), page.text("//section[@id='summary']"));
        assertEquals("No weights were saved.", page.text("//section[@id='saved']/p"));
    }

    @Test
    void noNaNOrInfinityIsPrintedAsText() throws IOException {
        String html = write(RunSamples.training("run", LAYERS, 2, false));
        assertFalse(html.contains("NaN"), "epoch 0 has no train loss and one gap is NaN");
        assertFalse(html.contains("Infinity"));
        assertTrue(html.contains("<td class=\"num\">" + HumanNumbers.MISSING + "</td>"), "a missing gap prints as a dash");
    }

    @Test
    void escapesTitlesAndLayerNames() throws IOException {
        String odd = "a<b & \"c\"";
        String html = write(RunSamples.training("run <x> & 'y'", List.of(odd, "layers.1.weight"), 1, false));
        assertFalse(html.contains(odd));
        PageXml page = PageXml.parse(html);
        assertEquals("run <x> & 'y'", page.text("//h1"));
        assertEquals(odd, page.text("//table[@id='final']/tbody/tr[1]/td[1]"));
    }

    @Test
    void sameBytesInEveryLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = write(RunSamples.training("run", LAYERS, 3, true));
            Locale.setDefault(Locale.ROOT);
            assertEquals(write(RunSamples.training("run", LAYERS, 3, true)), german);
            assertFalse(Pattern.compile("\\d,\\d").matcher(german.replace("16,64,4", "")).find(), "no decimal comma");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void epochsWithDifferentLayersAreRefused() {
        TrainingInput.Layer a = new TrainingInput.Layer("a", 10, 0, 0, 1, 0.1, 1, "lognormal", "", 0, 0);
        TrainingInput.Layer b = new TrainingInput.Layer("b", 10, 0, 0, 1, 0.1, 1, "lognormal", "", 0, 0);
        List<TrainingInput.Epoch> epochs = List.of(
                new TrainingInput.Epoch(0, Double.NaN, 1, 0.5, 0, List.of(a), Optional.empty()),
                new TrainingInput.Epoch(1, 1, 1, 0.5, 0, List.of(b), Optional.empty()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingInput("t", "d", 1,
                1, List.of(), List.<Map.Entry<String, String>>of(), epochs));
        assertEquals("epoch 1 has the layers [b], epoch 0 has [a]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingInput("t", "d", 1, 1, List.of(), List.of(),
                List.of()));
    }
}
