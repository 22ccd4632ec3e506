package org.jaynes.report.html;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.SetAside;
import org.jaynes.core.analysis.SetAsideReason;

/** The tensors that are not populations, folded: how many for each reason, then each with its reason. */
final class SetAsideSection {

    private SetAsideSection() {
    }

    static String of(AnalysisResult result) {
        List<SetAside> setAside = result.setAside();
        StringBuilder out = new StringBuilder("<section id=\"set-aside\"><h2>Set aside</h2>");
        if (setAside.isEmpty()) {
            return out.append("<p>Every tensor is a population.</p></section>").toString();
        }
        Map<SetAsideReason, Integer> counts = new EnumMap<>(SetAsideReason.class);
        setAside.forEach(s -> counts.merge(s.reason(), 1, Integer::sum));
        StringBuilder reasons = new StringBuilder();
        counts.forEach((reason, count) -> reasons.append(reasons.length() == 0 ? "" : "; ").append(count).append(' ')
                .append(reason.description()));
        out.append("<details class=\"set-aside\"><summary>")
                .append(Markup.count(setAside.size(), "tensor", "tensors")).append(" not fitted: ")
                .append(HtmlEscape.text(reasons.toString())).append("</summary>");
        HtmlTable table = new HtmlTable("set-aside-table", "", List.of(
                new HtmlTable.Column("name", "tensor", "", false),
                new HtmlTable.Column("stored", "stored as", "", false),
                new HtmlTable.Column("role", "role", "", false),
                new HtmlTable.Column("shape", "shape", "", false),
                new HtmlTable.Column("dtype", "dtype", "", false),
                new HtmlTable.Column("reason", "reason", "", false)), false);
        for (SetAside other : setAside) {
            table.row("", List.of(new HtmlTable.Cell(Markup.breakable(other.tensor().name()), other.tensor().name()),
                    new HtmlTable.Cell(Markup.breakable(other.tensor().tensor()), other.tensor().tensor()),
                    HtmlTable.Cell.text(other.tensor().role().label()),
                    HtmlTable.Cell.text(HumanNumbers.shape(other.tensor().shape())),
                    HtmlTable.Cell.text(other.tensor().dtype().label()),
                    HtmlTable.Cell.text(other.reason().description())));
        }
        return out.append("<div class=\"scroll\">").append(table.toHtml()).append("</div></details></section>").toString();
    }
}
