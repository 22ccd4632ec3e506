#!/usr/bin/env python3
"""Writes the GGUF test fixtures with the reference library (the `gguf` package of llama.cpp).

Run from the repository root, in a throwaway venv:

    python3 -m venv /tmp/ggufenv
    /tmp/ggufenv/bin/pip install --no-index --find-links /opt/pypi/files gguf numpy
    /tmp/ggufenv/bin/python tools/make_gguf_fixtures.py

It writes, under jaynes-formats/src/test/resources/gguf/:

    types.gguf          GGUF v3, default alignment (32): metadata of every value type (nested array
                        included), and one tensor of each tensor type jaynes reads: F32, F16, BF16,
                        F64, I8, I16, I32, I64, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K, Q3_K, Q4_K, Q5_K,
                        Q6_K, Q8_K, with llama.cpp tensor names
    v2_align64.gguf     the same writer's output with general.alignment = 64, its version field then
                        set to 2 (v2 and v3 files are identical in little-endian byte order)
    types.values.f32    the reference values of every tensor of types.gguf, as little-endian float32
                        (integer and F64 tensors hold values float32 represents exactly), tensor
                        after tensor
    expected.json       per file: version, alignment, data offset, metadata (key, type, value) and
                        per tensor: name, ggml type, shape (outermost first), the file offset of its
                        data, its first eight values, the float64 sum of its values (math.fsum,
                        correctly rounded) and where its values start in types.values.f32

Reference values: gguf.quants.dequantize for every block type it dequantizes. Q8_K has no
dequantizer in the package; its values are d * q computed here in float32, as ggml's
dequantize_row_q8_K defines them. Q8_0, Q4_0, Q4_1, Q5_0 and Q5_1 tensors are quantized from normal
weights by gguf.quants.quantize (block 0 of the Q8_0 tensor then gets a subnormal scale); the K-quant
blocks are built here from their documented layout with random scales and levels, because the package
only dequantizes them. The output is the same bit for bit on every run (seeded generator, insertion-
ordered metadata).
"""

import json
import math
import os
import struct

import numpy as np
from gguf import GGUFReader, GGUFWriter, GGMLQuantizationType as T, GGUFValueType as V
from gguf import quants

SEED = 20240607
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jaynes-formats", "src", "test", "resources", "gguf")
QK_K = 256


def half(rng, n, scale):
    """n random float16 scales as little-endian bytes, shape (n, 2)."""
    return (rng.standard_normal(n) * scale).astype("<f2").view(np.uint8).reshape(n, 2)


def k_blocks(rng, qtype, n_blocks):
    """Random blocks of a K-quant type, laid out as ggml's block_qN_K structs."""
    u8 = lambda k: rng.integers(0, 256, size=(n_blocks, k), dtype=np.uint8)  # noqa: E731
    if qtype == T.Q2_K:   # scales[16], qs[64], d, dmin
        parts = [u8(16), u8(64), half(rng, n_blocks, 0.01), half(rng, n_blocks, 0.01)]
    elif qtype == T.Q3_K:  # hmask[32], qs[64], scales[12], d
        parts = [u8(32), u8(64), u8(12), half(rng, n_blocks, 0.01)]
    elif qtype == T.Q4_K:  # d, dmin, scales[12], qs[128]
        parts = [half(rng, n_blocks, 0.01), half(rng, n_blocks, 0.01), u8(12), u8(128)]
    elif qtype == T.Q5_K:  # d, dmin, scales[12], qh[32], qs[128]
        parts = [half(rng, n_blocks, 0.01), half(rng, n_blocks, 0.01), u8(12), u8(32), u8(128)]
    elif qtype == T.Q6_K:  # ql[128], qh[64], scales[16] (int8), d
        parts = [u8(128), u8(64), u8(16), half(rng, n_blocks, 0.01)]
    elif qtype == T.Q8_K:  # d (float32), qs[256] (int8), bsums[16] (int16 sums of 16 levels)
        d = (rng.standard_normal(n_blocks) * 0.001).astype("<f4").view(np.uint8).reshape(n_blocks, 4)
        qs = u8(256)
        bsums = qs.view(np.int8).reshape(n_blocks, 16, 16).sum(axis=2, dtype=np.int16).astype("<i2")
        parts = [d, qs, bsums.view(np.uint8).reshape(n_blocks, 32)]
    else:
        raise ValueError(qtype)
    blocks = np.concatenate(parts, axis=1)
    assert blocks.shape[1] == quants.GGML_QUANT_SIZES[qtype][1], qtype
    return blocks


