package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;
import org.jaynes.core.analysis.AnalysisResult;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.fit.Family;
import org.jaynes.core.stats.Normalization;

/**
 * The sortable table of populations, one row per layer in file order, all populations pooled in the
 * footer. Each body row is {@code <tr data-layer="i">} (i from 1) and links to the layer's section.
 */
final class LayerTableSection {

    private LayerTableSection() {
    }

    static String of(AnalysisResult result) {
        boolean normalized = result.options().normalization() != Normalization.NONE;
        List<HtmlTable.Column> columns = new ArrayList<>();
        columns.add(new HtmlTable.Column("index", "#", "position in the file", true));
        columns.add(new HtmlTable.Column("name", "layer", "layer name; click to open its plots", false));
        columns.add(new HtmlTable.Column("role", "role", "what the tensor does, from its name and shape", false));
        columns.add(new HtmlTable.Column("shape", "shape", "", false));
        columns.add(new HtmlTable.Column("n", "n", "elements in the tensor", true));
        columns.add(new HtmlTable.Column("mu", "μ", "mean of ln|w| over non-zero w", true));
        if (normalized) {
            columns.add(new HtmlTable.Column("normalizedMu", "norm. μ",
                    "μ − ln c, normalisation " + result.options().normalization().label(), true));
        }
        columns.add(new HtmlTable.Column("sigma", "σ", "standard deviation of ln|w| over non-zero w", true));
        columns.add(new HtmlTable.Column("ks", "KS", "Kolmogorov–Smirnov distance of ln|w| from N(μ, σ)", true));
        columns.add(new HtmlTable.Column("best", "best |w| law", "the magnitude law with the lowest AIC", false));
        columns.add(new HtmlTable.Column("deltaAic", "ΔAIC", "AIC(lognormal) − AIC(best); 0 when the lognormal is best",
                true));
        columns.add(new HtmlTable.Column("gap", "gap", "arbitrage gap KL(x ‖ x*) in nats; 0 at equilibrium", true));
        columns.add(new HtmlTable.Column("verdict", "verdict", "the lognormal against its closest rival", false));
        HtmlTable table = new HtmlTable("layers", "", columns, true);
        List<LayerResult> layers = result.layers();
        for (int i = 0; i < layers.size(); i++) {
            table.row(" data-layer=\"" + (i + 1) + "\"", cells(layers.get(i), i + 1, normalized));
        }
        table.footerRow(" class=\"pooled\"", cells(result.pooled(), 0, normalized));
        return "<section id=\"table\"><h2>Layers</h2><p class=\"hint\">Click a column header to sort; click again "
                + "to reverse. Click a layer name for its plots.</p><div class=\"scroll\">" + table.toHtml()
                + "</div></section>";
    }

    /** The cells of one row; index 0 is the pooled row. */
    private static List<HtmlTable.Cell> cells(LayerResult layer, int index, boolean normalized) {
        List<HtmlTable.Cell> cells = new ArrayList<>();
        if (index == 0) {
            cells.add(new HtmlTable.Cell("", "0"));
            cells.add(HtmlTable.Cell.text("pooled"));
            cells.add(HtmlTable.Cell.text(""));
            cells.add(HtmlTable.Cell.text(""));
        } else {
            cells.add(HtmlTable.Cell.count(index));
            String name = layer.tensor().name();
            cells.add(new HtmlTable.Cell("<a class=\"layer-name\" href=\"#layer-" + index + "\">" + Markup.breakable(name)
                    + "</a>", name));
            String role = layer.tensor().role().label();
            cells.add(new HtmlTable.Cell("<span class=\"role nowrap\" style=\"color:" + RolePalette.of(layer.tensor().role())
                    .colour() + "\">" + HtmlEscape.text(role) + "</span>", role));
            String shape = HumanNumbers.shape(layer.tensor().shape());
            cells.add(new HtmlTable.Cell("<span class=\"nowrap\">" + HtmlEscape.text(shape) + "</span>", shape));
        }
        cells.add(HtmlTable.Cell.count(layer.stats().n()));
        cells.add(HtmlTable.Cell.number(layer.stats().mu()));
        if (normalized) {
            cells.add(HtmlTable.Cell.number(layer.normalizedMu()));
        }
        cells.add(HtmlTable.Cell.number(layer.stats().sigma()));
        cells.add(HtmlTable.Cell.number(layer.stats().ks()));
        cells.add(HtmlTable.Cell.text(layer.fits().best().map(Family::displayName).orElse(HumanNumbers.MISSING)));
        cells.add(HtmlTable.Cell.number(BestLaw.deltaAic(layer.fits())));
        cells.add(HtmlTable.Cell.number(layer.game().arbitrageGap()));
        cells.add(new HtmlTable.Cell("<span class=\"verdict\">" + HtmlEscape.text(layer.fits().verdict()) + "</span>",
                layer.fits().verdict()));
        return cells;
    }
}
