package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.report.SampleAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page as a person sees it: rendered by headless Chromium (Debian's {@code chromium} package), as a
 * screenshot and as the DOM after its script ran. Skipped when {@code /usr/bin/chromium} is absent.
 * Every browser run has a fresh profile, no network features, and a time limit after which it and its
 * child processes are killed. The screenshot is also copied to {@code target/html-screenshot/} to look at.
 */
class HtmlScreenshotTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 2000;

    @TempDir
    Path folder;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no Chromium at " + CHROMIUM
                + " (install Debian's chromium package to render the HTML report)");
    }

    @Test
    void theScreenshotShowsThePlotsNotABlankPage() throws Exception {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
        Path page = page(result, "");
        Path png = folder.resolve("sample.png");
        chromium(page, "--screenshot=" + png, "--hide-scrollbars");
        assertTrue(Files.size(png) > 0, "no screenshot written");
        Path kept = Path.of("target", "html-screenshot");
        Files.createDirectories(kept);
        Files.copy(png, kept.resolve("sample.png"), StandardCopyOption.REPLACE_EXISTING);

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() >= 100, "only " + colours.size() + " colours: a blank or broken page");

        // Where the plots are, as the browser laid them out at the same window size.
        String dom = chromium(page(result, MEASURE_PLOTS), "--dump-dom");
        int plotsOnScreen = plotsDrawnOn(image, dom);
        assertTrue(plotsOnScreen >= 4, "the universality plots should be on the first screen, found " + plotsOnScreen);
    }

    @Test
    void theTrainingAndExperimentPagesShowTheirPlots() throws Exception {
        List<String> layers = List.of("layers.0.weight", "layers.2.weight", "layers.4.weight");
        String training = TrainingPageTest.write(RunSamples.training("teacher · 16,64,32,4", layers, 6, true));
        String experiment = InitExperimentPageTest.write(RunSamples.experiment(List.of("he", "xavier",
                "lognormal σ 1"), 5, 6));
        for (String[] named : new String[][] {{"training", training}, {"experiment", experiment}}) {
            Path png = folder.resolve(named[0] + ".png");
            chromium(file(named[1]), "--screenshot=" + png, "--hide-scrollbars");
            Path kept = Path.of("target", "html-screenshot");
            Files.createDirectories(kept);
            Files.copy(png, kept.resolve(named[0] + ".png"), StandardCopyOption.REPLACE_EXISTING);
            BufferedImage image = ImageIO.read(png.toFile());
            String dom = chromium(file(named[1].replace("</body>", "<script>" + MEASURE_PLOTS + "</script></body>")),
                    "--dump-dom");
            int plots = plotsDrawnOn(image, dom);
            assertTrue(plots >= 4, named[0] + ": at least four plots drawn on the first screen, found " + plots);
        }
    }

    /** Checks every plot the DOM places wholly on the screenshot for axes and coloured data; their count. */
    private static int plotsDrawnOn(BufferedImage image, String dom) {
        Matcher box = Pattern.compile("data-box=\"(\\d+) (\\d+) (\\d+) (\\d+)\"").matcher(dom);
        int plotsOnScreen = 0;
        while (box.find()) {
            int left = Integer.parseInt(box.group(1));
            int top = Integer.parseInt(box.group(2));
            int width = Integer.parseInt(box.group(3));
            int height = Integer.parseInt(box.group(4));
            if (top + height > HEIGHT || left + width > WIDTH || width < 100 || height < 80) {
                continue;
            }
            plotsOnScreen++;
            Ink ink = Ink.in(image, left, top, width, height);
            String where = "plot at (" + left + ", " + top + ") " + width + "×" + height;
            assertTrue(ink.dark() > 0.01, where + " has almost no axes or text: " + ink);
            assertTrue(ink.coloured() > 20, where + " has no coloured points or lines: " + ink);
        }
        return plotsOnScreen;
    }

    @Test
    void theRenderedPageHasEveryRowAndPlot() throws Exception {
        AnalysisResult result = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
        String dom = chromium(page(result, ""), "--dump-dom");
        assertEquals(4 + 3 * result.layers().size(), count(dom, "<svg class=\"plot\""), "plots in the rendered DOM");
        assertEquals(rowOrder(result.layers().size()), rows(dom));
        for (LayerResult layer : result.layers()) {
            assertTrue(dom.replace("<wbr>", "").contains(">" + layer.tensor().name() + "</a>"),
                    "no row for " + layer.tensor().name());
        }
        assertTrue(dom.contains("id=\"set-aside-table\""), "set-aside tensors listed");
    }

    @Test
    void clickingTheSigmaHeaderSortsByIt() throws Exception {
        AnalysisResult result = LayeredSample.of(AnalysisOptions.DEFAULTS);
        List<LayerResult> layers = result.layers();
        List<Integer> ascending = IntStream.rangeClosed(1, layers.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> layers.get(i - 1).stats().sigma())).collect(Collectors.toList());
        assertTrue(!ascending.equals(rowOrder(layers.size())), "the fixture's σ must not be in file order");

        String once = chromium(page(result, click("sigma")), "--dump-dom");
        assertEquals(ascending, rows(once), "one click: ascending σ");
        assertTrue(Pattern.compile("<th data-key=\"sigma\"[^>]*aria-sort=\"ascending\"").matcher(once).find(),
                "the header says how the table is sorted");

        String twice = chromium(page(result, click("sigma") + click("sigma")), "--dump-dom");
        List<Integer> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertEquals(descending, rows(twice), "two clicks: descending σ");

        List<Integer> byName = IntStream.rangeClosed(1, layers.size()).boxed()
                .sorted(Comparator.comparing(i -> layers.get(i - 1).tensor().name())).collect(Collectors.toList());
        assertEquals(byName, rows(chromium(page(result, click("name")), "--dump-dom")), "text columns sort as text");
        assertTrue(twice.contains(">pooled<"), "the pooled footer stays");
    }

    /** Script that records each plot's box in the DOM, so the test knows where to look in the screenshot. */
    private static final String MEASURE_PLOTS = "document.querySelectorAll('svg.plot').forEach(function (s) {"
            + " var r = s.getBoundingClientRect();"
            + " s.setAttribute('data-box', [r.left, r.top, r.width, r.height].map(Math.round).join(' ')); });";

    private static String click(String key) {
        return "document.querySelector('#layers th[data-key=\"" + key + "\"]').click();";
    }

    /** Writes the page, with {@code script} run after the page's own, to a file. */
    private Path page(AnalysisResult result, String script) throws IOException {
        Path file = Files.createTempFile(folder, "report", ".html");
        String html = HtmlReportWriterTest.write(result);
        if (!script.isEmpty()) {
            html = html.replace("</body>", "<script>" + script + "</script></body>");
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(html);
        }
        return file;
    }

    /** Writes a page to a file. */
    private Path file(String html) throws IOException {
        Path file = Files.createTempFile(folder, "page", ".html");
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs headless Chromium on a page and returns its standard output; kills it and its children after. */
    private String chromium(Path page, String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(folder, "profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT));
        command.addAll(List.of(arguments));
        command.add(page.toUri().toString());
        Path stdout = Files.createTempFile(folder, "chromium", ".out");
        Path stderr = Files.createTempFile(folder, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                fail("Chromium exited with " + process.exitValue() + ": " + Files.readString(stderr));
            }
        } finally {
            List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** The data-layer of each body row of the layer table, top to bottom. */
    private static List<Integer> rows(String dom) {
        int start = dom.indexOf("id=\"layers\"");
        int end = dom.indexOf("</tbody>", start);
        assertTrue(start >= 0 && end > start, "no layer table in the DOM");
        Matcher row = Pattern.compile("<tr data-layer=\"(\\d+)\"").matcher(dom.substring(start, end));
        List<Integer> order = new ArrayList<>();
        while (row.find()) {
            order.add(Integer.parseInt(row.group(1)));
        }
        return order;
    }

    private static List<Integer> rowOrder(int n) {
        return IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    /**
     * How much of a region is drawn on.
     *
     * @param dark     share of pixels clearly darker than the background (axes, ticks, text)
     * @param coloured pixels of strong colour (data: points, lines, bars)
     */
    private record Ink(double dark, int coloured) {

        static Ink in(BufferedImage image, int left, int top, int width, int height) {
            long dark = 0;
            int coloured = 0;
            for (int y = top; y < top + height; y++) {
                for (int x = left; x < left + width; x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    int max = Math.max(r, Math.max(g, b));
                    int min = Math.min(r, Math.min(g, b));
                    if (max < 200) {
                        dark++;
                    }
                    if (max - min > 80) {
                        coloured++;
                    }
                }
            }
            return new Ink((double) dark / ((long) width * height), coloured);
        }
    }
}
