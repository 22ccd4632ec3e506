#!/usr/bin/env python3
"""Golden values of the survey's universality test (one-way ANOVA of sigma by model, within a role).

Usage:  python3 tools/survey_golden.py > jaynes-core/src/test/resources/golden/anova.json
Needs numpy and scipy. Each case: groups of sigma values (one group per model), and scipy.stats.f_oneway's
F and p, with the spread of the group means (ddof 1) and the pooled within-group standard deviation.
"""
import json

import numpy as np
from scipy import stats


def case(name, groups):
    f, p = stats.f_oneway(*groups)
    means = np.array([np.mean(g) for g in groups])
    n = sum(len(g) for g in groups)
    k = len(groups)
    within = sum(((np.asarray(g) - np.mean(g)) ** 2).sum() for g in groups)
    return {"name": name, "groups": [list(map(float, g)) for g in groups], "f": float(f), "p": float(p),
            "betweenSpread": float(np.std(means, ddof=1)), "withinSpread": float(np.sqrt(within / (n - k)))}


rng = np.random.default_rng(20261206)
cases = [
    case("same sigma", [list(rng.normal(1.11, 0.02, size)) for size in (6, 12, 9)]),
    case("one model apart", [list(rng.normal(1.11, 0.02, 8)), list(rng.normal(1.11, 0.02, 8)),
                             list(rng.normal(1.30, 0.02, 8))]),
    case("small", [[1.0, 1.2], [1.1, 1.4, 0.9]]),
]
print(json.dumps({"script": "tools/survey_golden.py", "scipy": __import__("scipy").__version__, "cases": cases},
                 indent=1))
