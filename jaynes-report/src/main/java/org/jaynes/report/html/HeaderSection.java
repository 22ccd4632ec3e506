package org.jaynes.report.html;

import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.ModelSummary;

/**
 * The top of the page: the model (path, format, parameters, tensors), the tool version, the options used
 * and, folded, the conventions. No date: the same analysis gives the same page, byte for byte.
 */
final class HeaderSection {

    private HeaderSection() {
    }

    static String of(AnalysisResult result, String toolVersion) {
        ModelSummary model = result.model();
        StringBuilder out = Markup.header("Weight microstructure", model.path(), toolVersion);
        out.append("<p class=\"meta\">").append(HtmlEscape.text(model.format().label())).append(" · ")
                .append(Markup.count(model.parameters(), "parameter", "parameters")).append(" in ")
                .append(Markup.count(model.tensors(), "tensor", "tensors")).append(" · ")
                .append(Markup.count(result.layers().size(), "population", "populations")).append(" analysed, ")
                .append(Markup.count(result.setAside().size(), "tensor", "tensors")).append(" set aside</p>");
        Markup.options(out, result.options());
        return out.append("</header>").toString();
    }
}