def q8_k_values(blocks):
    d = blocks[:, 0:4].copy().view("<f4").astype(np.float32)
    q = blocks[:, 4:4 + QK_K].copy().view(np.int8).astype(np.float32)
    return (d * q).reshape(-1)


def tensors(rng):
    """(name, numpy shape, ggml type, stored array or bytes, reference float32 values)."""
    result = []

    def plain(name, array):
        qtype = {np.float32: T.F32, np.float16: T.F16, np.float64: T.F64, np.int8: T.I8,
                 np.int16: T.I16, np.int32: T.I32, np.int64: T.I64}[array.dtype.type]
        result.append((name, array.shape, qtype, array, array.astype(np.float32).reshape(-1)))

    def quantized(name, shape, qtype, data):
        stored = quants.quantize(data, qtype)
        if qtype == T.Q8_0:
            stored[0, 0:2] = np.array([1, 0], dtype=np.uint8)  # block 0: d = smallest subnormal half
        result.append((name, shape, qtype, stored, quants.dequantize(stored, qtype).reshape(-1)))

    def k_quant(name, shape, qtype):
        n_blocks = shape[0] * shape[1] // QK_K
        blocks = k_blocks(rng, qtype, n_blocks)
        stored = blocks.reshape(shape[0], -1)
        values = q8_k_values(blocks) if qtype == T.Q8_K else quants.dequantize(stored, qtype).reshape(-1)
        result.append((name, shape, qtype, stored, values))

    normal = lambda shape, scale: (rng.standard_normal(shape) * scale).astype(np.float32)  # noqa: E731
    plain("token_embd.weight", normal((8, 64), 0.05))
    plain("blk.0.attn_norm.weight", normal((64,), 0.1) + np.float32(1))
    f16 = normal((16, 64), 0.05).astype(np.float16)
    f16.flat[0:3] = np.array([65504.0, -2.0 ** -24, -0.0], dtype=np.float16)
    plain("blk.0.attn_q.weight", f16)
    bf16 = quants.quantize(normal((16, 64), 0.05), T.BF16)
    result.append(("blk.0.attn_k.weight", (16, 64), T.BF16, bf16, quants.dequantize(bf16, T.BF16).reshape(-1)))
    quantized("blk.0.attn_v.weight", (16, 64), T.Q8_0, normal((16, 64), 0.05))
    quantized("blk.0.attn_output.weight", (16, 64), T.Q4_0, normal((16, 64), 0.05))
    quantized("blk.0.ffn_gate.weight", (16, 64), T.Q4_1, normal((16, 64), 0.05))
    quantized("blk.0.ffn_up.weight", (16, 64), T.Q5_0, normal((16, 64), 0.05))
    quantized("blk.0.ffn_down.weight", (16, 64), T.Q5_1, normal((16, 64), 0.05))
    k_quant("blk.1.attn_q.weight", (2, 512), T.Q2_K)
    k_quant("blk.1.attn_k.weight", (2, 512), T.Q3_K)
    k_quant("blk.1.attn_v.weight", (4, 512), T.Q4_K)
    k_quant("blk.1.attn_output.weight", (2, 512), T.Q5_K)
    k_quant("blk.1.ffn_down.weight", (2, 512), T.Q6_K)
    k_quant("blk.1.ffn_up.weight", (2, 512), T.Q8_K)
    plain("output_norm.weight", normal((64,), 0.1).astype(np.float64))
    plain("output.weight", normal((8, 64), 0.05))
    plain("extra.i8", rng.integers(-128, 128, size=(4, 8), dtype=np.int8))
    plain("extra.i16", rng.integers(-32768, 32768, size=(4, 8), dtype=np.int16))
    plain("extra.i32", rng.integers(-2 ** 20, 2 ** 20, size=(4, 8), dtype=np.int32))
    plain("extra.i64", rng.integers(-2 ** 20, 2 ** 20, size=(2, 2, 8), dtype=np.int64))
    return result


