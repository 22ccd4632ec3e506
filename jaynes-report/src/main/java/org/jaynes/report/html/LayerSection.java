package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaynes.core.analysis.LayerResult;
import org.jaynes.core.fit.Family;
import org.jaynes.core.fit.Fit;
import org.jaynes.core.fit.FitComparison;
import org.jaynes.core.fit.Vuong;
import org.jaynes.core.stats.PopulationStats;
import org.jaynes.core.theory.MagnitudeBins;

/**
 * One layer, folded until asked for: {@code <details id="layer-i">} whose summary line gives the name,
 * role, σ and best law, and whose body holds the verdict, the three plots of {@link LayerPlots}, the
 * layer's numbers, every fitted law, and the baseline's numbers when there is one.
 */
final class LayerSection {

    private LayerSection() {
    }

    static String of(LayerResult layer, int index) {
        PopulationStats stats = layer.stats();
        StringBuilder out = new StringBuilder(32_768);
        out.append("<details class=\"layer\" id=\"layer-").append(index).append("\"><summary>")
                .append("<span class=\"index\">").append(index).append("</span> <span class=\"name\">")
                .append(HtmlEscape.text(layer.tensor().name())).append("</span> <span class=\"role\" style=\"color:")
                .append(RolePalette.of(layer.tensor().role()).colour()).append("\">")
                .append(HtmlEscape.text(layer.tensor().role().label())).append("</span> <span class=\"brief\">σ ")
                .append(HumanNumbers.format(stats.sigma())).append(" · best ")
                .append(HtmlEscape.text(layer.fits().best().map(Family::displayName).orElse(HumanNumbers.MISSING)))
                .append(" · gap ").append(HumanNumbers.format(layer.game().arbitrageGap())).append("</span></summary>");
        out.append("<div class=\"body\"><p class=\"verdict\">")
                .append(HtmlEscape.text(Markup.capitalised(layer.fits().verdict()))).append(".</p><div class=\"figures\">");
        Markup.figure(out, LayerPlots.histogram(layer), histogramCaption(layer));
        Markup.figure(out, LayerPlots.quantiles(layer), "Normal Q–Q plot of ln|w|: on the line when |w| is lognormal. "
                + "KS " + HumanNumbers.format(stats.ks()) + ", R² " + HumanNumbers.format(layer.r2()) + ".");
        Markup.figure(out, LayerPlots.utilities(layer), "Effective utility hₖ = α ln w − β (ln w)² − ln Mₖ per occupied "
                + "bin (α " + HumanNumbers.format(layer.game().game().alpha()) + ", β "
                + HumanNumbers.format(layer.game().game().beta()) + "): flat at equilibrium. Utility spread "
                + HumanNumbers.format(layer.game().utilitySpread()) + ", arbitrage gap "
                + HumanNumbers.format(layer.game().arbitrageGap()) + " nats.");
        out.append("</div><div class=\"numbers\"><dl class=\"facts\">");
        Markup.definitions(out, facts(layer));
        out.append("</dl>").append(fitTable(layer.fits())).append("</div>");
        layer.baseline().ifPresent(b -> out.append("<p class=\"baseline\"><b>Baseline</b> (")
                .append(HtmlEscape.text(b.tensor().name())).append("): σ ").append(HumanNumbers.format(b.stats().sigma()))
                .append(", KS ").append(HumanNumbers.format(b.stats().ks())).append(", best ")
                .append(HtmlEscape.text(b.fits().best().map(Family::displayName).orElse(HumanNumbers.MISSING)))
                .append(", gap ").append(HumanNumbers.format(b.game().arbitrageGap())).append(" — ")
                .append(HtmlEscape.text(b.fits().verdict())).append(".</p>"));
        return out.append("</div></details>").toString();
    }

    private static String histogramCaption(LayerResult layer) {
        MagnitudeBins bins = layer.histogram();
        String caption = "Density of ln|w| (" + bins.size() + " " + bins.convention().description()
                + ") with the fitted lognormal and its closest rival, drawn as densities of ln|w|.";
        LayerPlots.Shown shown = LayerPlots.Shown.of(bins);
        if (shown.outside() == 0) {
            return caption;
        }
        double[] edges = bins.lnEdges();
        return caption + " Shown where the density is at least 1/" + Math.round(1 / LayerPlots.VISIBLE)
                + " of its peak; " + Markup.count(shown.outside(), "value", "values") + " ("
                + HumanNumbers.format(100.0 * shown.outside() / bins.total()) + "%) "
                + (shown.outside() == 1 ? "lies" : "lie") + " outside, within [" + HumanNumbers.format(edges[0]) + ", "
                + HumanNumbers.format(edges[edges.length - 1]) + "].";
    }

