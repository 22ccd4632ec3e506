#!/usr/bin/env python3
"""Writes the quantized-ONNX test fixtures of jaynes-formats with the reference `onnx` library.

Run from the repository root (needs numpy and onnx, as in /opt/jvenv):

    /opt/jvenv/bin/python tools/make_onnx_quant_fixtures.py

It writes into jaynes-formats/src/test/resources/onnx/:
  - quant_qdq.onnx       DequantizeLinear on constant weights (opset 21): int8 per output column (axis 1),
                         uint8 per tensor, a Conv weight per output channel (axis -4), a weight without zero
                         point, an int32 bias, an int16 weight, and a blocked one (block_size 2), which the
                         reader leaves integer only;
  - quant_qlinear.onnx   QLinearMatMul (int8 b, per column) and QLinearConv (uint8 w, per channel);
  - quant_integer.onnx   onnxruntime's dynamic quantization: DynamicQuantizeLinear, MatMulInteger (per
                         column zero point and scale) and ConvInteger (per tensor) rescaled by
                         Cast → Mul(·, Mul(activation scale, weight scale)); and a MatMulInteger with no
                         rescaling, which the reader leaves integer only;
  - quant_gather.onnx    a uint8 embedding table dequantized after its Gather, per tensor;
  - quant_bad_shape.onnx and quant_bad_axis.onnx: a per-axis scale of the wrong length, an axis outside the
                         weight (not checked by onnx.checker; the reader must refuse them);
  - quant_fixtures.json  for every valid model, each tensor the reader must return, in order: stored name,
                         layer name, role, dtype, shape, its first 3 values and the sum of all values, as
                         float64. A quantized weight comes twice: its integers (named <layer>.quantized)
                         and, right after, its values (q - zero_point) * scale in float32 (stored name
                         <stored>:dequantized, named <layer>), checked here against onnx's reference
                         DequantizeLinear bit for bit.

The expected layer names and roles are written out by hand: they state jaynes' naming convention. The
output is deterministic: values come from a seeded generator.
"""

import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator

OUT = os.path.join("jaynes-formats", "src", "test", "resources", "onnx")
SEED = 20240613
LABELS = {np.float32: "f32", np.int8: "i8", np.uint8: "u8", np.int16: "i16", np.int32: "i32", np.int64: "i64"}

rng = np.random.default_rng(SEED)


def ints(dtype, shape, low=None, high=None):
    info = np.iinfo(dtype)
    return rng.integers(info.min if low is None else low, (info.max if high is None else high) + 1,
                        size=shape).astype(dtype)


def scales(shape):
    return rng.uniform(0.001, 0.02, size=shape).astype(np.float32)


def expect(stored, name, role, array):
    flat = np.asarray(array).astype(np.float64).ravel()
    return {"storedName": stored, "name": name, "role": role, "dtype": LABELS[np.asarray(array).dtype.type],
            "shape": list(np.shape(array)), "first": [float(v) for v in flat[:3]], "sum": float(flat.sum())}


