package org.jaynes.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ElementWindowTest {

    @Test
    void aWindowTouchesEveryElementItOverlaps() {
        // bytes [6, 13) of 4-byte elements: elements 1, 2 and 3, starting 2 bytes into element 1
        assertEquals(new ElementWindow(1, 4, 4, 2, 7), ElementWindow.of(6, 7, 4));
        assertEquals(3, ElementWindow.of(6, 7, 4).count());
        // on element boundaries nothing is skipped
        assertEquals(new ElementWindow(2, 4, 4, 0, 8), ElementWindow.of(8, 8, 4));
    }

    @Test
    void theCutHoldsExactlyTheWindowsBytesWhateverTheBuffersPosition() {
        ElementWindow window = ElementWindow.of(6, 7, 4);
        byte[] elements = new byte[12]; // elements 1 to 3 of a tensor whose byte i is i
        for (int i = 0; i < elements.length; i++) {
            elements[i] = (byte) (4 + i);
        }
        ByteBuffer written = ByteBuffer.allocate(12);
        written.put(elements); // position at the end, as after relative puts
        for (ByteBuffer cut : new ByteBuffer[] {window.cut(elements), window.cut(written)}) {
            assertEquals(7, cut.remaining());
            assertEquals(ByteOrder.LITTLE_ENDIAN, cut.order());
            for (int i = 0; i < 7; i++) {
                assertEquals(6 + i, cut.get(i));
            }
        }
    }

    @Test
    void aShapeCountsItsBytesUnlessTheyPassALong() {
        assertEquals(OptionalLong.of(24), Shape.of(2, 3).byteCount(4));
        assertTrue(Shape.of(1L << 40, 1L << 20).isCountable());
        assertEquals(OptionalLong.empty(), Shape.of(1L << 40, 1L << 20).byteCount(1L << 4));
        assertFalse(Shape.of(1L << 40, 1L << 30).isCountable());
    }
}