METADATA = [
    ("test.uint8", V.UINT8, 200),
    ("test.int8", V.INT8, -100),
    ("test.uint16", V.UINT16, 60000),
    ("test.int16", V.INT16, -30000),
    ("test.uint32", V.UINT32, 4000000000),
    ("test.int32", V.INT32, -2000000000),
    ("test.float32", V.FLOAT32, 0.1),
    ("test.bool", V.BOOL, True),
    ("test.string", V.STRING, "h\u00e9llo, w\u00f6rld \u2603"),
    ("test.uint64", V.UINT64, 18000000000000000000),
    ("test.int64", V.INT64, -9000000000000000000),
    ("test.float64", V.FLOAT64, -2.5e-300),
    ("test.array.int32", V.ARRAY, [1, -2, 3]),
    ("test.array.string", V.ARRAY, ["a", "", "\u00fc"]),
    ("test.array.float32", V.ARRAY, [0.5, -1.25]),
    ("test.array.nested", V.ARRAY, [[1, 2], [3]]),
    ("general.name", V.STRING, "jaynes fixture"),
    ("general.file_type", V.UINT32, 7),
]


def write(path, items, metadata, alignment=None):
    writer = GGUFWriter(path, "llama")
    if alignment is not None:
        writer.add_custom_alignment(alignment)
    for key, vtype, value in metadata:
        writer.add_key_value(key, value, vtype)
    for name, shape, qtype, stored, _ in items:
        if qtype in (T.F32, T.F16, T.F64, T.I8, T.I16, T.I32, T.I64):
            writer.add_tensor(name, stored)
        else:
            writer.add_tensor(name, stored, raw_dtype=qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def json_value(vtype, value):
    if vtype == V.FLOAT32:
        return float(np.float32(value))
    if vtype == V.ARRAY and isinstance(value, list) and value and isinstance(value[0], float):
        return [float(np.float32(v)) for v in value]
    return value


def type_name(vtype, value):
    """The value's type as jaynes names it: UINT8 ... FLOAT64, ARRAY[INT32], ARRAY[ARRAY[INT32]]."""
    if vtype != V.ARRAY:
        return vtype.name
    return "ARRAY[" + type_name(V.get_type(value[0]), value[0]) + "]"


def describe(path, items, metadata, values_offsets):
    reader = GGUFReader(path)
    version = int(reader.fields["GGUF.version"].parts[-1][0])
    alignment = int(reader.alignment)
    names = [t.name for t in reader.tensors]
    assert names == [i[0] for i in items], names
    all_metadata = [("general.architecture", V.STRING, "llama")]
    if alignment != 32:
        all_metadata.append(("general.alignment", V.UINT32, alignment))
    all_metadata += metadata
    assert [f for f in reader.fields if not f.startswith("GGUF.")] == [m[0] for m in all_metadata]
    rows = []
    for (name, shape, qtype, _, values), read in zip(items, reader.tensors):
        assert read.tensor_type == qtype, (name, read.tensor_type)
        assert tuple(int(d) for d in reversed(read.shape.tolist())) == tuple(shape), (name, read.shape)
        if qtype in (T.F32, T.F16, T.BF16) or qtype.name.startswith("Q"):
            expected = quants.dequantize(np.asarray(read.data).view(np.uint8).reshape(-1), qtype) \
                if qtype != T.Q8_K else q8_k_values(np.asarray(read.data).view(np.uint8).reshape(-1, 292))
            assert np.array_equal(np.asarray(expected, dtype=np.float32).reshape(-1).view(np.uint32),
                                  values.view(np.uint32)), name
        rows.append({
            "name": name,
            "type": qtype.name,
            "shape": list(shape),
            "data_offset": int(read.data_offset),
            "first": [float(v) for v in values[:8]],
            "sum": math.fsum(float(v) for v in values),
            "values_offset": values_offsets[name],
            "count": int(values.size),
        })
    return {
        "version": version,
        "alignment": alignment,
        "data_offset": int(reader.data_offset),
        "metadata": [{"key": k, "type": type_name(t, v), "value": json_value(t, v)} for k, t, v in all_metadata],
        "tensors": rows,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    items = tensors(rng)

    types_path = os.path.join(OUT, "types.gguf")
    write(types_path, items, METADATA)
    small = [items[0], items[5]]  # an F32 and a Q4_0 tensor
    v2_path = os.path.join(OUT, "v2_align64.gguf")
    write(v2_path, small, [("general.name", V.STRING, "version 2")], alignment=64)
    with open(v2_path, "r+b") as f:
        f.seek(4)
        f.write(struct.pack("<I", 2))

    offsets = {}
    with open(os.path.join(OUT, "types.values.f32"), "wb") as f:
        for item in items:
            offsets[item[0]] = f.tell() // 4
            f.write(item[4].astype("<f4").tobytes())
    expected = {
        "values_file": "types.values.f32",
        "types.gguf": describe(types_path, items, METADATA, offsets),
        "v2_align64.gguf": describe(v2_path, small, [("general.name", V.STRING, "version 2")], offsets),
    }
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
