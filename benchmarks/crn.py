"""Common random numbers: how precisely paired runs measure a policy's effect.

For the baseline and each single-policy scenario, run seeds 1..8 for 5 years and take the mean
collective total income per home village in the last year. The standard deviation across
seeds of the *paired difference* (policy − baseline, same seed) over the standard deviation of
the baseline's *level* says how much the shared random streams help: well below 1 when a
policy leaves the draws of everything else unchanged (``random_streams``), about √2 when runs
share nothing. Target (issue 11): ≤ 0.3.

    python benchmarks/crn.py [--seeds 8] [--years 5] [--workers 2]
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
POLICIES = ("pairing", "flying_land", "tourism", "common_prosperity", "land_consolidation", "credit")
OUTCOME = "collective_income_total_mean_yuan"


def one(job: tuple[str | None, int, int]) -> float:
    from cluster_sim.model import ClusterModel
    scenario, seed, years = job
    path = None if scenario is None else str(ROOT / "scenarios" / f"{scenario}.toml")
    return float(ClusterModel(path, seed=seed).run(years=years).tables()["county_year"][OUTCOME].iloc[-1])


def measure(seeds: int, years: int, workers: int) -> dict[str, tuple[float, float, float]]:
    """{policy: (level SD of the baseline, SD of the paired difference, their ratio)}."""
    scenarios = (None,) + POLICIES
    jobs = [(s, seed, years) for s in scenarios for seed in range(1, seeds + 1)]
    with ProcessPoolExecutor(workers) as pool:
        values = np.array(list(pool.map(one, jobs))).reshape(len(scenarios), seeds)
    level = values[0].std(ddof=1)
    return {p: (level, (values[k + 1] - values[0]).std(ddof=1), (values[k + 1] - values[0]).std(ddof=1) / level)
            for k, p in enumerate(POLICIES)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    print(f"| policy | level SD (yuan) | paired-difference SD (yuan) | ratio |\n|---|---|---|---|")
    for p, (level, diff, ratio) in measure(a.seeds, a.years, a.workers).items():
        print(f"| {p} | {level:,.0f} | {diff:,.0f} | {ratio:.3f} |")


if __name__ == "__main__":
    main()
