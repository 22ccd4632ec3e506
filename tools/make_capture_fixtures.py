#!/usr/bin/env python3
"""Writes the small ONNX models of jaynes-capture's activation-capture tests with the reference `onnx` library.

Run from the repository root (needs numpy and onnx, as in /opt/jvenv):

    /opt/jvenv/bin/python tools/make_capture_fixtures.py

It writes into jaynes-capture/src/test/resources/onnx/:
  - capture.onnx: a graph of tokens x[T, 4] and an additive mask[T] through every kind of capture site:
        fc1 (MatMul+Add, named weight, unnamed Relu node)  -> Relu
        /block/fc2 MatMul                                  -> Tanh
        /mlp/dense MatMul+Add -> GELU as Erf pattern, order 0.5*x first:  (x*0.5) * (1 + erf(x*(1/sqrt2)))
        /mlp2/dense MatMul (anonymous weight) -> GELU as PyTorch exports it, unnamed nodes:
                                                           ((x * (erf(x/sqrt2) + 1)) * 0.5
        GELU as x * (0.5 * (1 + erf(x/sqrt2))), nodes under /extra/gelu/
        /mlp3/Gelu (the opset-20 Gelu operator)
        MatMul -> /gate/Sigmoid, multiplied into the stream
        attention: softmax((q·kᵀ)/2 + mask) · v, Softmax node /attn/Softmax
        /classifier MatMul+Add -> Softmax, which is also the graph output "probs"
    and a decoy: 1 + erf(h/sqrt2) multiplied by another tensor than h, output "decoy", which is no GELU.
  - capture-external.onnx with capture-external.data: the same model with every initializer stored as
    external data, at a location relative to the model.
  - capture.npz: every weight (w1, b1, w2, w3, b3, w4, wg, wq, wk, wv, wc, bc) and test inputs x[5, 4]
    and mask[5], float32, so that a test can compute the forward pass by hand.
  - garbled.onnx: bytes that are no protobuf message.
  - relu.onnx: one input x[batch, 3] -> Relu -> y, for the .npy feeds; and its inputs:
    x.npy float32 [7, 3]; x-wide.npy float32 [7, 4] (wrong shape); x-int.npy int64 [7, 3] (wrong dtype);
    x-fortran.npy float32 [7, 3] stored in Fortran order.
  - capture-inputs.npz: x float32 [7, 4] and mask float32 [7], the inputs of capture.onnx;
    capture-inputs-partial.npz: only x.

The expected site names are written out by hand in the test: they state jaynes' naming convention.
The output is deterministic: values come from a seeded generator.
"""

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join("jaynes-capture", "src", "test", "resources", "onnx")
SEED = 20261123
rng = np.random.default_rng(SEED)


def weight(*shape):
    return (rng.standard_normal(shape) * 0.5).astype(np.float32)


W = {
    "w1": weight(4, 6), "b1": weight(6), "w2": weight(6, 6), "w3": weight(6, 6), "b3": weight(6),
    "w4": weight(6, 6), "wg": weight(6, 6), "wq": weight(6, 4), "wk": weight(6, 4), "wv": weight(6, 4),
    "wc": weight(4, 3), "bc": weight(3),
}
STORED = {  # the initializer names in the file: some as PyTorch names them, some anonymous
    "w1": "fc1.weight", "b1": "fc1.bias", "w2": "block.fc2.weight", "w3": "mlp.dense.weight",
    "b3": "mlp.dense.bias", "w4": "onnx::MatMul_7", "wg": "gate.weight", "wq": "attn.query.weight",
    "wk": "attn.key.weight", "wv": "attn.value.weight", "wc": "classifier.weight", "bc": "classifier.bias",
}
SCALARS = {"half": 0.5, "one": 1.0, "sqrt2": float(np.sqrt(2.0)), "inv_sqrt2": float(1.0 / np.sqrt(2.0)),
           "two": 2.0}


def node(op, inputs, output, name="", **attrs):
    return helper.make_node(op, inputs, [output], name=name, **attrs)


