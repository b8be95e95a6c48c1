"""Run every scenario R times with common random numbers, through the sweep's backends.

Replication k of every scenario runs with the same seed (``replication_seeds``), so the
difference scenario − baseline in replication k is a paired difference. Each run is a pure
function of (scenario, seed); results are put back in (scenario, replication) order, so
the tidy table is the same whatever the backend, the number of workers or the order runs
finish in. A run is the sweep's ``RunSpec`` (the scenario itself travels with it).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..experiments.ordered import run_ordered
from ..experiments.runs import RunSpec, make_run_id
from ..experiments.seeds import replication_seeds
from ..scenario import Scenario
from .metrics import run_to_tidy

TIDY_COLUMNS = ["scenario", "replication", "seed", "t", "year", "metric", "value"]


def plan(scenarios: dict[str, Scenario], reps: int, root_seed: int) -> list[RunSpec]:
    """Every (scenario, replication) with its common-random-number seed."""
    seeds = replication_seeds(root_seed, reps)
    return [RunSpec(make_run_id({"scenario": spec.data, "seed": seeds[k]}), point, k, seeds[k],
                    spec.data["simulation"]["years"], spec, factors={"scenario": name})
            for point, (name, spec) in enumerate(scenarios.items()) for k in range(reps)]


def run_one(spec: RunSpec) -> pd.DataFrame:
    """Simulate one replication and return its tidy rows."""
    from ..runner import simulate

    result = simulate(spec.scenario, seed=spec.seed)
    long = run_to_tidy(result.county_year, result.village_year, result.tables["flows_year"])
    long.insert(0, "seed", spec.seed)
    long.insert(0, "replication", spec.replication)
    long.insert(0, "scenario", spec.factors["scenario"])
    return long[TIDY_COLUMNS]


def describe(spec: RunSpec) -> str:
    return f"{spec.factors['scenario']} replication {spec.replication} (seed {spec.seed})"


def run_all(specs: list[RunSpec], workers: int | None = None, progress: Callable[[int, int], None] | None = None,
            backend: str | None = None, scheduler: str | None = None) -> pd.DataFrame:
    """Run ``specs`` and return one tidy table. The first run that fails stops the comparison
    (``RunFailed``), so no report is built from part of the runs."""
    tidy = run_ordered(run_one, specs, backend=backend, workers=workers, scheduler=scheduler, progress=progress,
                       describe=describe)
    return pd.concat(tidy, ignore_index=True)
