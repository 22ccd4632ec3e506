package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class HtmlEscapeTest {

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlEscape.text("a<b> & \"c\" 'd'"));
    }

    @Test
    void escapesAnAlreadyEscapedTextAgain() {
        assertEquals("&amp;lt;", HtmlEscape.text("&lt;"));
    }

    @Test
    void leavesOrdinaryTextAloneWithoutCopying() {
        String text = "encoder.layer.0.attention.self.query σ μ ‖";
        assertSame(text, HtmlEscape.text(text));
    }

    @Test
    void replacesControlCharactersThatHtmlAndXmlForbid() {
        assertEquals("a\uFFFDb\tc\nd", HtmlEscape.text("a\u0001b\tc\nd"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", HtmlEscape.text(null));
    }
}
