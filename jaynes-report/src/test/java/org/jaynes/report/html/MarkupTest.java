package org.jaynes.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkupTest {

    @Test
    void dottedNamesMayBreakAfterEachPart() {
        assertEquals("encoder.<wbr/>layer.<wbr/>0.<wbr/>attention", Markup.breakable("encoder.layer.0.attention"));
        assertEquals("model/<wbr/>up_<wbr/>proj.", Markup.breakable("model/up_proj."));
    }

    @Test
    void breakableNamesAreStillEscaped() {
        assertEquals("a&lt;b&gt;.<wbr/>&amp;c", Markup.breakable("a<b>.&c"));
    }

    @Test
    void countsAgreeWithTheirNoun() {
        assertEquals("1 tensor", Markup.count(1, "tensor", "tensors"));
        assertEquals("0 tensors", Markup.count(0, "tensor", "tensors"));
        assertEquals("1\u2009234 tensors", Markup.count(1234, "tensor", "tensors"));
    }

    @Test
    void sentencesStartWithACapitalWhateverTheLocale() {
        assertEquals("Lognormal fits", Markup.capitalised("lognormal fits"));
        assertEquals("", Markup.capitalised(""));
    }
}
