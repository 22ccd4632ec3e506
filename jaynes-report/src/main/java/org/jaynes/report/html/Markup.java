package org.jaynes.report.html;

import java.util.List;
import java.util.Map;
import org.jaynes.core.analysis.AnalysisOptions;
import org.jaynes.report.Conventions;

/** Pieces of HTML the sections share: figures with captions, definition lists, sentences. */
final class Markup {

    private Markup() {
    }

    /** {@code <figure>} holding an SVG plot and its caption (escaped). */
    static void figure(StringBuilder out, String svg, String caption) {
        out.append("<figure>").append(svg).append("<figcaption>").append(HtmlEscape.text(caption))
                .append("</figcaption></figure>");
    }

    /** The entries of a {@code <dl>}, each term and definition escaped and grouped in a {@code <div>}. */
    static void definitions(StringBuilder out, List<Map.Entry<String, String>> entries) {
        for (Map.Entry<String, String> entry : entries) {
            out.append("<div><dt>").append(HtmlEscape.text(entry.getKey())).append("</dt><dd>")
                    .append(HtmlEscape.text(entry.getValue())).append("</dd></div>");
        }
    }

    /**
     * A page's {@code <header>} opened with its kicker line ("KICKER · jaynes VERSION") and its title, all
     * escaped; the caller appends the rest and closes it.
     */
    static StringBuilder header(String kicker, String title, String toolVersion) {
        return new StringBuilder("<header><p class=\"kicker\">").append(HtmlEscape.text(kicker)).append(" · jaynes ")
                .append(HtmlEscape.text(toolVersion)).append("</p><h1>").append(HtmlEscape.text(title))
                .append("</h1>");
    }

    /** The options of an analysis as the command line spells them, then, folded, its conventions. */
    static void options(StringBuilder out, AnalysisOptions options) {
        options(out, Conventions.options(options),
                Conventions.of(options).stream().map(c -> Map.entry(c.label(), c.text())).toList());
    }

    /** {@code options} as a list, then, folded unless there are none, {@code conventions}: what each number is. */
    static void options(StringBuilder out, List<Map.Entry<String, String>> options,
                        List<Map.Entry<String, String>> conventions) {
        out.append("<dl class=\"options\">");
        definitions(out, options);
        out.append("</dl>");
        if (!conventions.isEmpty()) {
            out.append("<details class=\"conventions\"><summary>Conventions: what each number is</summary><dl>");
            definitions(out, conventions);
            out.append("</dl></details>");
        }
    }

    /** The sentence with its first letter in upper case (Unicode rules, not the locale's). */
    static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** {@code "1 tensor"}, {@code "3 tensors"}: the count (grouped) and the word in the right number. */
    static String count(long n, String singular, String plural) {
        return HumanNumbers.count(n) + " " + (n == 1 ? singular : plural);
    }

    /**
     * A dotted name escaped, with a line-break opportunity ({@code <wbr/>}) after each '.', '/' and '_', so
     * that a long layer name wraps in a narrow column between its parts rather than inside them.
     */
    static String breakable(String name) {
        StringBuilder out = new StringBuilder(name.length() + 32);
        int from = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c == '.' || c == '/' || c == '_') && i + 1 < name.length()) {
                out.append(HtmlEscape.text(name.substring(from, i + 1))).append("<wbr/>");
                from = i + 1;
            }
        }
        return out.append(HtmlEscape.text(name.substring(from))).toString();
    }
}
