#!/usr/bin/env python3
"""Writes the small ONNX models of jaynes-capture's tests of 16-bit models, Einsum attention and subgraphs,
with golden values computed by onnxruntime.

Run from the repository root in a throwaway venv holding the wheels on disk:

    python3 -m venv /tmp/venv-onnx
    /tmp/venv-onnx/bin/pip install --no-index --find-links DIR onnx onnxruntime numpy
    /tmp/venv-onnx/bin/python tools/make_capture_variants.py

(DIR: the folder of `find / -name 'onnx-*.whl'`; made with onnx 1.23.1 and onnxruntime 1.30.0.)

It writes into jaynes-capture/src/test/resources/onnx/:
  - fp16.onnx: x[T, 4] float16 -> /fc1 MatMul (fc1.weight, float16) -> Relu -> /fc2 MatMul -> Tanh -> /head
    MatMul -> Softmax, output "y"; every tensor float16, as a model converted to half precision is.
  - fp16.npz: x [5, 4] and relu, tanh, softmax: the three sites' outputs for x as onnxruntime computes them,
    float16 values stored widened to float32 (exactly), which the Java capture must return value for value.
  - bf16.onnx: the same graph in bfloat16. onnxruntime's CPU provider has no bfloat16 kernel for Relu,
    Tanh, Softmax or MatMul (checked here: creating a session fails with NOT_IMPLEMENTED), so it cannot
    run; the test checks that jaynes refuses it in one line.
  - einsum.onnx: x[T, 4] float32 through two attention blocks written with Einsum:
        /attn1: scores = Einsum("id,jd->ij", q, k) / 2 -> Softmax -> MatMul with v   (Einsum before Softmax)
        /attn2: scores = ReduceSum(Unsqueeze(q, 1) * Unsqueeze(k, 0), axis 2) -> Softmax
                -> Einsum("ij,jd->id", probs, v)                                       (Softmax feeding Einsum)
        /head: MatMul -> Softmax, output "y" (a classifier's softmax: no attention)
  - einsum.npz: x (float32 [5, 4]) and probs1, probs2, y, onnxruntime's outputs.
  - subgraph.onnx: x[T, 4] float32:
        /fc MatMul -> Relu (main graph) -> If(sum of the Relu's outputs > 0) { then: Tanh; else: Sigmoid }
        -> Loop (2 iterations) { body: Relu(state - 0.5) }, output "y".
    ONNX Runtime can return only values of the main graph as session outputs, so the Tanh, Sigmoid and
    the body's Relu are set aside by the capture, and the main graph's Relu is captured.
  - subgraph.npz: x (float32 [5, 4]), relu (the main graph's Relu for x) and y (through the then-branch).

The output is deterministic: values come from a seeded generator.
"""

import os

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join("jaynes-capture", "src", "test", "resources", "onnx")
SEED = 20261207
rng = np.random.default_rng(SEED)
OPSET = [helper.make_opsetid("", 20)]
PRODUCER = "jaynes tools/make_capture_variants.py"


def weight(*shape):
    return (rng.standard_normal(shape) * 0.5).astype(np.float32)


def save(model, name):
    onnx.checker.check_model(model, full_check=True)
    onnx.save_model(model, os.path.join(OUT, name))


