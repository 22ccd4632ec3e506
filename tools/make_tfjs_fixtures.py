#!/usr/bin/env python3
"""Writes the TF.js test models of jaynes-formats and the values tfjs-core would decode from them.

The tensorflowjs converter is not installable here, so the files are written with numpy following the
format tfjs-core reads (tfjs-core/src/io/io_utils.ts decodeWeights, types.ts WeightsManifestEntry):
model.json holds a "weightsManifest", a list of groups {paths, weights}; a group's weights are stored
back to back, little-endian, in manifest order, across its shard files taken one after the other.
Quantization follows tensorflowjs's quantization.py: uint8/uint16 levels q with scale = (max - min) /
(2^bits - 1) and min nudged to a multiple of scale, dequantized as q * scale + min; float16 stores the
values as IEEE half floats. Into jaynes-formats/src/test/resources/tfjs/:

  graph/model.json      a graph model, two groups:
                          group 1 (3 shards of 640 bytes, so weights straddle shard files): float32
                          conv and dense weights, an int32 constant, a bool constant, a string table
                          (stepped over: it holds no numbers) and a complex64 constant
                          group 2 (1 shard): uint8, uint16 and float16 quantized float32 weights and a
                          uint8-quantized int32 weight (decoded with Math.round)
  layers/model.json     a layers model (Keras topology), one group of float32 kernels and biases

expected.json lists, per model, every weight jaynes reads (strings left out) with the dtype jaynes hands
it over as, its shape, its first values, the float64 sum and the CRC-32 of its values as little-endian
bytes of that dtype. Decoded values are computed as JavaScript does: float32(float64(q) * scale + min),
Math.round(q * scale + min) for int32.

Run: python3 tools/make_tfjs_fixtures.py (numpy only)
"""
import json
import math
import os
import zlib

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "jaynes-formats", "src", "test", "resources", "tfjs")
SEED = 20240612
FIRST = 8
SHARD_BYTES = 640


def quantize(values, bits):
    """(levels, scale, min) as tensorflowjs's quantization.py computes them."""
    dtype = np.uint8 if bits == 8 else np.uint16
    low, high = float(values.min()), float(values.max())
    levels_max = (1 << bits) - 1
    scale = (high - low) / levels_max if high > low else 1.0
    nudged_min = round(low / scale) * scale
    nudged_max = nudged_min + scale * levels_max
    levels = np.round((np.clip(values, nudged_min, nudged_max) - nudged_min) / scale).astype(dtype)
    return levels, scale, nudged_min


class Group:
    def __init__(self, prefix):
        self.prefix = prefix
        self.data = bytearray()
        self.weights = []
        self.expected = []

    def add(self, name, values, dtype, stored=None, quantization=None, expected=None):
        """values: the weight as tfjs holds it; stored: the bytes written; expected: what jaynes reads."""
        entry = {"name": name, "shape": list(values.shape), "dtype": dtype}
        if quantization:
            entry["quantization"] = quantization
        self.weights.append(entry)
        self.data += stored if stored is not None else values.astype(values.dtype.newbyteorder("<")).tobytes()
        if expected is not None:
            label, array, shape = expected
            flat = array.reshape(-1)
            self.expected.append({
                "name": name, "dtype": label, "shape": shape,
                "first": [float(v) for v in flat[:FIRST]],
                "sum": math.fsum(float(v) for v in flat),
                "crc32": zlib.crc32(flat.astype(flat.dtype.newbyteorder("<")).tobytes()),
            })

    def write(self, folder, shard_bytes):
        pieces = [self.data[i:i + shard_bytes] for i in range(0, len(self.data), shard_bytes)] or [b""]
        paths = ["%s-shard%dof%d.bin" % (self.prefix, i + 1, len(pieces)) for i in range(len(pieces))]
        for path, piece in zip(paths, pieces):
            with open(os.path.join(folder, path), "wb") as f:
                f.write(piece)
        return {"paths": paths, "weights": self.weights}


