package org.jaynes.report.html;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The header and the colophon of a page about a run (training, an experiment): the kicker, title, a line
 * of facts, the options as the command line spells them and, folded, the conventions; at the end the
 * colophon citing the theory of a run (the document head is {@link PageFrame}'s). No date, so the same run
 * gives the same bytes.
 */
final class RunHeader {

    private RunHeader() {
    }

    /**
     * A whole page about a run: the document head titled "TITLE · jaynes COMMAND", the header (its meta line
     * the data split, then {@code facts}), {@code sections} in order and the colophon.
     */
    static void page(Writer out, String command, String kicker, RunPageInput input, String facts,
                     String toolVersion, String... sections) throws IOException {
        out.write(PageFrame.head(input.title() + " · jaynes " + command, toolVersion));
        out.write(header(kicker, input.title(), split(input.data(), input.trainSize(), input.testSize()) + " · "
                + facts, input.options(), input.conventions(), toolVersion));
        out.write('\n');
        for (String section : sections) {
            out.write(section);
        }
        out.write(footer(toolVersion));
    }

    /** The {@code <header>}: kicker, title, meta line, options and folded conventions. */
    static String header(String kicker, String title, String meta, List<Map.Entry<String, String>> options,
                         List<Map.Entry<String, String>> conventions, String toolVersion) {
        StringBuilder out = Markup.header(kicker, title, toolVersion);
        out.append("<p class=\"meta\">").append(HtmlEscape.text(meta)).append("</p>");
        Markup.options(out, options, conventions);
        return out.append("</header>").toString();
    }

    /** The data set and its split, for a meta line: {@code DATA: N training examples, M test examples}. */
    static String split(String data, long train, long test) {
        return data + ": " + Markup.count(train, "training example", "training examples") + ", "
                + Markup.count(test, "test example", "test examples");
    }

    /** The colophon, citing the theory of a run's microstructure, and the end of the document. */
    static String footer(String toolVersion) {
        return PageFrame.foot(toolVersion, ", docs/theory.md §1 and §6");
    }

    /** A section with its heading and a hint line (both escaped) above {@code body} (markup). */
    static String section(String id, String heading, String hint, String body) {
        return "<section id=\"" + id + "\"><h2>" + HtmlEscape.text(heading) + "</h2><p class=\"hint\">"
                + HtmlEscape.text(hint) + "</p>" + body + "</section>\n";
    }

    /** Figures in the page's grid. */
    static String figures(String cssClass, List<String> figures) {
        return "<div class=\"figures" + (cssClass.isEmpty() ? "" : " " + cssClass) + "\">" + String.join("", figures)
                + "</div>";
    }

    /** One figure: an SVG plot and its caption (escaped). */
    static String figure(String svg, String caption) {
        StringBuilder out = new StringBuilder();
        Markup.figure(out, svg, caption);
        return out.toString();
    }

    /** The page's legend for lines told apart by {@link LinePalette} order: a swatch and a label each. */
    static String legend(List<String> labels) {
        StringBuilder out = new StringBuilder("<ul class=\"legend\">");
        for (int i = 0; i < labels.size(); i++) {
            out.append("<li><svg class=\"swatch\" width=\"18\" height=\"10\" viewBox=\"0 0 18 10\"><line x1=\"0\" "
                    + "y1=\"5\" x2=\"18\" y2=\"5\" stroke-width=\"3\" stroke=\"").append(LinePalette.colour(i))
                    .append("\"/></svg>").append(HtmlEscape.text(labels.get(i))).append("</li>");
        }
        return out.append("</ul>").toString();
    }
}
