#!/usr/bin/env python3
"""Writes the TFLite test models of jaynes-formats and the values the reference library reads from them.

Tiny Keras models with seeded weights are converted by tf.lite.TFLiteConverter (TensorFlow 2.21) into
jaynes-formats/src/test/resources/tflite/:

  float32.tflite        conv, depthwise conv, dense: fp32 weights
  float16.tflite        the same converted with supported_types=[float16]: fp16 weights feeding DEQUANTIZE
  dynamic_int8.tflite   dynamic-range quantization: int8 weights, per channel for conv, per tensor for dense
  full_int8.tflite      full-integer quantization from a representative data set: int8 weights per
                        channel, int32 biases, int8 inputs and outputs
  sparse_f32.tflite     EXPERIMENTAL_SPARSITY on a dense layer with 80% zeros: a CSR-sparse fp32 weight
                        feeding DENSIFY
  sparse_int8.tflite    sparsity plus full-integer quantization: a sparse int8 weight, per channel
  block_sparse.tflite   EXPERIMENTAL_SPARSITY on zeros in blocks of 4: a 1x4-block-sparse fp32 weight read
                        by FULLY_CONNECTED directly (no DENSIFY; its expected values are the Keras kernel,
                        transposed to tflite's [out, in])
  buffer_offset.tflite  _experimental_use_buffer_offset: weights stored after the flatbuffer at offset/size

expected.json lists, per model, every tensor whose buffer holds bytes (found with tflite's generated
schema), with the values the TFLite interpreter gives: get_tensor() for dense tensors; for sparse ones the
output of the DENSIFY operator reading them (the interpreter keeps it with experimental_preserve_all_tensors).
Quantized tensors are dequantized in numpy as tflite's reference DEQUANTIZE kernel does,
float32(float64(scale[c]) * (q - zero_point[c])). For each tensor: the jaynes dtype it is read as, its
shape, its first values, the float64 sum, and the CRC-32 of its values as little-endian bytes of that dtype
(so the Java test checks every value bit for bit).

Run: python3 -m venv /tmp/tfenv && /tmp/tfenv/bin/pip install --no-index --find-links /opt/pypi/files \
       tensorflow-cpu numpy && /tmp/tfenv/bin/python tools/make_tflite_fixtures.py
"""
import json
import math
import os
import zlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from tensorflow.lite.python import schema_py_generated as schema  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "jaynes-formats", "src", "test", "resources", "tflite")
FIRST = 8
SEED = 20240611


def conv_model(rng):
    inputs = tf.keras.Input((8, 8, 2), batch_size=1)
    x = tf.keras.layers.Conv2D(4, 3, name="conv")(inputs)
    x = tf.keras.layers.DepthwiseConv2D(3, name="depthwise")(x)
    x = tf.keras.layers.Flatten()(x)
    x = tf.keras.layers.Dense(64, name="hidden")(x)
    outputs = tf.keras.layers.Dense(3, name="head")(x)
    model = tf.keras.Model(inputs, outputs)
    for layer in model.layers:
        layer.set_weights([rng.standard_normal(w.shape).astype(np.float32) * 0.3 for w in layer.get_weights()])
    return model


def sparse_model(rng, blocks):
    """A dense layer with 80% zero weights: scattered, or in blocks of 4 inputs (the converter then picks 1x4
    blocks and FULLY_CONNECTED reads the sparse weight itself, without DENSIFY)."""
    inputs = tf.keras.Input((16,), batch_size=1)
    dense = tf.keras.layers.Dense(32, name="sparse_dense")
    model = tf.keras.Model(inputs, dense(inputs))
    kernel = rng.standard_normal((16, 32)).astype(np.float32)
    if blocks:
        kernel[np.repeat(rng.random((4, 32)) < 0.8, 4, axis=0)] = 0
    else:
        kernel[rng.random((16, 32)) < 0.8] = 0
    dense.set_weights([kernel, rng.standard_normal(32).astype(np.float32)])
    return model


def representative(rng, shape):
    def generate():
        for _ in range(32):
            yield [rng.standard_normal(shape).astype(np.float32)]
    return generate


def convert(model, rng, shape, kind):
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if kind == "float16":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.target_spec.supported_types = [tf.float16]
    elif kind == "dynamic_int8":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    elif kind in ("full_int8", "sparse_int8"):
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        if kind == "sparse_int8":
            converter.optimizations.append(tf.lite.Optimize.EXPERIMENTAL_SPARSITY)
        converter.representative_dataset = representative(rng, shape)
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
        converter.inference_input_type = tf.int8
        converter.inference_output_type = tf.int8
    elif kind in ("sparse_f32", "block_sparse"):
        converter.optimizations = [tf.lite.Optimize.EXPERIMENTAL_SPARSITY]
    elif kind == "buffer_offset":
        converter._experimental_use_buffer_offset = True
    return converter.convert()


