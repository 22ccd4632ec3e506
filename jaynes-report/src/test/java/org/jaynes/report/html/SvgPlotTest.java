package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgPlotTest {

    private static final double[] XS = {1, 2, 3, 4};
    private static final double[] YS = {0.5, 1.5, Double.NaN, 2.5};

    @Test
    void drawsAxesTicksLabelsLegendAndSeries() throws IOException {
        String svg = new SvgPlot(400, 260, "layer <index>", "σ & more")
                .histogram("bars", new double[] {0, 1, 2, 3}, new double[] {1, 2, 1}, PlotStyle.solid("#aabbcc"))
                .line("fit", XS, YS, PlotStyle.dashed("#112233"))
                .points("layers", XS, YS, PlotStyle.points("#ff0000", Marker.DIAMOND), List.of("a", "b", "c", "d\"e"))
                .horizontal(2, "null line", PlotStyle.dashed("#555555"))
                .toSvg("a test plot");
        PageXml plot = PageXml.parse(svg);
        assertEquals("a test plot", plot.text("/svg/@aria-label"));
        assertEquals("layer <index>", plot.text("//text[@class='axis'][1]"));
        assertEquals("σ & more", plot.text("//text[@class='axis'][2]"));
        assertEquals(List.of("bars", "fit", "layers", "null line"), texts(plot, "//text[@class='legend']"));
        assertTrue(plot.count("//text[@class='tick']") >= 6, "ticks on both axes");
        assertEquals(3, plot.count("//g[@class='points']/path"), "NaN point left out");
        assertEquals("d\"e", plot.text("//g[@class='points']/path[3]/title"));
        String line = plot.text("//path[@class='line']/@d");
        assertEquals(2, line.chars().filter(c -> c == 'M').count(), "the line breaks at NaN: " + line);
        assertEquals(1, plot.count("//line[@class='reference']"));
    }

    @Test
    void withoutLegendReferenceLinesAreLabelledInPlace() throws IOException {
        PageXml plot = PageXml.parse(new SvgPlot(400, 260, "x", "y").withoutLegend()
                .points("p", XS, YS, PlotStyle.points("#000000", Marker.CIRCLE), List.of())
                .horizontal(1.11, "Gaussian null", PlotStyle.dashed("#555555")).toSvg("p"));
        assertEquals(0, plot.count("//text[@class='legend']"));
        assertEquals("Gaussian null", plot.text("//text[@class='reference-label']"));
    }

    @Test
    void aPlotWithoutFiniteValuesSaysSo() throws IOException {
        PageXml plot = PageXml.parse(new SvgPlot(300, 200, "x", "y")
                .points("p", new double[] {Double.NaN}, new double[] {1}, PlotStyle.points("#000000", Marker.SQUARE),
                        List.of())
                .toSvg("empty"));
        assertEquals("no finite values to plot", plot.text("//text[@class='none']"));
    }

    @Test
    void yFromZeroAnchorsTheAxisAtZero() throws IOException {
        PageXml plot = PageXml.parse(new SvgPlot(300, 200, "x", "y").yFromZero()
                .points("p", XS, new double[] {5, 6, 7, 8}, PlotStyle.points("#000000", Marker.CIRCLE), List.of())
                .toSvg("anchored"));
        List<String> ticks = texts(plot, "//text[@class='tick' and @text-anchor='end']");
        assertEquals("0", ticks.get(0), "y ticks " + ticks);
    }

    @Test
    void valuesEqualButForRoundingAreDrawnAsOneValue() throws IOException {
        double v = Math.log(0.02);
        PageXml plot = PageXml.parse(new SvgPlot(300, 200, "x", "y")
                .points("p", XS, new double[] {v, Math.nextUp(v), v + 1e-12, v}, PlotStyle.points("#000000", Marker.CIRCLE),
                        List.of())
                .toSvg("flat"));
        for (String tick : texts(plot, "//text[@class='tick']")) {
            assertTrue(tick.length() <= 5, "tick label " + tick + " shows rounding noise");
        }
    }

    @Test
    void refusesMismatchedSeriesAndBadColours() {
        SvgPlot plot = new SvgPlot(300, 200, "x", "y");
        assertThrows(IllegalArgumentException.class,
                () -> plot.line("l", new double[] {1, 2}, new double[] {1}, PlotStyle.solid("#000000")));
        assertThrows(IllegalArgumentException.class, () -> PlotStyle.solid("red\" onload=\"x"));
    }

    @Test
    void aBandIsOneClosedAreaPerFiniteRunAndTheAxesSpanIt() throws IOException {
        PageXml plot = PageXml.parse(new SvgPlot(400, 260, "x", "y")
                .band("mean ± sd", XS, new double[] {0, 1, Double.NaN, 2}, new double[] {1, 3, 5, 10},
                        PlotStyle.solid("#1f4e9c"))
                .toSvg("band"));
        String area = plot.text("//path[@class='band']/@d");
        assertEquals(2, area.chars().filter(c -> c == 'M').count(), "the band breaks at NaN: " + area);
        assertEquals(2, area.chars().filter(c -> c == 'Z').count(), "each part closed: " + area);
        assertEquals("#1f4e9c", plot.text("//path[@class='band']/@fill"));
        assertEquals("mean ± sd", plot.text("//text[@class='legend']"));
        assertEquals(1, plot.count("//rect[@class='band']"), "its legend swatch");
        List<String> yTicks = texts(plot, "//text[@class='tick' and @text-anchor='end']");
        assertEquals("10", yTicks.get(yTicks.size() - 1), "the axis reaches the upper edge: " + yTicks);
    }

    @Test
    void aBandWithoutFiniteValuesDrawsNothing() throws IOException {
        PageXml plot = PageXml.parse(new SvgPlot(400, 260, "x", "y")
                .line("l", XS, new double[] {1, 2, 3, 4}, PlotStyle.solid("#000000"))
                .band("", XS, new double[4], new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN},
                        PlotStyle.solid("#1f4e9c"))
                .toSvg("no band"));
        assertEquals(0, plot.count("//path[@class='band']"));
    }

    @Test
    void theRasterPlotFillsTheBandTranslucent() {
        java.awt.image.BufferedImage image = Java2dPlot.draw(new SvgPlot(400, 260, "x", "y")
                .band("", new double[] {0, 1}, new double[] {0, 0}, new double[] {1, 1}, PlotStyle.solid("#1f4e9c")),
                800, 600);
        int rgb = image.getRGB(480, 300);
        int red = rgb >> 16 & 0xff;
        int blue = rgb & 0xff;
        assertTrue(blue > red + 20 && red > 150, "a pale blue inside the band, not " + Integer.toHexString(rgb));
    }

    @Test
    void refusesABandWithoutOneLowerAndUpperValuePerX() {
        SvgPlot plot = new SvgPlot(300, 200, "x", "y");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plot.band("b", XS, new double[4], new double[3], PlotStyle.solid("#000000")));
        assertEquals("a band needs one lower and one upper value per x: 4 x, 4 lower, 3 upper", e.getMessage());
    }

    private static List<String> texts(PageXml xml, String xpath) {
        org.w3c.dom.NodeList nodes = xml.nodes(xpath);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent())
                .toList();
    }
}
