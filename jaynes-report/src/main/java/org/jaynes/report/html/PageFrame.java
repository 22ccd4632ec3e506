package org.jaynes.report.html;

/**
 * The frame of every page: the document head (title, the shared style sheet of {@link PageResources} and
 * any styles of the page's own) and, at the end, the colophon that cites the theory, with or without the
 * page script. No date, so the same input gives the same bytes.
 */
final class PageFrame {

    private PageFrame() {
    }

    /** From {@code <!DOCTYPE html>} to the opening {@code <body>}, with the shared style sheet alone. */
    static String head(String title, String toolVersion) {
        return head(title, "", toolVersion);
    }

    /**
     * From {@code <!DOCTYPE html>} to the opening {@code <body>}; {@code title} is escaped, {@code style}
     * (no {@code <} or {@code &}) follows the shared style sheet.
     */
    static String head(String title, String style, String toolVersion) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<meta name=\"generator\" content=\"jaynes " + HtmlEscape.text(toolVersion) + "\"/><title>"
                + HtmlEscape.text(title) + "</title>\n<style>\n" + PageResources.STYLE + style
                + "</style></head>\n<body>\n";
    }

    /**
     * The colophon and the end of the document, for a page without tables to sort or sections to fold;
     * {@code sections} follows the paper in the citation (such as {@code ", and docs/theory.md §7"}), or is empty.
     */
    static String foot(String toolVersion, String sections) {
        return colophon(toolVersion, sections) + "</body></html>\n";
    }

    /** The colophon, the page script and the end of the document. */
    static String footWithScript(String toolVersion) {
        return colophon(toolVersion, "") + "<script>\n" + PageResources.SCRIPT + "</script>\n</body></html>\n";
    }

    private static String colophon(String toolVersion, String sections) {
        return "\n<footer><p class=\"colophon\">Written by jaynes " + HtmlEscape.text(toolVersion)
                + ". Theory: V. Venkatasubramanian et al., “Jaynes machine: the universal microstructure of deep "
                + "neural networks”, Computers and Chemical Engineering 192 (2025) 108908" + sections
                + ".</p></footer>\n";
    }
}