def build():
    nodes = [
        node("MatMul", ["x", STORED["w1"]], "fc1_mm", "/fc1/MatMul"),
        node("Add", ["fc1_mm", STORED["b1"]], "fc1_out", "/fc1/Add"),
        node("Relu", ["fc1_out"], "h1"),
        node("MatMul", ["h1", STORED["w2"]], "fc2_out", "/block/fc2/MatMul"),
        node("Tanh", ["fc2_out"], "h2", "/block/fc2/Tanh"),
        node("MatMul", ["h2", STORED["w3"]], "mlp_mm", "/mlp/dense/MatMul"),
        node("Add", [STORED["b3"], "mlp_mm"], "u", "/mlp/dense/Add"),
        # GELU, order: (x * 0.5) * (1 + erf(x * (1/sqrt2)))
        node("Mul", ["u", "half"], "u_half", "/mlp/act/Mul"),
        node("Mul", ["inv_sqrt2", "u"], "u_scaled", "/mlp/act/Mul_1"),
        node("Erf", ["u_scaled"], "u_erf", "/mlp/act/Erf"),
        node("Add", ["one", "u_erf"], "u_add", "/mlp/act/Add"),
        node("Mul", ["u_half", "u_add"], "g1", "/mlp/act/Mul_2"),
        node("MatMul", ["g1", STORED["w4"]], "v", "/mlp2/dense/MatMul"),
        # GELU as PyTorch exports it, nodes without names: ((x * (erf(x / sqrt2) + 1)) * 0.5
        node("Div", ["v", "sqrt2"], "v_div"),
        node("Erf", ["v_div"], "v_erf"),
        node("Add", ["v_erf", "one"], "v_add"),
        node("Mul", ["v", "v_add"], "v_mul"),
        node("Mul", ["v_mul", "half"], "g2"),
        # GELU as x * (0.5 * (1 + erf(x / sqrt2)))
        node("Div", ["g2", "sqrt2"], "e_div", "/extra/gelu/Div"),
        node("Erf", ["e_div"], "e_erf", "/extra/gelu/Erf"),
        node("Add", ["e_erf", "one"], "e_add", "/extra/gelu/Add"),
        node("Mul", ["half", "e_add"], "e_half", "/extra/gelu/Mul"),
        node("Mul", ["g2", "e_half"], "g3", "/extra/gelu/Mul_1"),
        node("Gelu", ["g3"], "g4", "/mlp3/Gelu"),
        node("MatMul", ["g4", STORED["wg"]], "gate_mm", "/gate/MatMul"),
        node("Sigmoid", ["gate_mm"], "gate", "/gate/Sigmoid"),
        node("Mul", ["g4", "gate"], "m", "/gate/Mul"),
        node("MatMul", ["m", STORED["wq"]], "q", "/attn/query/MatMul"),
        node("MatMul", ["m", STORED["wk"]], "k", "/attn/key/MatMul"),
        node("MatMul", ["m", STORED["wv"]], "val", "/attn/value/MatMul"),
        node("Transpose", ["k"], "kt", "/attn/Transpose", perm=[1, 0]),
        node("MatMul", ["q", "kt"], "scores", "/attn/MatMul"),
        node("Div", ["scores", "two"], "scaled", "/attn/Div"),
        node("Add", ["scaled", "mask"], "masked", "/attn/Add"),
        node("Softmax", ["masked"], "p", "/attn/Softmax", axis=-1),
        node("MatMul", ["p", "val"], "ctx", "/attn/MatMul_1"),
        node("MatMul", ["ctx", STORED["wc"]], "logits_mm", "/classifier/MatMul"),
        node("Add", ["logits_mm", STORED["bc"]], "logits", "/classifier/Add"),
        node("Softmax", ["logits"], "probs", "/classifier/Softmax", axis=-1),
        # a decoy: erf(h/sqrt2) + 1 times a tensor other than h is not GELU
        node("Div", ["h1", "sqrt2"], "d_div", "/decoy/Div"),
        node("Erf", ["d_div"], "d_erf", "/decoy/Erf"),
        node("Add", ["d_erf", "one"], "d_add", "/decoy/Add"),
        node("Mul", ["d_add", "h2"], "d_mul", "/decoy/Mul"),
        node("Mul", ["d_mul", "half"], "decoy", "/decoy/Mul_1"),
    ]
    initializers = [numpy_helper.from_array(W[key], STORED[key]) for key in W]
    # the scalars as Constant nodes, as exporters write them
    constants = [helper.make_node("Constant", [], [name], name="/Constant_" + name,
                                  value=numpy_helper.from_array(np.array(value, dtype=np.float32)))
                 for name, value in SCALARS.items()]
    graph = helper.make_graph(
        constants + nodes, "capture",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["tokens", 4]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["tokens"])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["tokens", 3]),
         helper.make_tensor_value_info("decoy", TensorProto.FLOAT, ["tokens", 6])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)], ir_version=9,
                              producer_name="jaynes tools/make_capture_fixtures.py")
    onnx.checker.check_model(model, full_check=True)
    return model


def main():
    os.makedirs(OUT, exist_ok=True)
    model = build()
    onnx.save_model(model, os.path.join(OUT, "capture.onnx"))
    external = build()
    data = os.path.join(OUT, "capture-external.data")
    if os.path.exists(data):
        os.remove(data)  # onnx appends to an existing data file
    onnx.save_model(external, os.path.join(OUT, "capture-external.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="capture-external.data", size_threshold=0)
    x = rng.standard_normal((5, 4)).astype(np.float32)
    mask = np.array([0.0, 0.0, -1.5, 0.0, -1e4], dtype=np.float32)
    np.savez(os.path.join(OUT, "capture.npz"), x=x, mask=mask, **W)
    with open(os.path.join(OUT, "garbled.onnx"), "wb") as f:
        f.write(b"\x0a\xff\xff\xff\xff\x0fthis is not an ONNX model")
    relu = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"], name="/act/Relu")], "relu",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])])
    relu_model = helper.make_model(relu, opset_imports=[helper.make_opsetid("", 20)], ir_version=9)
    onnx.checker.check_model(relu_model, full_check=True)
    onnx.save_model(relu_model, os.path.join(OUT, "relu.onnx"))
    x3 = rng.standard_normal((7, 3)).astype(np.float32)
    np.save(os.path.join(OUT, "x.npy"), x3)
    np.save(os.path.join(OUT, "x-wide.npy"), rng.standard_normal((7, 4)).astype(np.float32))
    np.save(os.path.join(OUT, "x-int.npy"), np.arange(21, dtype=np.int64).reshape(7, 3))
    np.save(os.path.join(OUT, "x-fortran.npy"), np.asfortranarray(x3))
    x7 = rng.standard_normal((7, 4)).astype(np.float32)
    mask7 = np.array([0.0, -1.0, 0.0, 0.0, -2.0, 0.0, 0.0], dtype=np.float32)
    np.savez(os.path.join(OUT, "capture-inputs.npz"), x=x7, mask=mask7)
    np.savez(os.path.join(OUT, "capture-inputs-partial.npz"), x=x7)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
