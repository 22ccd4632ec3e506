package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.stats.PopulationAccumulator;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.theory.BinConvention;
import org.jaynes.core.theory.MagnitudeBins;
import org.junit.jupiter.api.Test;

class NeuronGamePageTest {

    private static final long SEED = 7;

    private static String page(NeuronGameInput input) throws IOException {
        StringWriter out = new StringWriter();
        NeuronGamePage.write(input, "0.1.0", out);
        return out.toString();
    }

    /** Lognormal weights, seeded: ln|w| ~ N(−2, 0.8), random signs. */
    private static NeuronGameInput.Weights weights(int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        ByteBuffer buffer = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double g = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            double a = Math.exp(-2 + 0.8 * g);
            min = Math.min(min, a);
            max = Math.max(max, a);
            buffer.putDouble(random.nextBoolean() ? a : -a);
        }
        buffer.flip();
        PopulationAccumulator population = PopulationAccumulator.of(DType.F64);
        population.accept(buffer);
        return new NeuronGameInput.Weights("rbm.weight <W>", population.result(),
                FitComparison.of(population.fitInput()),
                MagnitudeBins.of(population.cells(), BinConvention.LOG, 60, min, max));
    }

    private static NeuronGameInput rbmInput(int filters, int side) {
        List<double[]> images = new ArrayList<>();
        for (int j = 0; j < filters; j++) {
            double[] image = new double[side * side];
            for (int i = 0; i < image.length; i++) {
                image[i] = Math.sin(i + j) * (j + 1);
            }
            images.add(image);
        }
        return new NeuronGameInput("Restricted Boltzmann machine", "16 visible × 8 hidden & more",
                List.of(Map.entry("seed", "1")), List.of("Reconstruction error falls."), List.of(),
                Optional.empty(), Optional.of(new NeuronGameInput.Rbm(new double[] {0.2, 0.1, 0.05},
                new double[] {-0.7, -0.5, -0.4}, Optional.of(new NeuronGameInput.Filters(side, side, images)),
                weights(5000))));
    }

    @Test
    void anRbmPageHasItsPlotsItsFiltersAndTheVerdict() throws IOException {
        String markup = page(rbmInput(8, 4));
        PageXml xml = PageXml.parse(markup);
        assertEquals(3, xml.count("//*[local-name()='svg']"), "two learning curves and the histogram");
        assertEquals(8, xml.count("//*[local-name()='img']"));
        assertEquals("hidden unit 1", xml.text("(//*[local-name()='img'])[1]/@alt"));
        assertTrue(markup.contains("16 visible × 8 hidden &amp; more"), "escaped title");
        assertTrue(markup.contains("rbm.weight &lt;W&gt;"), "escaped population name");
        assertTrue(markup.contains("lognormal (μ −2"), "the fitted lognormal near μ = −2");
        assertEquals(0, xml.count("//*[local-name()='section'][@id='traces' or @id='capacity']"));
        assertEquals(markup, page(rbmInput(8, 4)), "the same input, the same bytes");
    }

    @Test
    void filtersAreDecodablePngsOfTheirSizeWithTheSignOnTheColourScale() throws IOException {
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                FilterImages.png(new double[] {-2, 0, 1, 2, Double.NaN, 0}, 3, 2))));
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        assertEquals(0x2166ac, image.getRGB(0, 0) & 0xffffff, "−max |w| is full blue");
        assertEquals(0xffffff, image.getRGB(1, 0) & 0xffffff, "0 is white");
        assertEquals(0xb2182b, image.getRGB(0, 1) & 0xffffff, "+max |w| is full red");
        assertEquals(0xffffff, image.getRGB(1, 1) & 0xffffff, "NaN is white");
    }

    @Test
    void aHopfieldPageHasTracesAndTheCapacityCurve() throws IOException {
        List<NeuronGameInput.Trace> traces = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            traces.add(new NeuronGameInput.Trace("pattern " + p, new double[] {-50 - p, -90 - p, -91 - p}));
        }
        NeuronGameInput.Capacity capacity = new NeuronGameInput.Capacity(List.of(
                new NeuronGameInput.Curve("N = 100", new double[] {0.05, 0.1, 0.2}, new double[] {1, 0.9, 0.3}, 0.17),
                new NeuronGameInput.Curve("N = 300", new double[] {0.05, 0.1, 0.2}, new double[] {1, 1, 0.1},
                        Double.NaN)), 0.138);
        String markup = page(new NeuronGameInput("Hopfield network", "Recall", List.of(), List.of(), traces,
                Optional.of(capacity), Optional.empty()));
        PageXml xml = PageXml.parse(markup);
        assertEquals(2, xml.count("//*[local-name()='svg']"));
        assertEquals(0, xml.count("//*[local-name()='img']"));
        assertEquals(0, xml.count("//*[local-name()='section'][@id='summary']"), "no findings, no list");
        assertTrue(markup.contains("12 runs, drawn without a legend"), markup);
        assertTrue(markup.contains("N → ∞ limit 0.138"));
    }

    @Test
    void tooManyOrTooLargeFiltersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> rbmInput(NeuronGameInput.MAX_FILTERS + 1, 4));
        assertThrows(IllegalArgumentException.class, () -> rbmInput(1, NeuronGameInput.MAX_FILTER_SIDE + 1));
        assertThrows(IllegalArgumentException.class, () -> new NeuronGameInput.Filters(2, 2,
                List.of(new double[3])));
    }
}
