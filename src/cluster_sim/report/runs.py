"""Run every scenario R times with common random numbers, on local processes.

Replication k of every scenario runs with the same seed (``replication_seeds``), so the
difference scenario − baseline in replication k is a paired difference. Each run is a pure
function of (scenario, seed); results are put back in (scenario, replication) order, so
the tidy table is the same whatever the number of workers or the order runs finish in.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

import pandas as pd

from ..experiments.lifeline import pool_options
from ..experiments.seeds import replication_seeds
from ..scenario import Scenario
from .metrics import run_to_tidy

TIDY_COLUMNS = ["scenario", "replication", "seed", "t", "year", "metric", "value"]


@dataclass(frozen=True)
class RunSpec:
    scenario_name: str
    scenario: Scenario
    replication: int
    seed: int


def plan(scenarios: dict[str, Scenario], reps: int, root_seed: int) -> list[RunSpec]:
    """Every (scenario, replication) with its common-random-number seed."""
    seeds = replication_seeds(root_seed, reps)
    return [RunSpec(name, spec, k, seeds[k]) for name, spec in scenarios.items() for k in range(reps)]


def run_one(spec: RunSpec) -> pd.DataFrame:
    """Simulate one replication and return its tidy rows."""
    from ..runner import simulate

    result = simulate(spec.scenario, seed=spec.seed)
    long = run_to_tidy(result.county_year, result.village_year, result.tables["flows_year"])
    long.insert(0, "seed", spec.seed)
    long.insert(0, "replication", spec.replication)
    long.insert(0, "scenario", spec.scenario_name)
    return long[TIDY_COLUMNS]


def run_all(specs: list[RunSpec], workers: int | None = None,
            progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Run ``specs`` (in this process when ``workers`` is 1) and return one tidy table.

    The first run that raises stops the comparison: runs not yet started are cancelled and
    the error propagates, so no report is built from part of the runs.
    """
    workers = max(1, min(workers or os.cpu_count() or 1, len(specs)))
    results: dict[int, pd.DataFrame] = {}
    total = len(specs)
    if progress:
        progress(0, total)
    if workers == 1:
        for i, spec in enumerate(specs):
            results[i] = run_one(spec)
            if progress:
                progress(len(results), total)
    else:
        # spawn: workers start clean (fork would copy this process's threads and locks)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, **pool_options()) as pool:
            pending = {pool.submit(run_one, spec): i for i, spec in enumerate(specs)}
            try:
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        results[pending.pop(future)] = future.result()
                        if progress:
                            progress(len(results), total)
            except BaseException:
                for future in pending:
                    future.cancel()
                raise
    ordered = [results[i] for i in range(total)]
    return pd.concat(ordered, ignore_index=True)