def constants(flatbuffer):
    """(subgraph-0 tensor index, TensorT) of every tensor whose buffer holds bytes, in tensor order."""
    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(flatbuffer, 0))
    found = []
    for index, tensor in enumerate(model.subgraphs[0].tensors):
        buffer = model.buffers[tensor.buffer]
        if (buffer.data is not None and len(buffer.data) > 0) or (buffer.offset or 0) > 1:
            found.append((index, tensor))
    return model, found


def densified(flatbuffer):
    """The dense value of each sparse tensor: the output of the DENSIFY operator that reads it."""
    model, _ = constants(flatbuffer)
    # without XNNPACK, which would take DENSIFY over and keep nothing in its output tensor
    interpreter = tf.lite.Interpreter(
        model_content=flatbuffer, experimental_preserve_all_tensors=True,
        experimental_op_resolver_type=tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES)
    interpreter.allocate_tensors()
    for detail in interpreter.get_input_details():
        interpreter.set_tensor(detail["index"], np.zeros(detail["shape"], detail["dtype"]))
    interpreter.invoke()
    codes = [max(c.builtinCode, c.deprecatedBuiltinCode) for c in model.operatorCodes]
    result = {}
    for operator in model.subgraphs[0].operators:
        if codes[operator.opcodeIndex] == schema.BuiltinOperator.DENSIFY:
            result[int(operator.inputs[0])] = interpreter.get_tensor(int(operator.outputs[0]))
    return result


def expected(name, flatbuffer, source=None):
    """The sidecar entry of a model; source: the Keras layer of a sparse weight that no DENSIFY reads."""
    model, found = constants(flatbuffer)
    interpreter = tf.lite.Interpreter(model_content=flatbuffer)
    interpreter.allocate_tensors()
    dense = densified(flatbuffer)
    for index, tensor in found:
        if tensor.sparsity is not None and index not in dense:
            dense[index] = source.get_weights()[0].T
    details = {d["index"]: d for d in interpreter.get_tensor_details()}
    tensors = []
    for index, tensor in found:
        values = dense[index] if index in dense else interpreter.get_tensor(index)
        quantization = details[index]["quantization_parameters"]
        scales = quantization["scales"]
        if len(scales) > 0 and values.dtype.kind in "iu":
            dimension = quantization["quantized_dimension"] if len(scales) > 1 else 0
            shape = [1] * values.ndim
            if len(scales) > 1:
                shape[dimension] = len(scales)
            scale = np.asarray(scales, np.float64).reshape(shape)
            zero = np.asarray(quantization["zero_points"], np.int64).reshape(shape)
            values = (scale * (values.astype(np.int64) - zero)).astype(np.float32)
        dtype = {np.float32: "f32", np.float16: "f16", np.int32: "i32", np.int64: "i64", np.int8: "i8",
                 np.uint8: "u8"}[values.dtype.type]
        flat = values.reshape(-1)
        tensors.append({
            "name": tensor.name.decode(),
            "dtype": dtype,
            "shape": [int(d) for d in tensor.shape],
            "sparse": tensor.sparsity is not None,
            "first": [float(v) for v in flat[:FIRST]],
            "sum": math.fsum(float(v) for v in flat),
            "crc32": zlib.crc32(flat.astype(flat.dtype.newbyteorder("<")).tobytes()),
        })
    return {"file": name, "tensors": tensors}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    tf.keras.utils.set_random_seed(SEED)
    conv = conv_model(rng)
    sparse = sparse_model(rng, blocks=False)
    blocked = sparse_model(rng, blocks=True)
    models = {}
    for kind in ("float32", "float16", "dynamic_int8", "full_int8", "buffer_offset"):
        models[kind] = convert(conv, rng, (1, 8, 8, 2), kind)
    for kind in ("sparse_f32", "sparse_int8"):
        models[kind] = convert(sparse, rng, (1, 16), kind)
    models["block_sparse"] = convert(blocked, rng, (1, 16), "block_sparse")
    # the interpreter's DENSIFY gives back the Keras kernel exactly
    kernel = sparse.get_layer("sparse_dense").get_weights()[0].T
    assert [np.array_equal(v, kernel) for v in densified(models["sparse_f32"]).values()] == [True]
    entries = []
    for kind, flatbuffer in models.items():
        name = kind + ".tflite"
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(flatbuffer)
        entries.append(expected(name, flatbuffer, blocked.get_layer("sparse_dense")))
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"generator": "tools/make_tflite_fixtures.py", "tensorflow": tf.__version__,
                   "models": entries}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
