package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SimulationPageTest {

    private static final int BINS = 16;

    /** A made-up run: the gap halves every sweep, the shares move from uniform towards a bump. */
    private static SimulationPage.Input sample(String title) {
        double[] time = new double[12];
        double[] potential = new double[time.length];
        double[] gap = new double[time.length];
        for (int i = 0; i < time.length; i++) {
            time[i] = i;
            gap[i] = i == time.length - 1 ? 0 : Math.pow(0.5, i);
            potential[i] = 2.5 - gap[i];
        }
        double[] ln = new double[BINS];
        double[] predicted = new double[BINS];
        double sum = 0;
        for (int k = 0; k < BINS; k++) {
            ln[k] = -3 + 0.4 * k;
            predicted[k] = Math.exp(-0.5 * Math.pow((ln[k] + 0.2) / 0.9, 2));
            sum += predicted[k];
        }
        for (int k = 0; k < BINS; k++) {
            predicted[k] /= sum;
        }
        List<SimulationPage.Distribution> snapshots = List.of(
                new SimulationPage.Distribution("start (sweep 0)", ln, uniform(), predicted),
                new SimulationPage.Distribution("sweep 3", ln, mix(predicted, 0.6), predicted),
                new SimulationPage.Distribution("final (sweep 11)", ln, predicted, predicted));
        return new SimulationPage.Input(title, List.of(new SimulationPage.Fact("game", "h = 12 ln w - 2 (ln w)^2"),
                new SimulationPage.Fact("seed", "1")), time, potential, gap, 2.5, snapshots);
    }

    private static double[] uniform() {
        double[] x = new double[BINS];
        java.util.Arrays.fill(x, 1.0 / BINS);
        return x;
    }

    private static double[] mix(double[] target, double weight) {
        double[] x = uniform();
        for (int k = 0; k < BINS; k++) {
            x[k] = (1 - weight) * x[k] + weight * target[k];
        }
        return x;
    }

    private static String write(SimulationPage.Input input) throws IOException {
        StringWriter out = new StringWriter();
        SimulationPage.write(input, "0.1.0", out);
        return out.toString();
    }

    @Test
    void isWellFormedWithTwoTracesAndOnePlotPerSnapshot() throws IOException {
        String html = write(sample("simulate: better-response"));
        PageXml page = PageXml.parse(html);
        assertEquals(2 + 3, page.count("//figure/*[local-name()='svg']"));
        assertEquals(2, page.count("//section[@id='time']//figure"));
        assertEquals(3, page.count("//section[@id='distribution']//figure"));
        assertEquals("simulate: better-response", page.text("//h1"));
        assertEquals("seed", page.text("//dl[@class='run']/div[2]/dt"));
        assertEquals("Sweep 3.", page.text("//section[@id='distribution']//figure[2]/figcaption"));
        assertTrue(html.contains("log₁₀ arbitrage gap"), "the gap is plotted as its log, and says so");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"),
                "nothing fetched, no script");
    }

    @Test
    void escapesTheTitleAndTheFacts() throws IOException {
        String html = write(sample("layer <a & \"b\">"));
        assertFalse(html.contains("<a & \"b\">"));
        assertEquals("layer <a & \"b\">", PageXml.parse(html).text("//h1"));
    }

    @Test
    void sameBytesInEveryLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = write(sample("run"));
            Locale.setDefault(Locale.ROOT);
            assertEquals(write(sample("run")), german);
            assertFalse(Pattern.compile("\\d,\\d").matcher(german).find(), "no decimal comma anywhere");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SimulationPage.Distribution("x", new double[3],
                new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new SimulationPage.Input("x", List.of(), new double[2],
                new double[2], new double[1], Double.NaN, List.of()));
    }

    @Test
    void barEdgesAreMidpointsWithOuterBarsAsWideAsTheirNeighbours() {
        double[] edges = SimulationPage.edges(new double[] {0, 1, 3});
        assertEquals(List.of(-0.5, 0.5, 2.0, 4.0), java.util.Arrays.stream(edges).boxed().toList());
    }
}