def run(model, feeds, outputs):
    """onnxruntime's values of `outputs` (main-graph tensors, added as graph outputs without a type)."""
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    known = {o.name for o in probe.graph.output}
    for name in outputs:
        if name not in known:
            probe.graph.output.add().name = name
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # as jaynes runs models
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(probe.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return dict(zip(outputs, session.run(outputs, feeds)))


def half_model(elem_type, weights):
    nodes = [
        helper.make_node("MatMul", ["x", "fc1.weight"], ["h1"], name="/fc1/MatMul"),
        helper.make_node("Relu", ["h1"], ["relu"], name="/fc1/Relu"),
        helper.make_node("MatMul", ["relu", "fc2.weight"], ["h2"], name="/fc2/MatMul"),
        helper.make_node("Tanh", ["h2"], ["tanh"], name="/fc2/Tanh"),
        helper.make_node("MatMul", ["tanh", "head.weight"], ["logits"], name="/head/MatMul"),
        helper.make_node("Softmax", ["logits"], ["y"], name="/head/Softmax", axis=-1),
    ]
    if elem_type == TensorProto.FLOAT16:
        initializers = [numpy_helper.from_array(w.astype(np.float16), name) for name, w in weights.items()]
    else:
        initializers = [helper.make_tensor(name, elem_type, w.shape, w.flatten().tolist())
                        for name, w in weights.items()]
    graph = helper.make_graph(nodes, "half", [helper.make_tensor_value_info("x", elem_type, ["tokens", 4])],
                              [helper.make_tensor_value_info("y", elem_type, ["tokens", 3])], initializers)
    return helper.make_model(graph, opset_imports=OPSET, ir_version=9, producer_name=PRODUCER)


def half_models():
    weights = {"fc1.weight": weight(4, 6), "fc2.weight": weight(6, 6), "head.weight": weight(6, 3)}
    fp16 = half_model(TensorProto.FLOAT16, weights)
    save(fp16, "fp16.onnx")
    x = rng.standard_normal((5, 4)).astype(np.float16)
    golden = run(fp16, {"x": x}, ["relu", "tanh", "y"])
    # float32 arrays holding float16 values exactly, so that a test reads them as float32
    np.savez(os.path.join(OUT, "fp16.npz"), x=x.astype(np.float32), relu=golden["relu"].astype(np.float32),
             tanh=golden["tanh"].astype(np.float32), softmax=golden["y"].astype(np.float32))
    bf16 = half_model(TensorProto.BFLOAT16, weights)
    save(bf16, "bf16.onnx")
    try:
        ort.InferenceSession(bf16.SerializeToString(), providers=["CPUExecutionProvider"])
        raise SystemExit("onnxruntime now runs bfloat16 on the CPU: make bf16.npz golden values and test them")
    except ort.capi.onnxruntime_pybind11_state.NotImplemented as e:
        print("bf16.onnx: onnxruntime CPU cannot run it:", str(e).splitlines()[0][:120])


def einsum_model():
    weights = {name: weight(4, 4) for name in
               ["attn1.query.weight", "attn1.key.weight", "attn1.value.weight",
                "attn2.query.weight", "attn2.key.weight", "attn2.value.weight"]}
    weights["head.weight"] = weight(4, 3)
    def projections(block, source):
        return [helper.make_node("MatMul", [source, f"{block}.{part}.weight"], [f"{block}_{part}"],
                                 name=f"/{block}/{part}/MatMul") for part in ("query", "key", "value")]

    nodes = projections("attn1", "x") + [
        helper.make_node("Einsum", ["attn1_query", "attn1_key"], ["scores1"], name="/attn1/Einsum",
                         equation="id,jd->ij"),
        helper.make_node("Div", ["scores1", "two"], ["scaled1"], name="/attn1/Div"),
        helper.make_node("Softmax", ["scaled1"], ["probs1"], name="/attn1/Softmax", axis=-1),
        helper.make_node("MatMul", ["probs1", "attn1_value"], ["ctx1"], name="/attn1/MatMul"),
    ] + projections("attn2", "ctx1") + [
        helper.make_node("Unsqueeze", ["attn2_query", "one_axis"], ["q_wide"], name="/attn2/Unsqueeze"),
        helper.make_node("Unsqueeze", ["attn2_key", "zero_axis"], ["k_wide"], name="/attn2/Unsqueeze_1"),
        helper.make_node("Mul", ["q_wide", "k_wide"], ["products"], name="/attn2/Mul"),
        helper.make_node("ReduceSum", ["products", "two_axis"], ["scores2"], name="/attn2/ReduceSum",
                         keepdims=0),
        helper.make_node("Softmax", ["scores2"], ["probs2"], name="/attn2/Softmax", axis=-1),
        helper.make_node("Einsum", ["probs2", "attn2_value"], ["ctx2"], name="/attn2/Einsum",
                         equation="ij,jd->id"),
        helper.make_node("MatMul", ["ctx2", "head.weight"], ["logits"], name="/head/MatMul"),
        helper.make_node("Softmax", ["logits"], ["y"], name="/head/Softmax", axis=-1),
    ]
    initializers = [numpy_helper.from_array(w, name) for name, w in weights.items()]
    initializers += [numpy_helper.from_array(np.array(2.0, np.float32), "two"),
                     numpy_helper.from_array(np.array([0], np.int64), "zero_axis"),
                     numpy_helper.from_array(np.array([1], np.int64), "one_axis"),
                     numpy_helper.from_array(np.array([2], np.int64), "two_axis")]
    graph = helper.make_graph(nodes, "einsum", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["tokens", 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["tokens", 3])], initializers)
    model = helper.make_model(graph, opset_imports=OPSET, ir_version=9, producer_name=PRODUCER)
    save(model, "einsum.onnx")
    x = rng.standard_normal((5, 4)).astype(np.float32)
    golden = run(model, {"x": x}, ["probs1", "probs2", "y"])
    np.savez(os.path.join(OUT, "einsum.npz"), x=x, **golden)


