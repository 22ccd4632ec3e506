package org.jaynes.formats.onnx;

import java.util.Optional;

/**
 * A weight a model stores as integers, with the constants that give its values:
 * {@code w = (q − zero_point) · scale}, the scale and zero point either one value for the whole tensor
 * or one per index along {@code axis} (per channel: a MatMul weight's output columns, a Conv weight's
 * output channels).
 *
 * @param quantized the integer tensor (int8, uint8, int16, uint16 or int32)
 * @param scale     the scale: one element, or a vector as long as the axis
 * @param zeroPoint the zero point, likewise, if the model gives one (0 otherwise)
 * @param axis      the axis the vectors run along, from 0; meaningless when both have one element
 * @param layer     the node that uses its values (the MatMul after a DequantizeLinear, the MatMulInteger
 *                  itself...), which names its layer
 */
record QuantizedWeight(OnnxTensorProto quantized, OnnxTensorProto scale, Optional<OnnxTensorProto> zeroPoint,
                       int axis, OnnxTensorSource.Consumer layer) {
}
