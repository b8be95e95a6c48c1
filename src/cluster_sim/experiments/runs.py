"""Run specifications and the work a backend ships to a worker: run specs in, result rows out.

A runner is a function ``runner(scenario, params, seed, years)``, chosen by name (``runners``):

- ``scenario``: absolute path of a scenario file, or None for the embedded default;
- ``params``: ``{dotted.parameter.path: value}`` overrides for this design point;
- ``seed``: the replication's seed (see ``seeds``); ``years``: years to simulate.

It returns either a pandas DataFrame with a column ``t`` (0 = initial year) and one row a
year, from which the experiment's outcomes are read, or a mapping ``{column: number}`` of
final values. Outcomes are reduced in the worker so only a few numbers travel back.

A runner may carry ``runner.validate(scenario, params)``, called once per design point
before any run starts; it raises ``ScenarioError`` for parameters the model would reject.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..scenario import Scenario
from .outcomes import Outcome


@dataclass(frozen=True)
class RunSpec:
    """One run: a design point under one replication's seed."""

    run_id: str
    design_point: int
    replication: int
    seed: int
    years: int
    # absolute path handed to the runner, None = the embedded default, or (for a comparison's
    # runs, never a sweep's) the loaded Scenario itself
    scenario: str | Scenario | None
    params: dict[str, Any] = field(default_factory=dict)  # overrides handed to the runner
    factors: dict[str, Any] = field(default_factory=dict)  # results columns (params + scenario lever)


def make_run_id(content: dict[str, Any]) -> str:
    """A stable id from everything that determines a run's result (not from file locations),
    so a resumed sweep recognises its runs and a changed experiment does not reuse stale ones."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class ChunkResult:
    rows: list[dict[str, Any]]
    seconds: float


def run_chunk(runner: Callable[..., Any], outcomes: tuple[Outcome, ...], specs: list[RunSpec]) -> ChunkResult:
    """Run ``specs`` one after the other. A run that raises becomes a row with status
    "failed" and its traceback; the others go on. Runs in the worker process."""
    start = time.perf_counter()
    rows = [run_one(runner, outcomes, spec) for spec in specs]
    return ChunkResult(rows, time.perf_counter() - start)


def run_one(runner: Callable[..., Any], outcomes: tuple[Outcome, ...], spec: RunSpec) -> dict[str, Any]:
    try:
        table = runner(spec.scenario, dict(spec.params), spec.seed, spec.years)
        values = {o.name: o.measure(table) for o in outcomes}
    except Exception:  # noqa: BLE001 - any failure of the model is data about that run
        return result_row(spec, outcomes, "failed", traceback.format_exc())
    return result_row(spec, outcomes, "ok", None, values)


def result_row(spec: RunSpec, outcomes: tuple[Outcome, ...], status: str, error: str | None,
               values: dict[str, float] | None = None) -> dict[str, Any]:
    """One row of the results table."""
    values = values or {}
    return {"run_id": spec.run_id, "design_point": spec.design_point, "replication": spec.replication,
            "seed": spec.seed, **spec.factors, "status": status, "error": error,
            **{o.name: values.get(o.name, math.nan) for o in outcomes}}