def subgraph_model():
    then_branch = helper.make_graph([helper.make_node("Tanh", ["relu"], ["then_out"], name="/branch/Tanh")],
                                    "then", [], [helper.make_tensor_value_info("then_out", TensorProto.FLOAT, None)])
    else_branch = helper.make_graph([helper.make_node("Sigmoid", ["relu"], ["else_out"], name="/branch/Sigmoid")],
                                    "else", [], [helper.make_tensor_value_info("else_out", TensorProto.FLOAT, None)])
    body = helper.make_graph(
        [helper.make_node("Identity", ["cond_in"], ["cond_out"]),
         helper.make_node("Sub", ["state_in", "half"], ["shifted"], name="/loop/Sub"),
         helper.make_node("Relu", ["shifted"], ["state_out"], name="/loop/Relu")],
        "body",
        [helper.make_tensor_value_info("i", TensorProto.INT64, []),
         helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
         helper.make_tensor_value_info("state_in", TensorProto.FLOAT, None)],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
         helper.make_tensor_value_info("state_out", TensorProto.FLOAT, None)])
    nodes = [
        helper.make_node("MatMul", ["x", "fc.weight"], ["h"], name="/fc/MatMul"),
        helper.make_node("Relu", ["h"], ["relu"], name="/fc/Relu"),
        helper.make_node("ReduceSum", ["relu"], ["total"], name="/branch/ReduceSum", keepdims=0),
        helper.make_node("Greater", ["total", "zero"], ["flag"], name="/branch/Greater"),
        helper.make_node("If", ["flag"], ["branched"], name="/branch/If", then_branch=then_branch,
                         else_branch=else_branch),
        helper.make_node("Loop", ["trips", "keep_going", "branched"], ["y"], name="/loop/Loop", body=body),
    ]
    initializers = [numpy_helper.from_array(weight(4, 6), "fc.weight"),
                    numpy_helper.from_array(np.array(2, np.int64), "trips"),
                    numpy_helper.from_array(np.array(True), "keep_going"),
                    numpy_helper.from_array(np.array(0.5, np.float32), "half"),
                    numpy_helper.from_array(np.array(0.0, np.float32), "zero")]
    graph = helper.make_graph(nodes, "subgraph",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["tokens", 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["tokens", 6])], initializers)
    model = helper.make_model(graph, opset_imports=OPSET, ir_version=9, producer_name=PRODUCER)
    save(model, "subgraph.onnx")
    x = rng.standard_normal((5, 4)).astype(np.float32)
    golden = run(model, {"x": x}, ["relu", "flag", "y"])
    assert golden.pop("flag"), "the fixture's inputs take the then-branch"
    np.savez(os.path.join(OUT, "subgraph.npz"), x=x, **golden)


def main():
    os.makedirs(OUT, exist_ok=True)
    half_models()
    einsum_model()
    subgraph_model()
    print("wrote", OUT)


if __name__ == "__main__":
    main()
