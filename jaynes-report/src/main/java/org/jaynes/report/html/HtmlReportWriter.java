package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;

/**
 * Writes an analysis as one self-contained HTML5 page that a person reads in a browser or prints:
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("r.html"))) {
 *     HtmlReportWriter.write(result, "0.1.0", out);
 * }
 * }</pre>
 *
 * <p>The page holds, in order: the model, tool version, options and conventions
 * ({@link HeaderSection}); a plain summary ({@link SummarySection}); σ, normalised μ, arbitrage gap and
 * KS by layer ({@link UniversalitySection}); the sortable table of layers ({@link LayerTableSection});
 * each layer's plots, folded ({@link LayerSection}); the tensors set aside ({@link SetAsideSection}).
 *
 * <p>Everything is inline: CSS, SVG plots, and a few lines of script that only sort tables and open the
 * folded sections; the page loads nothing from anywhere. The markup is also well-formed XML. The output
 * depends only on the analysis and the version: no date, no random ids, numbers formatted with
 * {@link java.util.Locale#ROOT}, so the same analysis gives the same bytes on any machine. Thread-safe.
 */
public final class HtmlReportWriter {

    private HtmlReportWriter() {
    }

    /** Writes the page of {@code result} to {@code out}, UTF-8 as declared by the page; does not close it. */
    public static void write(AnalysisResult result, String toolVersion, Writer out) throws IOException {
        out.write(PageFrame.head(result.model().path() + " · jaynes microstructure", toolVersion));
        out.write(HeaderSection.of(result, toolVersion));
        out.write('\n');
        out.write(SummarySection.of(result));
        out.write('\n');
        out.write(UniversalitySection.of(result));
        out.write('\n');
        out.write(LayerTableSection.of(result));
        out.write('\n');
        writeLayerPlots(result.layers(), "ln|w|", out);
        out.write(SetAsideSection.of(result));
        out.write(PageFrame.footWithScript(toolVersion));
    }

    /** Every layer's folded plots; {@code variable} names what the histograms are of, e.g. ln|w|. */
    static void writeLayerPlots(List<LayerResult> layers, String variable, Writer out) throws IOException {
        out.write("<section id=\"plots\"><h2>Layer by layer</h2><p class=\"hint\">"
                + "<button type=\"button\" data-open=\"true\">Open all</button>"
                + "<button type=\"button\" data-open=\"false\">Close all</button>"
                + "Each layer: the histogram of " + HtmlEscape.text(variable) + " with the fitted laws, a normal Q–Q "
                + "plot of " + HtmlEscape.text(variable) + ", and the effective utility across bins.</p>\n");
        for (int i = 0; i < layers.size(); i++) {
            out.write(LayerSection.of(layers.get(i), i + 1));
            out.write('\n');
        }
        out.write("</section>\n");
    }
}
