package org.jaynes.formats.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jaynes.core.tensor.ByteSource;
import org.jaynes.core.tensor.DType;
import org.jaynes.core.tensor.DecodedBytes;
import org.jaynes.core.tensor.Decoding;
import org.jaynes.formats.ModelFormatException;

/**
 * Makes the float32 values of a {@link QuantizedWeight}: reads its scale and zero point (small constants,
 * at most one per index of an axis) and hands out {@link DequantizedValues} over the integer tensor's
 * bytes, which stay in the file.
 */
final class OnnxDequantizer {

    private final OnnxTensorDecoder decoder;

    OnnxDequantizer(OnnxTensorDecoder decoder) {
        this.decoder = decoder;
    }

    /** The dequantized values of {@code weight}, whose integers are {@code quantized} of dtype {@code type}. */
    DecodedBytes values(QuantizedWeight weight, ByteSource quantized, DType type)
            throws IOException, ModelFormatException {
        float[] scales = floats(weight.scale());
        float[] zeroPoints = weight.zeroPoint().isPresent() ? floats(weight.zeroPoint().get()) : new float[] {0f};
        return DequantizedValues.source(quantized, type, weight.quantized().shape(), weight.axis(), scales,
                zeroPoints);
    }

    /** A small constant's values as float32 (integers up to 2^24 exactly, as ONNX converts them). */
    private float[] floats(OnnxTensorProto tensor) throws IOException, ModelFormatException {
        OnnxDataType type = OnnxDataType.of(tensor.dataType()).orElseThrow();
        DType dtype = type.dtype().orElseThrow();
        ByteSource bytes = decoder.decode(tensor, type, dtype);
        int count = Math.toIntExact(tensor.shape().elementCount());
        ByteBuffer in = bytes.window(0, Math.toIntExact(bytes.length()));
        int base = in.position();
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (dtype) {
                case F64 -> (float) in.getDouble(base + 8 * i);
                case F32 -> in.getFloat(base + 4 * i);
                case I64 -> in.getLong(base + 8 * i);
                case I32 -> in.getInt(base + 4 * i);
                case F16, BF16, I16, U16 -> (float) Decoding.patternToDouble(dtype, in.getShort(base + 2 * i) & 0xFFFF);
                case I8, U8, BOOL -> (float) Decoding.patternToDouble(dtype, in.get(base + i) & 0xFF);
            };
        }
        return values;
    }
}
