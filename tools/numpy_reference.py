#!/usr/bin/env python3
"""The numpy/scipy reference pipeline that `jaynes analyze` is measured against (docs/design.md §5,
"Performance targets"): for every tensor of a safetensors file, what jaynes computes, done the
plain numpy way.

    python3 tools/numpy_reference.py FILE.safetensors [--min-elements N] [--no-ks] [--verbose]

(any Python with numpy and scipy). Per tensor of at least N elements (default 4096, as jaynes):
loads it (np.memmap of the data area; bf16 widened to float32 by a bit shift, as numpy has no
bfloat16), then n, zeros, mean and std of w, mu and sigma of ln|w| over the non-zero values (in
float64), a histogram of ln|w| (4096 bins), and the KS distance of |w| from the lognormal with those
mu and sigma via scipy.stats.kstest (which sorts; --no-ks leaves it out, which is the twenty-line
"moments and histogram" pipeline). Prints one line per tensor with --verbose, and a summary line always. Reads the header with the json module; needs no safetensors package.
"""

import argparse
import json
import math
import struct
import sys
import time

import numpy as np
from scipy import stats

DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "BF16": np.uint16}
HISTOGRAM_BINS = 4096


def tensors(path):
    """Yields (name, dtype name, shape, memmapped values) in data order."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
    header.pop("__metadata__", None)
    start = 8 + length
    for name, entry in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
        dtype = entry["dtype"]
        if dtype not in DTYPES:
            continue
        begin, end = entry["data_offsets"]
        count = (end - begin) // np.dtype(DTYPES[dtype]).itemsize
        values = np.memmap(path, dtype=DTYPES[dtype], mode="r", offset=start + begin, shape=(count,))
        yield name, dtype, entry["shape"], values


def as_float(dtype, values):
    if dtype == "BF16":
        return (values.astype(np.uint32) << 16).view(np.float32)
    return np.asarray(values)


def analyse(dtype, values, with_ks=True):
    w = as_float(dtype, values)
    n = w.size
    zeros = int(np.count_nonzero(w == 0))
    mean = float(np.mean(w, dtype=np.float64))
    std = float(np.std(w, dtype=np.float64))
    magnitude = np.abs(w[w != 0]).astype(np.float64)
    log_abs = np.log(magnitude)
    mu = float(log_abs.mean())
    sigma = float(log_abs.std())
    histogram, _ = np.histogram(log_abs, bins=HISTOGRAM_BINS)
    ks = stats.kstest(magnitude, "lognorm", args=(sigma, 0, math.exp(mu))).statistic if with_ks else math.nan
    return n, zeros, mean, std, mu, sigma, int(histogram.sum()), float(ks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--min-elements", type=int, default=4096)
    parser.add_argument("--no-ks", action="store_true", help="moments and histogram only")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    began = time.perf_counter()
    count = 0
    values_seen = 0
    bytes_seen = 0
    for name, dtype, shape, values in tensors(args.file):
        if values.size < args.min_elements:
            continue
        n, zeros, mean, std, mu, sigma, _, ks = analyse(dtype, values, not args.no_ks)
        count += 1
        values_seen += n
        bytes_seen += values.nbytes
        if args.verbose:
            print(f"{name} {dtype.lower()} {shape} n={n} zeros={zeros} mean={mean:.6g} std={std:.6g} "
                  f"mu={mu:.6f} sigma={sigma:.6f} ks={ks:.6f}")
    seconds = time.perf_counter() - began
    print(f"numpy reference: {count} tensors, {values_seen} values, {bytes_seen} bytes, "
          f"{seconds:.2f} s after imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