def graph_model(rng, folder):
    first = Group("group1")
    conv = (rng.standard_normal((3, 3, 2, 4)) * 0.2).astype(np.float32)
    first.add("StatefulPartitionedCall/model/conv2d/Conv2D/ReadVariableOp", conv, "float32",
              expected=("f32", conv, [3, 3, 2, 4]))
    shape = np.array([1, -1], np.int32)
    first.add("StatefulPartitionedCall/model/flatten/Const", shape, "int32", expected=("i32", shape, [2]))
    mask = rng.random((5,)) < 0.5
    first.add("StatefulPartitionedCall/model/mask", mask, "bool", stored=mask.astype(np.uint8).tobytes(),
              expected=("bool", mask.astype(np.uint8), [5]))
    words = [b"alpha", b"", b"gamma delta"]
    stored = b"".join(np.uint32(len(w)).astype("<u4").tobytes() + w for w in words)
    first.add("StatefulPartitionedCall/model/vocabulary", np.array(words, dtype=object), "string", stored=stored)
    dense = (rng.standard_normal((36, 10)) * 0.1).astype(np.float32)
    first.add("StatefulPartitionedCall/model/dense/MatMul/ReadVariableOp", dense, "float32",
              expected=("f32", dense, [36, 10]))
    complex_values = (rng.standard_normal((3,)) + 1j * rng.standard_normal((3,))).astype(np.complex64)
    interleaved = np.stack([complex_values.real, complex_values.imag], axis=-1).astype(np.float32)
    first.add("StatefulPartitionedCall/model/fft/Const", complex_values, "complex64",
              stored=interleaved.astype("<f4").tobytes(), expected=("f32", interleaved, [3, 2]))

    second = Group("group2")
    for bits, name in ((8, "uint8"), (16, "uint16")):
        weights = (rng.standard_normal((4, 6)) * 0.5).astype(np.float32)
        levels, scale, low = quantize(weights, bits)
        decoded = (levels.astype(np.float64) * scale + low).astype(np.float32)
        second.add("StatefulPartitionedCall/model/dense_%s/MatMul/ReadVariableOp" % name, weights, "float32",
                   stored=levels.astype(levels.dtype.newbyteorder("<")).tobytes(),
                   quantization={"dtype": name, "min": low, "scale": scale, "original_dtype": "float32"},
                   expected=("f32", decoded, [4, 6]))
    half = (rng.standard_normal((2, 3, 4)) * 0.3).astype(np.float16)
    second.add("StatefulPartitionedCall/model/conv2d_1/Conv2D/ReadVariableOp", half.astype(np.float32), "float32",
               stored=half.astype("<f2").tobytes(), quantization={"dtype": "float16"},
               expected=("f16", half, [2, 3, 4]))
    counts = np.array([3, 7, 250, 1000, 12], np.int32)
    levels, scale, low = quantize(counts.astype(np.float64), 8)
    rounded = np.array([math.floor(v + 0.5) for v in levels.astype(np.float64) * scale + low], np.int32)
    second.add("StatefulPartitionedCall/model/counts", counts, "int32", stored=levels.tobytes(),
               quantization={"dtype": "uint8", "min": low, "scale": scale, "original_dtype": "int32"},
               expected=("i32", rounded, [5]))

    manifest = [first.write(folder, SHARD_BYTES), second.write(folder, 1 << 20)]
    model = {
        "format": "graph-model",
        "generatedBy": "tools/make_tfjs_fixtures.py",
        "convertedBy": None,
        "modelTopology": {"node": [{"name": w["name"], "op": "Const"} for g in manifest for w in g["weights"]]},
        "weightsManifest": manifest,
    }
    return model, first.expected + second.expected


def layers_model(rng, folder):
    group = Group("group1")
    for name, shape in (("dense/kernel", (8, 4)), ("dense/bias", (4,)), ("dense_1/kernel", (4, 2)),
                        ("dense_1/bias", (2,))):
        values = (rng.standard_normal(shape) * 0.3).astype(np.float32)
        group.add(name, values, "float32", expected=("f32", values, list(shape)))
    layers = [{"class_name": "Dense", "config": {"name": "dense", "units": 4, "batch_input_shape": [None, 8]}},
              {"class_name": "Dense", "config": {"name": "dense_1", "units": 2}}]
    model = {
        "format": "layers-model",
        "generatedBy": "tools/make_tfjs_fixtures.py",
        "modelTopology": {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}},
        "weightsManifest": [group.write(folder, 1 << 20)],
    }
    return model, group.expected


def main():
    rng = np.random.default_rng(SEED)
    models = []
    for name, build in (("graph", graph_model), ("layers", layers_model)):
        folder = os.path.join(OUT, name)
        os.makedirs(folder, exist_ok=True)
        model, weights = build(rng, folder)
        with open(os.path.join(folder, "model.json"), "w") as f:
            json.dump(model, f, indent=1)
            f.write("\n")
        models.append({"file": name + "/model.json", "tensors": weights})
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"generator": "tools/make_tfjs_fixtures.py", "models": models}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
