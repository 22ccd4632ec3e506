package org.jaynes.report.html;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.report.AtomicOutput;

/**
 * The plots of the HTML report as PNG files for papers, one per plot, {@value #WIDTH} × {@value #HEIGHT}
 * pixels (8 × 5 inches at 200 dpi), drawn by {@link Java2dPlot} from the same plot descriptions as the page.
 *
 * <pre>{@code
 * List<Path> written = PngReport.write(result, Path.of("figures"));
 * }</pre>
 *
 * <p>Files: {@code universality-sigma.png}, {@code universality-mu.png}, {@code universality-gap.png},
 * {@code universality-ks.png} (none when there are no layers), then for the i-th layer in file order
 * {@code NNN-<name>-histogram.png}, {@code -qq.png} and {@code -utilities.png}, where NNN is i counted
 * from 1 with at least three digits and {@code <name>} is the layer's name with every character outside
 * {@code [A-Za-z0-9._-]} replaced by {@code _}, cut to {@value #NAME_LENGTH} characters. Each file is
 * written atomically ({@link AtomicOutput}); existing files of the same name are replaced, others left
 * alone. The bytes depend only on the result (and the JDK's fonts): no timestamps. Works headless.
 */
public final class PngReport {

    public static final int WIDTH = 1600;
    public static final int HEIGHT = 1000;
    static final int NAME_LENGTH = 80;

    private PngReport() {
    }

    /**
     * Checks, before any work, that {@code folder} can take the figures: it exists, is a folder and is
     * writable.
     *
     * @return a one-line reason when it cannot, or null
     */
    public static String problemWith(Path folder) {
        Path absolute = folder.toAbsolutePath();
        if (!Files.exists(absolute)) {
            return absolute + ": folder does not exist";
        }
        if (!Files.isDirectory(absolute)) {
            return absolute + ": is a file, not a folder";
        }
        if (!Files.isWritable(absolute)) {
            return absolute + ": folder is not writable";
        }
        return null;
    }

    /**
     * Writes every plot of {@code result} into {@code folder}, which must exist.
     *
     * @return the files written, in the order of the class comment
     */
    public static List<Path> write(AnalysisResult result, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder.toAbsolutePath() + ": folder does not exist");
        }
        List<Path> written = new ArrayList<>();
        List<LayerResult> layers = result.layers();
        if (!layers.isEmpty()) {
            write(UniversalitySection.sigmaPlot(layers), folder.resolve("universality-sigma.png"), written);
            write(UniversalitySection.muPlot(layers), folder.resolve("universality-mu.png"), written);
            write(UniversalitySection.gapPlot(layers), folder.resolve("universality-gap.png"), written);
            write(UniversalitySection.ksPlot(layers), folder.resolve("universality-ks.png"), written);
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerResult layer = layers.get(i);
            String stem = String.format(Locale.ROOT, "%03d-%s-", i + 1, safeName(layer.tensor().name()));
            write(LayerPlots.histogramPlot(layer), folder.resolve(stem + "histogram.png"), written);
            write(LayerPlots.quantilesPlot(layer), folder.resolve(stem + "qq.png"), written);
            write(LayerPlots.utilitiesPlot(layer), folder.resolve(stem + "utilities.png"), written);
        }
        return written;
    }

    /** {@code name} with characters outside {@code [A-Za-z0-9._-]} as {@code _}, at most {@value #NAME_LENGTH} long. */
    public static String safeName(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), NAME_LENGTH));
        for (int i = 0; i < name.length() && out.length() < NAME_LENGTH; i++) {
            char c = name.charAt(i);
            boolean safe = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-';
            out.append(safe ? c : '_');
        }
        return out.toString();
    }

    private static void write(SvgPlot plot, Path target, List<Path> written) throws IOException {
        BufferedImage image = Java2dPlot.draw(plot, WIDTH, HEIGHT);
        AtomicOutput.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this JDK");
            }
        });
        written.add(target);
    }
}
