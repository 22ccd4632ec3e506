package org.jaynes.formats.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.jaynes.formats.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoScannerTest {

    private static final Path FILE = Path.of("test.pb");
    private static final ProtoMessageType OUTER = new ProtoMessageType("Outer", Map.of(1, "count", 2, "inner"));
    private static final ProtoMessageType INNER = new ProtoMessageType("Inner", Map.of(1, "values"));

    private static ProtoScanner scan(ProtoBytes bytes) {
        return ProtoScanner.of(FILE, ByteBuffer.wrap(bytes.toByteArray()), OUTER);
    }

    private static ModelFormatException fails(ProtoBytes bytes) {
        return assertThrows(ModelFormatException.class, () -> {
            ProtoScanner scanner = scan(bytes);
            while (scanner.hasNext()) {
                scanner.next();
            }
        });
    }

    @Test
    void decodesEveryWireTypeWithAbsoluteOffsets() throws Exception {
        ProtoBytes bytes = new ProtoBytes()
                .mark("a").varint(1, 300)
                .mark("b").fixed32(3, Float.floatToIntBits(1.5f))
                .mark("c").tag(4, 1).raw(1, 2, 3, 4, 5, 6, 7, 8)
                .mark("d").string(2, "hello");
        ProtoScanner scanner = scan(bytes);

        ProtoField a = scanner.next();
        assertEquals(new ProtoField(1, WireType.VARINT, 0, 1, 300, 2), a);
        ProtoField b = scanner.next();
        assertEquals(bytes.offset("b"), b.offset());
        assertEquals(1.5f, Float.intBitsToFloat((int) b.value()));
        ProtoField c = scanner.next();
        assertEquals(0x0807060504030201L, c.value(), "fixed64 is little-endian");
        ProtoField d = scanner.next();
        assertEquals(bytes.offset("d"), d.offset());
        assertEquals(bytes.offset("d") + 2, d.valueOffset());
        assertEquals("hello", scanner.string(d));
        assertFalse(scanner.hasNext());
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "127", "128", "300", "16384", "2147483647", "-1", "-9223372036854775808",
            "9223372036854775807"})
    void varintsRoundTrip(long value) throws Exception {
        ProtoScanner scanner = scan(new ProtoBytes().varint(1, value));
        assertEquals(value, scanner.varint(scanner.next()));
    }

    @Test
    void nestedScannerSeesOnlyItsPayloadAndKnowsFileOffsets() throws Exception {
        ProtoBytes inner = new ProtoBytes().varint(1, 7).mark("packed").bytes(1, new byte[] {(byte) 0xac, 0x02, 0x05});
        ProtoBytes bytes = new ProtoBytes().string(9, "skipped").message(2, inner).varint(1, 42);
        ProtoScanner outer = scan(bytes);

        outer.next(); // field 9: unknown, skipped as a whole by not looking at it
        ProtoScanner nested = outer.message(outer.next(), INNER);
        assertEquals(7, nested.varint(nested.next()));
        ProtoField packed = nested.next();
        assertEquals(bytes.offset("packed"), packed.offset());
        ProtoScanner values = nested.message(packed, INNER);
        assertEquals(300, values.readVarint("values"));
        assertEquals(bytes.offset("packed") + 4, values.position());
        assertEquals(5, values.readVarint("values"));
        assertFalse(values.hasNext());
        assertFalse(nested.hasNext());
        assertEquals(42, outer.varint(outer.next()), "the outer scanner continues after the nested message");
    }

    @Test
    void sliceIsAReadOnlyViewOfThePayload() throws Exception {
        ProtoScanner scanner = scan(new ProtoBytes().bytes(2, new byte[] {1, 0, 0, 0, 2, 0, 0, 0}));
        ByteBuffer slice = scanner.slice(scanner.next());
        assertTrue(slice.isReadOnly());
        assertEquals(2, slice.getInt(4));
    }

    @Test
    void varintLongerThanTenBytesIsAnError() {
        ProtoBytes bytes = new ProtoBytes().varint(1, 1).tag(1, 0).mark("v")
                .raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
        ModelFormatException e = fails(bytes);
        assertEquals(bytes.offset("v"), e.offset());
        assertEquals("broken varint of field 1 (count) of Outer: longer than 10 bytes", e.reason());
    }

    @Test
    void varintCutOffByTheEndOfItsMessageIsAnError() {
        ModelFormatException e = fails(new ProtoBytes().tag(1, 0).raw(0x80, 0x80));
        assertEquals(1, e.offset());
        assertEquals("varint of field 1 (count) of Outer is cut off after 2 bytes by the end of Outer", e.reason());
    }

    @Test
    void lengthPastTheEndOfTheMessageNamesTheField() {
        ProtoBytes bytes = new ProtoBytes().varint(1, 1).mark("f").tag(2, 2).rawVarint(1234).raw(1, 2, 3);
        ModelFormatException e = fails(bytes);
        assertEquals(bytes.offset("f"), e.offset());
        assertEquals("field 2 (inner) of Outer needs 1234 bytes, only 3 left", e.reason());
    }

    @Test
    void fixedWidthValueCutOffIsAnError() {
        ModelFormatException e = fails(new ProtoBytes().tag(3, 5).raw(1, 2));
        assertEquals(0, e.offset());
        assertEquals("field 3 of Outer needs 4 bytes, only 2 left", e.reason());
    }

    @ParameterizedTest
    @CsvSource({"3, 'field 5 of Outer has wire type 3 (group): groups are not supported'",
            "4, 'field 5 of Outer has wire type 4 (group): groups are not supported'",
            "6, 'field 5 of Outer has invalid wire type 6'",
            "7, 'field 5 of Outer has invalid wire type 7'"})
    void groupsAndUndefinedWireTypesAreErrors(int wireType, String reason) {
        ProtoBytes bytes = new ProtoBytes().varint(1, 1).mark("f").tag(5, wireType).raw(0, 0, 0, 0, 0, 0, 0, 0);
        ModelFormatException e = fails(bytes);
        assertEquals(bytes.offset("f"), e.offset());
        assertEquals(reason, e.reason());
    }

    @Test
    void fieldNumberZeroIsAnError() {
        ModelFormatException e = fails(new ProtoBytes().raw(0x00, 0x01));
        assertEquals("invalid field number 0 in Outer", e.reason());
    }

    @Test
    void wrongWireTypeForAKnownFieldIsAnError() throws Exception {
        ProtoScanner scanner = scan(new ProtoBytes().varint(2, 5));
        ProtoField field = scanner.next();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> scanner.message(field, INNER));
        assertEquals("field 2 (inner) of Outer has wire type 0 (varint), expected 2 (length-delimited)", e.reason());
        assertTrue(e.getMessage().startsWith("test.pb: at byte 0: "), e.getMessage());
    }

    @Test
    void scannerNeverReadsBeyondItsMessage() throws Exception {
        // the inner message claims a string running 3 bytes past its own end, into the outer varint
        ProtoBytes bytes = new ProtoBytes().tag(2, 2).rawVarint(3).raw(0x0a, 0x05, 0x41).varint(1, 9);
        ProtoScanner outer = scan(bytes);
        ProtoScanner inner = outer.message(outer.next(), INNER);
        ModelFormatException e = assertThrows(ModelFormatException.class, inner::next);
        assertEquals("field 1 (values) of Inner needs 5 bytes, only 1 left", e.reason());
        assertArrayEquals(new byte[] {0x12, 0x03, 0x0a, 0x05, 0x41, 0x08, 0x09}, bytes.toByteArray());
    }

    /**
     * A length of 2^64 - 2^32 + 20: negative as a long, and its low 32 bits are 20, which fits. Found by
     * fuzzing ({@code OnnxFuzzTestInputs/fuzz/crash-862c...}): the field was accepted and reading it threw
     * an IndexOutOfBoundsException.
     */
    @Test
    void aLengthPast2To63IsRefusedEvenWhenItsLow32BitsFit() {
        ProtoBytes bytes = new ProtoBytes().mark("field").tag(2, 2).rawVarint(-(1L << 32) + 20).raw(new int[40]);
        ModelFormatException e = fails(bytes);
        assertEquals(bytes.offset("field"), e.offset());
        assertEquals("field 2 (inner) of Outer needs 18446744069414584340 bytes, only 40 left", e.reason());
    }
}