def dequantize(q, scale, zero_point, axis, block_size=0):
    """onnx's reference DequantizeLinear on the constants: the values jaynes must give."""
    inputs = [numpy_helper.from_array(q, "q"), numpy_helper.from_array(scale, "s")]
    if zero_point is not None:
        inputs.append(numpy_helper.from_array(zero_point, "z"))
    attributes = {"axis": axis} if block_size == 0 else {"axis": axis, "block_size": block_size}
    node = helper.make_node("DequantizeLinear", [t.name for t in inputs], ["w"], **attributes)
    graph = helper.make_graph([node], "dq", [], [helper.make_tensor_value_info("w", TensorProto.FLOAT, None)],
                              initializer=inputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    w = ReferenceEvaluator(model).run(None, {})[0]
    if block_size:
        return w
    # the formula jaynes implements, in float32, gives the same bits
    shape = [1] * q.ndim
    if scale.size > 1:
        shape[axis % q.ndim] = q.shape[axis % q.ndim]
    zp = np.zeros(1, np.float32) if zero_point is None else zero_point.astype(np.float32)
    formula = (q.astype(np.float32) - zp.reshape(shape if zp.size > 1 else [1] * q.ndim)) \
        * scale.reshape(shape if scale.size > 1 else [1] * q.ndim)
    assert np.array_equal(w.view(np.uint32), formula.astype(np.float32).view(np.uint32))
    return w


class Builder:
    """Initializers, nodes and the expected tensors of one model, in file order."""

    def __init__(self):
        self.initializers, self.nodes, self.expected = [], [], []

    def constant(self, stored, name, role, array):
        self.initializers.append(numpy_helper.from_array(array, stored))
        self.expected.append(expect(stored, name, role, array))

    def quantized(self, stored, layer, role, q, dequantized):
        self.initializers.append(numpy_helper.from_array(q, stored))
        self.expected.append(expect(stored, layer + ".quantized", role, q))
        if dequantized is not None:
            self.expected.append(expect(stored + ":dequantized", layer, role, dequantized))

    def save(self, file, inputs, outputs, opset, check=True):
        graph = helper.make_graph(self.nodes, file[:-5], inputs, outputs, initializer=self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                                  producer_name="jaynes-fixtures")
        model.ir_version = 10
        if check:
            onnx.checker.check_model(model)
        onnx.save_model(model, os.path.join(OUT, file))
        return {"file": file, "tensors": self.expected}


def value(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def qdq():
    b = Builder()
    # int8 per output column, anonymous as exporters leave it: named after the MatMul using its values
    q, s, z = ints(np.int8, (6, 5), -100, 100), scales((5,)), ints(np.int8, (5,), -3, 3)
    b.constant("onnx::MatMul_10_scale", "encoder.dense.scale", "other", s)
    b.constant("onnx::MatMul_10_zero_point", "encoder.dense.zero_point", "other", z)
    b.quantized("onnx::MatMul_10_quantized", "encoder.dense", "dense", q, dequantize(q, s, z, 1))
    b.nodes += [helper.make_node("DequantizeLinear", ["onnx::MatMul_10_quantized", "onnx::MatMul_10_scale",
                                                      "onnx::MatMul_10_zero_point"], ["onnx::MatMul_10"],
                                 name="onnx::MatMul_10_DequantizeLinear", axis=1),
                helper.make_node("MatMul", ["x", "onnx::MatMul_10"], ["h"], name="/encoder/dense/MatMul")]
    # uint8 per tensor, named as onnxruntime names what it quantizes
    q, s, z = ints(np.uint8, (5, 3)), scales(()), np.array(128, dtype=np.uint8)
    b.constant("head.weight_scale", "head.scale", "other", s)
    b.constant("head.weight_zero_point", "head.zero_point", "other", z)
    b.quantized("head.weight_quantized", "head", "output-head", q, dequantize(q, s, z, 1))
    b.nodes += [helper.make_node("DequantizeLinear", ["head.weight_quantized", "head.weight_scale",
                                                      "head.weight_zero_point"], ["head.weight"], name="head_dq"),
                helper.make_node("MatMul", ["h", "head.weight"], ["y"], name="/head/MatMul")]
    # a Conv weight per output channel, the axis counted from the end; an int32 bias without zero point
    q, s, z = ints(np.int8, (4, 3, 3, 3)), scales((4,)), ints(np.int8, (4,), -2, 2)
    b.constant("conv.weight_scale", "conv.scale", "other", s)
    b.constant("conv.weight_zero_point", "conv.zero_point", "other", z)
    b.quantized("conv.weight_quantized", "conv", "convolution", q, dequantize(q, s, z, -4))
    qb, sb = ints(np.int32, (4,), -5000, 5000), np.array(0.0001, dtype=np.float32)
    b.constant("conv.bias_scale", "conv.bias.scale", "other", sb)
    b.quantized("conv.bias_quantized", "conv.bias", "bias", qb, dequantize(qb, sb, None, 0))
    b.nodes += [helper.make_node("DequantizeLinear", ["conv.weight_quantized", "conv.weight_scale",
                                                      "conv.weight_zero_point"], ["conv.weight"], name="conv_w_dq",
                                 axis=-4),
                helper.make_node("DequantizeLinear", ["conv.bias_quantized", "conv.bias_scale"], ["conv.bias"],
                                 name="conv_b_dq"),
                helper.make_node("Conv", ["image", "conv.weight", "conv.bias"], ["features"], name="/conv/Conv")]
    # no zero point (0); int16 per column
    q, s = ints(np.int8, (5, 4)), scales(())
    b.constant("onnx::MatMul_11_scale", "extra.scale", "other", s)
    b.quantized("onnx::MatMul_11_quantized", "extra", "dense", q, dequantize(q, s, None, 1))
    q16, s16, z16 = ints(np.int16, (4, 4), -20000, 20000), scales((4,)), ints(np.int16, (4,), -10, 10)
    b.constant("onnx::MatMul_12_scale", "extra2.scale", "other", s16)
    b.constant("onnx::MatMul_12_zero_point", "extra2.zero_point", "other", z16)
    b.quantized("onnx::MatMul_12_quantized", "extra2", "dense", q16, dequantize(q16, s16, z16, 1))
    b.nodes += [helper.make_node("DequantizeLinear", ["onnx::MatMul_11_quantized", "onnx::MatMul_11_scale"],
                                 ["onnx::MatMul_11"], name="onnx::MatMul_11_DequantizeLinear"),
                helper.make_node("MatMul", ["h", "onnx::MatMul_11"], ["e"], name="/extra/MatMul"),
                helper.make_node("DequantizeLinear", ["onnx::MatMul_12_quantized", "onnx::MatMul_12_scale",
                                                      "onnx::MatMul_12_zero_point"], ["onnx::MatMul_12"],
                                 name="onnx::MatMul_12_DequantizeLinear", axis=1),
                helper.make_node("MatMul", ["e", "onnx::MatMul_12"], ["e2"], name="/extra2/MatMul")]
    # blocked quantization: left as integers, named as any other tensor
    qk, sk, zk = ints(np.int8, (4, 4)), scales((2, 4)), ints(np.int8, (2, 4), -2, 2)
    b.constant("onnx::MatMul_13_scale", "onnx::MatMul_13_scale", "other", sk)
    b.constant("onnx::MatMul_13_zero_point", "onnx::MatMul_13_zero_point", "other", zk)
    b.initializers.append(numpy_helper.from_array(qk, "onnx::MatMul_13_quantized"))
    b.expected.append(expect("onnx::MatMul_13_quantized", "onnx::MatMul_13", "dense", qk))
    dequantize(qk, sk, zk, 0, block_size=2)  # a valid model
    b.nodes += [helper.make_node("DequantizeLinear", ["onnx::MatMul_13_quantized", "onnx::MatMul_13_scale",
                                                      "onnx::MatMul_13_zero_point"], ["onnx::MatMul_13"],
                                 name="onnx::MatMul_13_DequantizeLinear", axis=0, block_size=2),
                helper.make_node("MatMul", ["e2", "onnx::MatMul_13"], ["e3"], name="/blocked/MatMul")]
    # the expected roles of the plain-named scales: rank <= 1 tensors that are not quantization constants
    for row in b.expected:
        if row["storedName"] in ("onnx::MatMul_13_scale", "onnx::MatMul_13_zero_point"):
            row["role"] = "dense" if len(row["shape"]) == 2 else "bias"
    return b.save("quant_qdq.onnx", [value("x", TensorProto.FLOAT, [1, 6]),
                                     value("image", TensorProto.FLOAT, [1, 3, 5, 5])],
                  [value("y", TensorProto.FLOAT, [1, 3]), value("features", TensorProto.FLOAT, [1, 4, 3, 3]),
                   value("e3", TensorProto.FLOAT, [1, 4])], 21)


def qlinear():
    b = Builder()
    b.constant("a_scale", "a_scale", "bias", np.array(0.05, dtype=np.float32))
    b.constant("a_zero_point", "a_zero_point", "bias", np.array(128, dtype=np.uint8))
    q, s, z = ints(np.int8, (6, 4)), scales((4,)), ints(np.int8, (4,), -3, 3)
    b.constant("onnx::MatMul_20_scale", "quant.mm.scale", "other", s)
    b.constant("onnx::MatMul_20_zero_point", "quant.mm.zero_point", "other", z)
    b.quantized("onnx::MatMul_20_quantized", "quant.mm", "dense", q, dequantize(q, s, z, 1))
    b.constant("y_scale", "y_scale", "bias", np.array(0.1, dtype=np.float32))
    b.constant("y_zero_point", "y_zero_point", "bias", np.array(128, dtype=np.uint8))
    qc, sc, zc = ints(np.uint8, (3, 2, 2, 2)), scales((3,)), ints(np.uint8, (3,), 120, 136)
    b.constant("onnx::Conv_21_scale", "quant.conv.scale", "other", sc)
    b.constant("onnx::Conv_21_zero_point", "quant.conv.zero_point", "other", zc)
    b.quantized("onnx::Conv_21_quantized", "quant.conv", "convolution", qc, dequantize(qc, sc, zc, 0))
    # the activations' scales and zero points keep their names; rank 0, so biases by the role rules
    b.nodes += [helper.make_node("QLinearMatMul", ["a", "a_scale", "a_zero_point", "onnx::MatMul_20_quantized",
                                                   "onnx::MatMul_20_scale", "onnx::MatMul_20_zero_point",
                                                   "y_scale", "y_zero_point"], ["y"], name="/quant/mm/QLinearMatMul"),
                helper.make_node("QLinearConv", ["image", "a_scale", "a_zero_point", "onnx::Conv_21_quantized",
                                                 "onnx::Conv_21_scale", "onnx::Conv_21_zero_point",
                                                 "y_scale", "y_zero_point"], ["features"], name="/quant/conv/QLinearConv")]
    return b.save("quant_qlinear.onnx", [value("a", TensorProto.UINT8, [1, 6]),
                                         value("image", TensorProto.UINT8, [1, 2, 4, 4])],
                  [value("y", TensorProto.UINT8, [1, 4]), value("features", TensorProto.UINT8, [1, 3, 3, 3])], 13)


def integer():
    b = Builder()
    q, s, z = ints(np.int8, (6, 4)), scales((4,)), ints(np.int8, (4,), -3, 3)
    b.constant("onnx::MatMul_30_scale", "layer.fc.scale", "other", s)
    b.constant("onnx::MatMul_30_zero_point", "layer.fc.zero_point", "other", z)
    b.quantized("onnx::MatMul_30_quantized", "layer.fc", "dense", q, dequantize(q, s, z, 1))
    qc, sc, zc = ints(np.uint8, (2, 1, 3, 3)), scales(()), np.array(127, dtype=np.uint8)
    b.constant("onnx::Conv_31_scale", "layer.conv.scale", "other", sc)
    b.constant("onnx::Conv_31_zero_point", "layer.conv.zero_point", "other", zc)
    b.quantized("onnx::Conv_31_quantized", "layer.conv", "convolution", qc, dequantize(qc, sc, zc, 0))
    qr = ints(np.int8, (6, 3))
    b.initializers.append(numpy_helper.from_array(qr, "onnx::MatMul_32_quantized"))
    b.expected.append(expect("onnx::MatMul_32_quantized", "raw", "dense", qr))
    b.nodes += [
        helper.make_node("DynamicQuantizeLinear", ["x"], ["xq", "xs", "xz"], name="/layer/fc/x_quant"),
        helper.make_node("MatMulInteger", ["xq", "onnx::MatMul_30_quantized", "xz", "onnx::MatMul_30_zero_point"],
                         ["fc_int"], name="/layer/fc/MatMul_quant"),
        helper.make_node("Cast", ["fc_int"], ["fc_float"], name="/layer/fc/MatMul_quant_cast", to=TensorProto.FLOAT),
        helper.make_node("Mul", ["xs", "onnx::MatMul_30_scale"], ["fc_scales"], name="/layer/fc/MatMul_quant_scales_mul"),
        helper.make_node("Mul", ["fc_float", "fc_scales"], ["y"], name="/layer/fc/MatMul_quant_output_scale_mul"),
        helper.make_node("DynamicQuantizeLinear", ["image"], ["iq", "is", "iz"], name="/layer/conv/x_quant"),
        helper.make_node("ConvInteger", ["iq", "onnx::Conv_31_quantized", "iz", "onnx::Conv_31_zero_point"],
                         ["conv_int"], name="/layer/conv/Conv_quant"),
        helper.make_node("Cast", ["conv_int"], ["conv_float"], name="/layer/conv/Conv_quant_cast", to=TensorProto.FLOAT),
        helper.make_node("Mul", ["is", "onnx::Conv_31_scale"], ["conv_scales"], name="/layer/conv/Conv_scales_mul"),
        helper.make_node("Mul", ["conv_scales", "conv_float"], ["features"], name="/layer/conv/Conv_output_scale_mul"),
        helper.make_node("MatMulInteger", ["xq", "onnx::MatMul_32_quantized", "xz"], ["raw_int"],
                         name="/raw/MatMul_quant")]
    return b.save("quant_integer.onnx", [value("x", TensorProto.FLOAT, [1, 6]),
                                         value("image", TensorProto.FLOAT, [1, 1, 5, 5])],
                  [value("y", TensorProto.FLOAT, [1, 4]), value("features", TensorProto.FLOAT, [1, 2, 3, 3]),
                   value("raw_int", TensorProto.INT32, [1, 3])], 13)


def gather():
    b = Builder()
    q, s, z = ints(np.uint8, (10, 4)), scales(()), np.array(128, dtype=np.uint8)
    b.constant("word_embeddings.weight_scale", "word_embeddings.scale", "other", s)
    b.constant("word_embeddings.weight_zero_point", "word_embeddings.zero_point", "other", z)
    b.quantized("word_embeddings.weight_quantized", "word_embeddings", "embedding", q, dequantize(q, s, z, 1))
    b.nodes += [helper.make_node("Gather", ["word_embeddings.weight_quantized", "ids"], ["rows_q"],
                                 name="/word_embeddings/Gather"),
                helper.make_node("DequantizeLinear", ["rows_q", "word_embeddings.weight_scale",
                                                      "word_embeddings.weight_zero_point"],
                                 ["rows"], name="/word_embeddings/Gather_output_0_DequantizeLinear")]
    return b.save("quant_gather.onnx", [value("ids", TensorProto.INT64, [3])],
                  [value("rows", TensorProto.FLOAT, [3, 4])], 13)


def bad(file, scale_shape, axis):
    b = Builder()
    b.constant("onnx::MatMul_40_scale", "", "", scales(scale_shape))
    b.constant("onnx::MatMul_40_quantized", "", "", ints(np.int8, (6, 5)))
    b.nodes += [helper.make_node("DequantizeLinear", ["onnx::MatMul_40_quantized", "onnx::MatMul_40_scale"],
                                 ["onnx::MatMul_40"], name="onnx::MatMul_40_DequantizeLinear", axis=axis),
                helper.make_node("MatMul", ["x", "onnx::MatMul_40"], ["y"], name="/bad/MatMul")]
    b.save(file, [value("x", TensorProto.FLOAT, [1, 6])], [value("y", TensorProto.FLOAT, [1, 5])], 13, check=False)


def main():
    models = [qdq(), qlinear(), integer(), gather()]
    bad("quant_bad_shape.onnx", (7,), 1)
    bad("quant_bad_axis.onnx", (5,), 3)
    with open(os.path.join(OUT, "quant_fixtures.json"), "w") as out:
        json.dump({"generator": "tools/make_onnx_quant_fixtures.py", "onnx": onnx.__version__, "seed": SEED,
                   "models": models}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
