package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.stream.Collectors;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.core.analysis.ModelComparison;

/**
 * Writes a comparison of several models as one self-contained HTML5 page:
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(Path.of("compare.html"))) {
 *     ComparisonPage.write(comparison, options, "0.1.0", out);
 * }
 * }</pre>
 *
 * <p>The page holds the models and the options they were all analysed with, then σ, normalised μ and the
 * arbitrage gap against relative depth, one line per model ({@link ComparisonSection}), then the sortable
 * table of per-model summaries. Like {@link HtmlReportWriter}: everything inline, nothing fetched,
 * well-formed XML, the same bytes for the same comparison on any machine. Thread-safe.
 */
public final class ComparisonPage {

    private ComparisonPage() {
    }

    /**
     * Writes the page to {@code out}, UTF-8 as declared by the page; does not close it.
     *
     * @param options the options every model was analysed with, shown in the header
     */
    public static void write(ModelComparison comparison, AnalysisOptions options, String toolVersion, Writer out)
            throws IOException {
        String labels = comparison.models().stream().map(e -> e.summary().label()).collect(Collectors.joining(" · "));
        out.write(PageFrame.head(labels + " · jaynes comparison", toolVersion));
        out.write(header(comparison, options, toolVersion, labels));
        out.write('\n');
        out.write(ComparisonSection.plots(comparison));
        out.write('\n');
        out.write(ComparisonSection.table(comparison));
        out.write(PageFrame.footWithScript(toolVersion));
    }

    private static String header(ModelComparison comparison, AnalysisOptions options, String toolVersion,
                                 String labels) {
        StringBuilder out = Markup.header("Weight microstructure compared", labels, toolVersion);
        out.append("<p class=\"meta\">").append(Markup.count(comparison.models().size(), "model", "models"))
                .append(", each analysed with the same options. Depth is relative: population i of n, in file "
                        + "order, is at i/(n − 1). σ is scale-free; μ is shown normalised (")
                .append(HtmlEscape.text(comparison.normalization().label()))
                .append("), since raw μ moves with each model's weight scale.</p>");
        Markup.options(out, options);
        return out.append("</header>").toString();
    }
}
