#!/usr/bin/env python3
"""Writes the safetensors test fixtures with the reference library (Hugging Face `safetensors`).

Run from the repository root:

    /opt/jvenv/bin/python tools/make_safetensors_fixtures.py

(any Python with numpy, ml_dtypes and safetensors will do). It writes, under
jaynes-formats/src/test/resources/safetensors/:

    mixed.safetensors               f64, f32, f16, bf16 and i8 tensors: a scalar, an empty tensor,
                                    rank 1 to 3, with a __metadata__ entry
    sharded/model-0000N-of-00002.safetensors
    sharded/model.safetensors.index.json    the weight_map as transformers writes it
    expected.json                   per file and tensor: name, dtype, shape, the first three values
                                    as float64 and their float64 sum (math.fsum, correctly rounded)

The output is the same bit for bit on every run: the values come from a seeded generator, and the
metadata has a single key because the library writes metadata keys in hash-map order.
"""

import json
import math
import os

import ml_dtypes
import numpy as np
from safetensors.numpy import save_file

SEED = 20240601
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jaynes-formats", "src", "test", "resources", "safetensors")
METADATA = {"format": "pt"}


def normal(rng, shape, dtype, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(dtype)


def mixed_tensors(rng):
    """Every supported floating width, an integer type, a scalar, an empty and a rank-3 tensor."""
    f16 = normal(rng, (32, 16), np.float16, 0.05)
    # half-precision edge values first, so the test's decoder meets them in the first three values:
    # the largest finite half, the smallest subnormal (negative), and negative zero
    f16.flat[0:3] = np.array([65504.0, -2.0 ** -24, -0.0], dtype=np.float16)
    bf16 = normal(rng, (32, 16), np.float32, 0.02).astype(ml_dtypes.bfloat16)
    bf16.flat[0] = ml_dtypes.bfloat16(-3.0e38)  # near the bf16 (and f32) range limit
    return {
        "embeddings.word_embeddings.weight": f16,
        "embeddings.LayerNorm.weight": normal(rng, (16,), np.float16, 0.1) + np.float16(1.0),
        "encoder.layer.0.attention.self.query.weight": normal(rng, (16, 16), np.float32, 0.1),
        "encoder.layer.0.attention.self.query.bias": normal(rng, (16,), np.float32, 0.01),
        "encoder.layer.0.intermediate.dense.weight": bf16,
        "encoder.layer.0.output.dense.weight": normal(rng, (16, 32), np.float64, 0.1),
        "conv1.weight": normal(rng, (4, 3, 5), np.float32, 0.2),
        "quantized.weight": rng.integers(-128, 128, size=(8, 8), dtype=np.int8),
        "logit_scale": np.array(2.6592, dtype=np.float32),
        "unused.weight": np.zeros((2, 0), dtype=np.float32),
    }


def sharded_tensors(rng):
    shards = {}
    for layer in range(2):
        prefix = f"model.layers.{layer}."
        shards[f"model-{layer + 1:05d}-of-00002.safetensors"] = {
            prefix + "self_attn.q_proj.weight": normal(rng, (8, 8), np.float32, 0.1),
            prefix + "self_attn.k_proj.weight": normal(rng, (8, 8), np.float32, 0.1),
            prefix + "mlp.up_proj.weight": normal(rng, (16, 8), np.float32, 0.1).astype(ml_dtypes.bfloat16),
            prefix + "input_layernorm.weight": normal(rng, (8,), np.float32, 0.1).astype(np.float16),
        }
    return shards


def dtype_name(array):
    return {
        "float64": "F64", "float32": "F32", "float16": "F16", "bfloat16": "BF16", "int8": "I8",
    }[array.dtype.name]


def expectations(tensors):
    """What the Java test checks: the values the reference library was given, read back as float64."""
    rows = []
    for name, array in tensors.items():
        values = [float(v) for v in np.asarray(array, dtype=np.float64).ravel()]
        rows.append({
            "name": name,
            "dtype": dtype_name(array),
            "shape": list(array.shape),
            "first": values[:3],
            "sum": math.fsum(values),
        })
    return rows


def main():
    rng = np.random.default_rng(SEED)
    os.makedirs(os.path.join(OUT, "sharded"), exist_ok=True)
    expected = {"seed": SEED, "metadata": METADATA, "files": {}}

    mixed = mixed_tensors(rng)
    save_file(mixed, os.path.join(OUT, "mixed.safetensors"), metadata=METADATA)
    expected["files"]["mixed.safetensors"] = expectations(mixed)

    weight_map = {}
    total_size = 0
    for shard, tensors in sharded_tensors(rng).items():
        save_file(tensors, os.path.join(OUT, "sharded", shard), metadata=METADATA)
        expected["files"]["sharded/" + shard] = expectations(tensors)
        for name, array in tensors.items():
            weight_map[name] = shard
            total_size += array.nbytes
    index = {"metadata": {"total_size": total_size}, "weight_map": dict(sorted(weight_map.items()))}
    with open(os.path.join(OUT, "sharded", "model.safetensors.index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=2)
        f.write("\n")

    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
