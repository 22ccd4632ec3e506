package org.jaynes.formats.onnx;

/**
 * One field of a protobuf message as the wire carries it, located by absolute byte offsets in the
 * scanned buffer (which, for ONNX, is the whole file, so offsets are file offsets).
 *
 * @param number      the field number
 * @param wireType    how the value is encoded
 * @param offset      where the field's tag starts
 * @param valueOffset where the value starts: the varint, the fixed bytes, or the payload after the
 *                    length of a length-delimited field
 * @param value       the varint's value, or the fixed32/fixed64 bits; 0 for length-delimited fields
 * @param length      bytes of the value: the payload length of a length-delimited field
 */
record ProtoField(int number, WireType wireType, int offset, int valueOffset, long value, int length) {

    /** The first byte after the field. */
    int end() {
        return valueOffset + length;
    }
}
