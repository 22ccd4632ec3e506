#!/usr/bin/env python3
"""Writes the golden lattice quantiles that QuantileLatticeTest checks jaynes' warm-up lattice against.

Run from the repository root:

    /opt/jvenv/bin/python tools/make_lattice_quantiles.py

(any Python with scipy will do). It writes jaynes-nn/src/test/resources/warmup/lattice-quantiles.csv:
one line per (n, rank r) for n in 1, 2, 20 and 1001, and for n = 1001 every 50th rank plus the last,
with z = scipy.stats.norm.ppf((r + 1/2) / n), the standard-normal quantile at the lattice's plotting
position, printed with repr (17 significant digits).
"""
from pathlib import Path

from scipy.stats import norm

OUT = Path("jaynes-nn/src/test/resources/warmup/lattice-quantiles.csv")


def main():
    rows = ["n,rank,z"]
    for n in (1, 2, 20, 1001):
        ranks = range(n) if n <= 20 else list(range(0, n, 50)) + [n - 1]
        for r in ranks:
            rows.append(f"{n},{r},{float(norm.ppf((r + 0.5) / n))!r}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
