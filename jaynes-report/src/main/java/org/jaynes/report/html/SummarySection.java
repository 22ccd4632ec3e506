package org.jaynes.report.html;

import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.analysis.UniversalitySummary;
import org.jaynes.core.theory.NullModels;

/**
 * A few plain sentences: which law fits best in how many layers, σ over the layers against the Gaussian
 * and Laplace nulls, the spread of the normalised μ, and the verdict on all populations pooled.
 */
final class SummarySection {

    private SummarySection() {
    }

    static String of(AnalysisResult result) {
        UniversalitySummary universality = result.universality();
        UniversalitySummary.Spread overall = universality.overall();
        LayerResult pooled = result.pooled();
        StringBuilder out = new StringBuilder("<section id=\"summary\"><h2>Summary</h2><ul>");
        out.append("<li><b>Best law of |w|:</b> ").append(HtmlEscape.text(Markup.capitalised(universality.summary())))
                .append(".</li>");
        out.append("<li><b>σ of ln|w|</b> over ").append(Markup.count(overall.layers(), "layer", "layers")).append(": ")
                .append(HumanNumbers.format(overall.sigmaMean())).append(" ± ")
                .append(HumanNumbers.format(overall.sigmaStd()))
                .append(" (mean ± std). Null models: Gaussian weights give π/√8 = ")
                .append(HumanNumbers.format(NullModels.GAUSSIAN_SIGMA)).append(", Laplace weights π/√6 = ")
                .append(HumanNumbers.format(NullModels.LAPLACE_SIGMA)).append(", at any scale.</li>");
        out.append("<li><b>Normalised μ</b> (normalisation ")
                .append(HtmlEscape.text(result.options().normalization().label())).append("): ")
                .append(HumanNumbers.format(overall.muMean())).append(" ± ")
                .append(HumanNumbers.format(overall.muStd())).append(".</li>");
        out.append("<li><b>Pooled</b> over all populations (")
                .append(HumanNumbers.count(pooled.stats().fitted())).append(" non-zero weights; μ ")
                .append(HumanNumbers.format(pooled.stats().mu())).append(", σ ")
                .append(HumanNumbers.format(pooled.stats().sigma())).append(", KS ")
                .append(HumanNumbers.format(pooled.stats().ks())).append("): ")
                .append(HtmlEscape.text(pooled.fits().verdict())).append(".</li>");
        return out.append("</ul></section>").toString();
    }
}
