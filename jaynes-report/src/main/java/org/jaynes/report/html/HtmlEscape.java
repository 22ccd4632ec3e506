package org.jaynes.report.html;

/**
 * Escapes text for HTML element content and quoted attribute values: {@code & < > " '} become character
 * references, so a layer named {@code a<b & "c"} prints as itself and cannot end a tag or an attribute.
 * The references used ({@code &amp; &lt; &gt; &quot; &#39;}) are also valid XML, so the page stays
 * parseable as XHTML. Control characters other than tab, line feed and carriage return (not allowed in
 * HTML or XML text) become U+FFFD. Thread-safe.
 */
public final class HtmlEscape {

    private HtmlEscape() {
    }

    /** {@code text} with the five special characters replaced; the empty string for null. */
    public static String text(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? "\uFFFD" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