    private static List<Map.Entry<String, String>> facts(LayerResult layer) {
        PopulationStats s = layer.stats();
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        facts.add(Map.entry("tensor", layer.tensor().tensor() + " · " + layer.tensor().dtype().label() + " · "
                + HumanNumbers.shape(layer.tensor().shape())));
        facts.add(Map.entry("n", HumanNumbers.count(s.n()) + " (zeros " + HumanNumbers.count(s.zeros())
                + ", not finite " + HumanNumbers.count(s.nonfinite()) + ")"));
        facts.add(Map.entry("w", "mean " + HumanNumbers.format(s.mean()) + ", std " + HumanNumbers.format(s.std())));
        facts.add(Map.entry("ln|w|", "μ " + HumanNumbers.format(s.mu()) + ", σ " + HumanNumbers.format(s.sigma())
                + ", normalised μ " + HumanNumbers.format(layer.normalizedMu())));
        facts.add(Map.entry("KS", HumanNumbers.format(s.ks()) + (s.ksErrorBound() > 0
                ? " ± " + HumanNumbers.format(s.ksErrorBound()) : " (exact)") + ", R² " + HumanNumbers.format(layer.r2())));
        return facts;
    }

    private static String fitTable(FitComparison fits) {
        HtmlTable table = new HtmlTable("", "fits", List.of(
                new HtmlTable.Column("law", "law", "", false),
                new HtmlTable.Column("parameters", "parameters", "maximum-likelihood estimates", false),
                new HtmlTable.Column("loglik", "ln L", "log-likelihood of |w| (magnitude laws) or w (signed laws)", true),
                new HtmlTable.Column("aic", "ΔAIC", "AIC minus the lowest AIC of the same kind of law", true),
                new HtmlTable.Column("ks", "KS", "Kolmogorov–Smirnov distance", true),
                new HtmlTable.Column("z", "Vuong z", "lognormal against this law; z > 0 favours the lognormal", true),
                new HtmlTable.Column("p", "p", "two-sided p of Vuong's z", true)), false);
        double magnitudeBest = lowestAic(fits, false);
        double signedBest = lowestAic(fits, true);
        for (Map.Entry<Family, Fit> entry : fits.fits().entrySet()) {
            Family family = entry.getKey();
            Fit fit = entry.getValue();
            StringBuilder parameters = new StringBuilder();
            fit.parameters().forEach((name, value) -> parameters.append(parameters.length() == 0 ? "" : ", ")
                    .append(symbol(name)).append(' ').append(HumanNumbers.format(value)));
            Vuong vuong = fits.vuong().get(family);
            boolean best = fits.best().map(family::equals).orElse(false);
            table.row(best ? " class=\"best\"" : "", List.of(
                    HtmlTable.Cell.text(family.displayName() + (family.isSigned() ? " (w)" : " (|w|)")),
                    HtmlTable.Cell.text(parameters.toString()),
                    HtmlTable.Cell.number(fit.logLikelihood()),
                    HtmlTable.Cell.number(fit.aic() - (family.isSigned() ? signedBest : magnitudeBest)),
                    HtmlTable.Cell.number(fit.ks()),
                    HtmlTable.Cell.number(vuong == null ? Double.NaN : vuong.z()),
                    pValue(vuong)));
        }
        return table.toHtml();
    }

    /** Vuong's p; an underflow to 0 prints as {@code < 1e-300}, the verdict's wording. */
    private static HtmlTable.Cell pValue(Vuong vuong) {
        if (vuong != null && vuong.p() == 0 && Double.isFinite(vuong.z())) {
            return new HtmlTable.Cell("&lt; 1e-300", "0");
        }
        return HtmlTable.Cell.number(vuong == null ? Double.NaN : vuong.p());
    }

    /** The Greek letter of a parameter the theory writes as one ({@code mu} → μ), else its name. */
    private static String symbol(String parameter) {
        return switch (parameter) {
            case "mu" -> "μ";
            case "sigma" -> "σ";
            case "beta" -> "β";
            default -> parameter;
        };
    }

    private static double lowestAic(FitComparison fits, boolean signed) {
        double lowest = Double.NaN;
        for (Map.Entry<Family, Fit> entry : fits.fits().entrySet()) {
            double aic = entry.getValue().aic();
            if (entry.getKey().isSigned() == signed && Double.isFinite(aic) && !(aic >= lowest)) {
                lowest = aic;
            }
        }
        return lowest;
    }

}
