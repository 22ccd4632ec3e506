package org.jaynes.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvBlockTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"8, 8, 3, 1, 1, 8", "16:5x5, 16, 5, 1, 2, 16:5x5", "16:5x5/2, 16, 5, 2, 2, 16:5x5/2",
        "16:5x5/2p0, 16, 5, 2, 0, 16:5x5/2p0", "4/2, 4, 3, 2, 1, 4/2", "4p0, 4, 3, 1, 0, 4p0",
        "' 6:4x4 ', 6, 4, 1, 2, 6:4x4", "2:3x3/1p1, 2, 3, 1, 1, 2"})
    void aSpellingGivesItsBlockAndTheShortestSpellingBack(String text, int channels, int kernel, int stride,
                                                          int padding, String shortest) {
        ConvBlock block = ConvBlock.parse(text);
        assertEquals(new ConvBlock(channels, kernel, stride, padding), block);
        assertEquals(shortest, block.toString());
        assertEquals(block, ConvBlock.parse(block.toString()));
    }

    @Test
    void aListIsCommaSeparatedAndBlankIsNone() {
        assertEquals(List.of(ConvBlock.of(8), new ConvBlock(16, 5, 2, 0)), ConvBlock.parseList("8,16:5x5/2p0"));
        assertEquals(List.of(), ConvBlock.parseList(" "));
        assertEquals("8,16:5x5/2p0", ConvBlock.toString(ConvBlock.parseList("8, 16:5x5/2p0")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "x|'x' is not a conv block: expected CHANNELS[:KxK][/STRIDE][pPADDING], e.g. 16 or 16:5x5/2 or 16:5x5/2p0",
        "16:5|'16:5' is not a conv block: expected CHANNELS[:KxK][/STRIDE][pPADDING], e.g. 16 or 16:5x5/2 or "
            + "16:5x5/2p0",
        "16:5x3|'16:5x3': the kernel must be square, not 5x3",
        "0|a conv block needs positive channels, kernel and stride and a non-negative padding, not 0 channels, "
            + "kernel 3, stride 1, padding 1",
        "8/0|a conv block needs positive channels, kernel and stride and a non-negative padding, not 8 channels, "
            + "kernel 3, stride 0, padding 1",
        "99999999999|'99999999999' has a number too large for a conv block"})
    void aBadSpellingSaysWhatIsWrong(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvBlock.parse(text));
        assertEquals(message, e.getMessage());
    }
}
