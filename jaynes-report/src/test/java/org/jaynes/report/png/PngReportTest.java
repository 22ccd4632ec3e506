package org.jaynes.report.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelAnalyzer;
import org.jaynes.core.analysis.ProgressListener;
import org.jaynes.core.model.Model;
import org.jaynes.core.model.ModelFormat;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.HeapBytes;
import org.jaynes.core.tensor.Role;
import org.jaynes.core.tensor.Shape;
import org.jaynes.core.tensor.Tensor;
import org.jaynes.report.SampleAnalysis;
import org.jaynes.report.html.PngReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG figures of {@link PngReport}, decoded and looked at pixel by pixel. */
class PngReportTest {

    private static final List<String> EXPECTED = List.of(
            "universality-sigma.png", "universality-mu.png", "universality-gap.png", "universality-ks.png",
            "001-layers.0.attn.q_proj-histogram.png", "001-layers.0.attn.q_proj-qq.png",
            "001-layers.0.attn.q_proj-utilities.png",
            "002-layers.0.mlp.up_proj-histogram.png", "002-layers.0.mlp.up_proj-qq.png",
            "002-layers.0.mlp.up_proj-utilities.png"); // the 1 × 64 norm vector is set aside, not a layer
    /** Channels this far apart are a colour, not grey: data (every plot has coloured series), not frame or grid. */
    private static final int COLOURED = 40;

    private static AnalysisResult sample;

    @BeforeAll
    static void analyse() throws IOException {
        System.setProperty("java.awt.headless", "true");
        sample = SampleAnalysis.of(AnalysisOptions.DEFAULTS);
    }

    @Test
    void writesOneFilePerPlotInOrder(@TempDir Path folder) throws IOException {
        List<Path> written = PngReport.write(sample, folder);

        assertEquals(EXPECTED, written.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        assertEquals(Set.copyOf(EXPECTED), listing(folder), "no temporary files left");
    }

    @Test
    void everyFileIsAFigureAt1600By1000(@TempDir Path folder) throws IOException {
        for (Path file : PngReport.write(sample, folder)) {
            BufferedImage image = ImageIO.read(file.toFile());
            String name = file.getFileName().toString();
            assertNotNull(image, name + " decodes");
            assertEquals(PngReport.WIDTH, image.getWidth(), name);
            assertEquals(PngReport.HEIGHT, image.getHeight(), name);
            assertTrue(distinctColours(image) >= 50, name + ": antialiased lines, text and markers in colour");
            // below any legend, inside the frame: data, never legend swatches
            assertTrue(colouredIn(image, 200, 200, 1540, 880) > 100, name + ": data drawn inside the plot area");
            assertTrue(darkIn(image, 0, 900, 1600, 1000) > 100, name + ": x tick labels and axis label");
            assertTrue(darkIn(image, 0, 0, 140, 1000) > 100, name + ": y axis label");
        }
    }

    @Test
    void sameResultGivesSameBytes(@TempDir Path first, @TempDir Path second) throws IOException {
        List<Path> a = PngReport.write(sample, first);
        List<Path> b = PngReport.write(sample, second);

        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).getFileName().toString());
        }
    }

    @Test
    void layerNamesBecomeSafeFileNames(@TempDir Path folder) throws IOException {
        AnalysisResult result = new ModelAnalyzer(AnalysisOptions.DEFAULTS).analyze(new Model("odd.safetensors",
                ModelFormat.SAFETENSORS, List.of(tensor("blocks/0/attn<q>.weight"))), ProgressListener.NONE);

        List<Path> written = PngReport.write(result, folder);

        assertTrue(listing(folder).contains("001-blocks_0_attn_q_.weight-histogram.png"), listing(folder).toString());
        for (Path file : written) {
            assertEquals(folder, file.getParent());
            assertTrue(file.getFileName().toString().matches("[A-Za-z0-9._-]+"), file.toString());
        }
    }

    @Test
    void safeNameReplacesAndTruncates() {
        assertEquals("a_b_c_.d-e_f", PngReport.safeName("a/b<c>.d-e_f"));
        assertEquals("__", PngReport.safeName("σ\u00a0"));
        assertEquals("x".repeat(80), PngReport.safeName("x".repeat(200)));
        assertEquals("", PngReport.safeName(""));
    }

    @Test
    void folderProblemsAreFoundBeforeWork(@TempDir Path folder) throws IOException {
        Path file = Files.createFile(folder.resolve("file"));

        assertNull(PngReport.problemWith(folder));
        assertEquals(folder.resolve("missing").toAbsolutePath() + ": folder does not exist",
                PngReport.problemWith(folder.resolve("missing")));
        assertEquals(file.toAbsolutePath() + ": is a file, not a folder", PngReport.problemWith(file));
    }

    private static Set<String> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }


    /** Pixels with every channel below 110: text and frame, not the grid or pale fills. */
    private static int darkIn(BufferedImage image, int x0, int y0, int x1, int y1) {
        int dark = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 110 && ((rgb >> 8) & 0xff) < 110 && (rgb & 0xff) < 110) {
                    dark++;
                }
            }
        }
        return dark;
    }

    /** Pixels whose channels differ by at least {@link #COLOURED}. */
    private static int colouredIn(BufferedImage image, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) >= COLOURED) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A 64 × 96 tensor of seeded Gaussian weights. */
    private static Tensor tensor(String name) {
        SplittableRandom random = new SplittableRandom(7);
        ByteBuffer bytes = ByteBuffer.allocate(4 * 64 * 96).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 64 * 96; i++) {
            double z = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            bytes.putFloat((float) (0.02 * z));
        }
        bytes.flip();
        return new Tensor(name, name, Role.ATTENTION_QUERY, Shape.of(64, 96), DType.F32, new HeapBytes(bytes));
    }
}
