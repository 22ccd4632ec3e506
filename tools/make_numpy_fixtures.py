#!/usr/bin/env python3
"""Writes the NumPy test fixtures with numpy itself (np.save, np.lib.format.write_array, np.savez,
np.savez_compressed).

Run from the repository root:

    /opt/jvenv/bin/python tools/make_numpy_fixtures.py

(any Python with numpy will do). It writes, under jaynes-formats/src/test/resources/numpy/:

    <descr>.npy         one array per accepted dtype, little-endian: f8, f4, f2, i8, i4, i2, i1, u2, u1, b1
    big_<descr>.npy     big-endian f8, f4, f2, i4 and u2 arrays (the reader converts them)
    fortran.npy         a Fortran-order (column-major) float32 array
    version2.npy        format version 2.0 (4-byte header length)
    version3.npy        format version 3.0 (UTF-8 header)
    scalar.npy          a 0-d float64 array
    empty.npy           a float32 array of shape (0, 5)
    stored.npz          np.savez: positional and named arrays, one named "layer1/weight"
    compressed.npz      np.savez_compressed: the same arrays plus a larger compressible one
    expected.json       per file and array: the descr, fortran_order and shape numpy wrote, and the
                        values in file order (column-major for Fortran order) as float64; the larger
                        array only has its first values, its length and its float64 sum (math.fsum)

The output is the same bit for bit on every run with the same zlib: values come from a seeded
generator and the zip timestamps are pinned.
"""

import json
import math
import os
import time

os.environ["TZ"] = "UTC"
time.tzset()
_FIXED_TIME = 1_700_000_000.0
time.time = lambda: _FIXED_TIME  # zipfile stamps entries with time.time(); pin it  # noqa: E731

import numpy as np  # noqa: E402

SEED = 20240608
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jaynes-formats", "src", "test", "resources", "numpy")
FULL_LIMIT = 4096


def values(array):
    """The values in file order as Python floats (bools as 0/1)."""
    order = "F" if array.flags.f_contiguous and not array.flags.c_contiguous else "C"
    return [float(v) for v in np.ravel(array, order=order).astype(np.float64)]


def record(array):
    header = np.lib.format.header_data_from_array_1_0(array)
    flat = values(array)
    row = {
        "descr": header["descr"],
        "fortran_order": bool(header["fortran_order"]),
        "shape": list(header["shape"]),
        "count": len(flat),
        "sum": math.fsum(flat),
        "first": flat[:8],
    }
    if len(flat) <= FULL_LIMIT:
        row["values"] = flat
    return row


def arrays(rng):
    normal = lambda shape, dtype, scale=1.0: (rng.standard_normal(shape) * scale).astype(dtype)  # noqa: E731
    f2 = normal((6, 7), np.float16, 0.1)
    f2.flat[0:3] = np.array([65504.0, -2.0 ** -24, -0.0], dtype=np.float16)
    return {
        "f8": normal((5, 3), "<f8"),
        "f4": normal((3, 4, 2), "<f4", 0.05),
        "f2": f2,
        "i8": rng.integers(-2 ** 62, 2 ** 62, size=(4, 2), dtype="<i8"),
        "i4": rng.integers(-2 ** 31, 2 ** 31, size=(9,), dtype="<i4"),
        "i2": rng.integers(-2 ** 15, 2 ** 15, size=(3, 3), dtype="<i2"),
        "i1": rng.integers(-128, 128, size=(2, 8), dtype=np.int8),
        "u2": rng.integers(0, 2 ** 16, size=(2, 5), dtype="<u2"),
        "u1": rng.integers(0, 256, size=(11,), dtype=np.uint8),
        "b1": rng.integers(0, 2, size=(3, 5)).astype(np.bool_),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    expected = {}

    def save(name, array, version=None):
        path = os.path.join(OUT, name)
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)
        loaded = np.load(path)
        assert loaded.dtype == array.dtype and loaded.shape == array.shape, name
        expected[name] = [dict(record(array), name=os.path.splitext(name)[0])]

    plain = arrays(rng)
    for key, array in plain.items():
        save(key + ".npy", array)
    for key in ("f8", "f4", "f2", "i4", "u2"):
        save("big_" + key + ".npy", plain[key].astype(plain[key].dtype.newbyteorder(">")))
    save("fortran.npy", np.asfortranarray((rng.standard_normal((4, 3)) * 0.1).astype("<f4")))
    save("version2.npy", (rng.standard_normal((2, 3)) * 0.1).astype("<f4"), version=(2, 0))
    save("version3.npy", (rng.standard_normal((3, 2)) * 0.1).astype("<f4"), version=(3, 0))
    save("scalar.npy", np.array(2.5, dtype="<f8"))
    save("empty.npy", np.zeros((0, 5), dtype="<f4"))

    named = {
        "arr_0": (rng.standard_normal((4, 4)) * 0.1).astype("<f4"),
        "layer1/weight": (rng.standard_normal((3, 5)) * 0.1).astype("<f2"),
        "bias": rng.integers(-100, 100, size=(5,), dtype="<i8"),
        "big_endian": (rng.standard_normal((2, 3))).astype(">f4"),
    }
    stored = os.path.join(OUT, "stored.npz")
    np.savez(stored, named["arr_0"], **{k: v for k, v in named.items() if k != "arr_0"})
    # a larger entry that compresses well: values on a coarse grid, so windows cross many deflate blocks
    large = (np.round(rng.standard_normal(50_000) * 4) / 16).astype("<f4")
    compressed = os.path.join(OUT, "compressed.npz")
    np.savez_compressed(compressed, named["arr_0"], large=large,
                        **{k: v for k, v in named.items() if k != "arr_0"})
    for path, contents in ((stored, named), (compressed, dict(named, large=large))):
        loaded = np.load(path)
        rows = []
        for key in loaded.files:
            assert np.array_equal(loaded[key], contents[key]), key
            rows.append(dict(record(contents[key]), name=key))
        expected[os.path.basename(path)] = rows

    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
